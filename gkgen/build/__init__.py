"""Building a site: the plan of what to build, the cache, the serial and parallel executors and the one writer of output/."""
