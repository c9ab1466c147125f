"""The Jinja environment for pages: the site's own templates/ first, the official template last."""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterator
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import jinja2

from gkgen.i18n import jinja_zh

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


class TemplateFailed(Exception):
    """A page template could not be loaded or rendered (picklable; message in Chinese).

    ``file`` and ``line`` name the template line at fault when known ("" / 0 otherwise).
    """

    hint = "修改站点 templates/ 中的这个模板（删除它即恢复使用官方模板）。"

    def __init__(self, message: str, file: str = "", line: int = 0) -> None:
        super().__init__(message, file, line)
        self.message, self.file, self.line = message, file, line

    def where(self, shown: Callable[[Path], str]) -> str:
        """file:line with the file as shown(path) gives it; "" when unknown."""
        if not self.file:
            return ""
        return f"{shown(Path(self.file))}:{self.line}" if self.line else shown(Path(self.file))

    def __str__(self) -> str:
        return "模板" + self.message


def template_failed(exc: jinja2.TemplateError) -> TemplateFailed:
    """The TemplateFailed saying, in Chinese, what went wrong in a template and where."""
    file, line = _place(exc)
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return TemplateFailed(f"语法错误：{jinja_zh(exc.message)}", exc.filename or file,
                              exc.lineno or line)
    if isinstance(exc, jinja2.TemplateNotFound):
        return TemplateFailed(f"找不到要引用的模板：{exc.name}", file, line)
    if isinstance(exc, jinja2.UndefinedError):
        return TemplateFailed(f"引用了不存在的数据：{jinja_zh(exc.message)}", file, line)
    return TemplateFailed(f"出错：{jinja_zh(exc.message)}", file, line)


def _place(exc: BaseException) -> tuple[str, int]:
    # Jinja rewrites tracebacks so that template code shows as frames of the template file.
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if not frame.filename.endswith(".py") and not frame.filename.startswith("<"):
            return frame.filename, frame.lineno or 0
    return "", 0


def render_page(dirs: tuple[Path, ...], name: str, context: dict[str, Any]) -> str:
    """One page rendered from the named template; any template error is a TemplateFailed."""
    try:
        return environment(dirs).get_template(name).render(context)
    except jinja2.TemplateError as exc:
        raise template_failed(exc) from None


def load_templates(dirs: tuple[Path, ...], names: tuple[str, ...]) -> None:
    """Parse the named page templates now, so a syntax error stops a build before it renders."""
    for name in names:
        try:
            environment(dirs).get_template(name)
        except jinja2.TemplateError as exc:
            raise template_failed(exc) from None


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
        inside = d.resolve()
        if not base.resolve().is_relative_to(inside):
            continue
        for path in sorted(base.rglob("*")):
            rel = path.relative_to(base).as_posix()
            # a symlink (templates/static itself, or a file in it) out of the templates: not published
            if not path.resolve().is_relative_to(inside):
                continue
            if path.is_file() and rel not in seen and not rel.startswith(".") and "/." not in rel:
                seen.add(rel)
                yield f"{STATIC}/{rel}", path
