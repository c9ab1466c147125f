"""Fonts for the print PDF: the free Fandol faces, loaded by file with ``@font-face``.

GB/T 9704 wants 仿宋 for the body, 黑体 and 楷体 for headings, 宋体 for page numbers and
小标宋 for the title. The fonts it names (仿宋_GB2312, 方正小标宋) are not free. The only
free simplified-Chinese FangSong is **FandolFang**; its siblings FandolKai, FandolHei and
FandolSong complete the set, so the whole PDF uses one coherent family:

=============  ==============================  ===================================
CSS family     file(s)                         used for
=============  ==============================  ===================================
GK FangSong    FandolFang-Regular.otf          body text, "1." / "（1）" headings
GK Kai         FandolKai-Regular.otf           "（一）" headings (h3)
GK Hei         FandolHei-Regular/-Bold.otf     "一、" headings (h2), table headers
GK Song        FandolSong-Regular/-Bold.otf    title (Bold, for 小标宋), page numbers
=============  ==============================  ===================================

Fandol covers the 6,763 GB2312 characters (plus ASCII and the usual punctuation). A rarer
character (some place or person names) is not in it, so every stack in :data:`STACKS`
falls back to Noto Serif CJK SC / Noto Sans CJK SC (Debian ``fonts-noto-cjk``, found by
fontconfig), and only then to a generic family.

Debian's ``texlive-lang-chinese`` installs the Fandol files outside fontconfig's path,
so they are found by globbing the known TeX trees (no ``dpkg -L`` at run time) and
loaded with ``@font-face`` rules (:func:`font_face_css`). ``GKGEN_FANDOL_DIR`` overrides
the search.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

__all__ = [
    "FANDOL_SEARCH_DIRS",
    "FONT_FACES",
    "STACKS",
    "FontFace",
    "FontsNotFoundError",
    "find_fandol_dir",
    "font_dirs",
    "font_face_css",
]


class FontsNotFoundError(RuntimeError):
    """The Fandol font files are not installed (Debian: ``texlive-lang-chinese``)."""


@dataclass(frozen=True)
class FontFace:
    family: str
    file: str
    weight: int = 400


#: The ``@font-face`` rules gkgen declares, in order.
FONT_FACES: tuple[FontFace, ...] = (
    FontFace("GK FangSong", "FandolFang-Regular.otf"),
    FontFace("GK Kai", "FandolKai-Regular.otf"),
    FontFace("GK Hei", "FandolHei-Regular.otf"),
    FontFace("GK Hei", "FandolHei-Bold.otf", 700),
    FontFace("GK Song", "FandolSong-Regular.otf"),
    FontFace("GK Song", "FandolSong-Bold.otf", 700),
)

#: ``font-family`` values for the print stylesheet (``gkgen/assets/print.css`` spells
#: the same stacks out; keep them in step).
STACKS: dict[str, str] = {
    "fangsong": '"GK FangSong", "Noto Serif CJK SC", serif',
    "kai": '"GK Kai", "Noto Serif CJK SC", serif',
    "hei": '"GK Hei", "Noto Sans CJK SC", sans-serif',
    "song": '"GK Song", "Noto Serif CJK SC", serif',
}

_FANDOL_SUBDIR = Path("fonts/opentype/public/fandol")

#: Where the Fandol files are looked for, in order (after ``$GKGEN_FANDOL_DIR``).
FANDOL_SEARCH_DIRS: tuple[str, ...] = (
    # Debian / Ubuntu texlive-lang-chinese
    "/usr/share/texlive/texmf-dist/" + str(_FANDOL_SUBDIR),
    "/usr/share/texmf-dist/" + str(_FANDOL_SUBDIR),  # Arch, Fedora texlive
    "/usr/share/texmf/" + str(_FANDOL_SUBDIR),
    "/usr/local/share/texmf/" + str(_FANDOL_SUBDIR),
    # Upstream TeX Live installs (glob: any year)
    "/usr/local/texlive/*/texmf-dist/" + str(_FANDOL_SUBDIR),
    "/opt/texlive/*/texmf-dist/" + str(_FANDOL_SUBDIR),
    # Distribution font packages (e.g. Fedora fandol-fonts)
    "/usr/share/fonts/fandol",
    "/usr/share/fonts/opentype/fandol",
    "/usr/local/share/fonts/fandol",
)


def _candidates(extra: Iterable[str]) -> list[Path]:
    out: list[Path] = []
    for pattern in extra:
        if any(ch in pattern for ch in "*?["):
            root = Path(pattern).anchor or "/"
            out.extend(sorted(Path(root).glob(pattern[len(root) :]), reverse=True))
        else:
            out.append(Path(pattern))
    return out


@lru_cache(maxsize=1)
def find_fandol_dir() -> Path:
    """The directory holding all Fandol files gkgen needs.

    Raises :class:`FontsNotFoundError` (with the install hint) when none is complete.
    """
    needed = {face.file for face in FONT_FACES}
    searched: list[str] = []
    patterns: list[str] = []
    if env := os.environ.get("GKGEN_FANDOL_DIR"):
        patterns.append(env)
    patterns.extend(FANDOL_SEARCH_DIRS)
    for directory in _candidates(patterns):
        searched.append(str(directory))
        if all((directory / name).is_file() for name in needed):
            return directory.resolve()
    raise FontsNotFoundError(
        "Fandol fonts (" + ", ".join(sorted(needed)) + ") not found; install them with "
        "`apt-get install texlive-lang-chinese` (or run scripts/setup.sh), or point "
        "GKGEN_FANDOL_DIR at a folder holding them. Searched: " + ", ".join(searched)
    )


def font_dirs() -> list[Path]:
    """Folders the PDF renderer must be allowed to read fonts from."""
    return [find_fandol_dir()]


def font_face_css() -> str:
    """``@font-face`` rules for the GK families, pointing at the installed Fandol files."""
    directory = find_fandol_dir()
    rules = []
    for face in FONT_FACES:
        url = (directory / face.file).as_uri()
        rules.append(
            "@font-face {\n"
            f'  font-family: "{face.family}";\n'
            f'  src: url("{url}") format("opentype");\n'
            f"  font-weight: {face.weight};\n"
            "  font-style: normal;\n"
            "}\n"
        )
    return "".join(rules)
