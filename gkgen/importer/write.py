"""Writing a planned import: new files only, or (force) replacing the report's files."""

from __future__ import annotations

from gkgen.build.output import atomic_write, create_files
from gkgen.importer.plan import Plan


def write_plan(plan: Plan, force: bool) -> None:
    """Write the planned files; without force, refuse (WouldOverwrite) to replace any."""
    if force:
        for path, text in plan.files.items():
            atomic_write(path, text)
    else:
        create_files(plan.files)
