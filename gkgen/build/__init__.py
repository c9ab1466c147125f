"""Building a site: plan (digests, caches) → tasks → an executor (serial, local processes, Dask)
→ the single writer of the output → the site pages."""
