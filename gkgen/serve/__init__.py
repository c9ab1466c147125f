"""`gkgen serve`: watch the sources, rebuild into a temp folder, serve it, reload the page.

Modules: ``watch`` (polling watcher with debounce), ``preview`` (builds into fresh folders
and swaps the served one under a lock), ``reload`` (state token, Server-Sent Events, the
injected script), ``overlay`` (the error banner), ``pdfs`` (report PDFs on request),
``server`` (the static HTTP server), ``session`` (all of it, started and stopped cleanly).
"""
