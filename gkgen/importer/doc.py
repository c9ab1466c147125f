"""What a source reader hands over: the page as a sequence of paragraphs and tables."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Para:
    """A paragraph, heading (level 1–6) or list item of the page."""

    text: str
    level: int = 0  # 0 = paragraph; 1–6 = heading level
    ordinal: int | None = None  # the number of an ordered-list item
    bullet: bool = False  # an unordered-list item


@dataclass
class Grid:
    """A real table: rows of cells with their positions kept (blank cells are "").

    A cell spanning several columns appears once in its row; a cell spanning several rows
    is repeated in each of them, so every row carries its own row header path.
    """

    rows: list[list[str]]
    page: int | None = None  # the PDF page it is printed on (for the log)


@dataclass
class Flat:
    """A table flattened to a stream of cell texts: blank cells, and so positions, are lost."""

    tokens: list[str]


Block = Para | Grid | Flat


@dataclass
class Document:
    """A published report as read from a file."""

    blocks: list[Block]
    title: str | None = None  # the page's own title (HTML <title>, DOCX core property)
    source_kind: str = ""  # "HTML", "DOCX", "文本" — for the log
    notes: list[str] = field(default_factory=list)  # what the reader had to say, in Chinese
    meta: dict[str, str] = field(default_factory=dict)  # <meta name=…> of a web page
    cells_by_space: bool = False  # table rows printed as one line, cells apart by spaces (PDF)
    tables_only: bool = False  # only tables, no narrative (Excel): an existing report keeps its text
