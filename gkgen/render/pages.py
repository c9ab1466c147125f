"""The Jinja environment for pages: the site's own templates/ first, the official template last."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import jinja2

SITE_TEMPLATES = "templates"
STATIC = "static"


def official_templates() -> Path:
    """The packaged official template folder (gkgen.templates)."""
    return Path(str(files("gkgen.templates")))


def template_dirs(site_root: Path) -> tuple[Path, ...]:
    """Template folders in lookup order: the site's templates/ (when present), the official one."""
    own = site_root / SITE_TEMPLATES
    official = official_templates()
    if own.is_dir() and own.resolve() != official.resolve():
        return (own.resolve(), official)
    return (official,)


@lru_cache(maxsize=8)
def environment(dirs: tuple[Path, ...]) -> jinja2.Environment:
    """An autoescaping, strict environment over the template folders (cached per process)."""
    loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(d)) for d in dirs])
    env = jinja2.Environment(loader=loader, autoescape=True, undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True, auto_reload=False)
    env.filters["zh_date"] = zh_date
    return env


def render_page(dirs: tuple[Path, ...], name: str, context: dict[str, Any]) -> str:
    """One page rendered from the named template."""
    return environment(dirs).get_template(name).render(context)


def zh_date(value: Any) -> str:
    """A date as 2022年3月15日."""
    return f"{value.year}年{value.month}月{value.day}日"


def static_files(dirs: tuple[Path, ...]) -> Iterator[tuple[str, Path]]:
    """(relative path, file) of every static asset; the site's own win over the official ones."""
    seen: set[str] = set()
    for d in dirs:
        base = d / STATIC
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*")):
            rel = path.relative_to(base).as_posix()
            if path.is_file() and rel not in seen and not rel.startswith(".") and "/." not in rel:
                seen.add(rel)
                yield f"{STATIC}/{rel}", path
