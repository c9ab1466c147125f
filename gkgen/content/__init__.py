"""Reading an author's site: Markdown parts, table YAML, report and body settings, and scaffolding new ones."""
