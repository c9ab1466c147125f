"""Rendering a report: Markdown narrative, official tables, charts and the Jinja pages."""
