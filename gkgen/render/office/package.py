"""Office Open XML packages (.docx, .xlsx) as reproducible bytes.

A package is a zip of XML parts. Every member gets the same fixed date (the report's
publication date, else 1980-01-01), fixed permissions and a fixed order, so the same
report gives the same bytes on every machine and every run.
"""

from __future__ import annotations

import datetime as dt
import re
import struct
import zlib
from xml.sax.saxutils import escape

XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_EPOCH = (1980, 1, 1, 0, 0, 0)
_ILLEGAL = dict.fromkeys([*range(0, 9), 11, 12, *range(14, 32), 0xFFFE, 0xFFFF])
_ANY_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def text(value: str) -> str:
    """Character data for an XML part (control characters XML cannot hold are dropped)."""
    if _ANY_ILLEGAL.search(value):  # rare: str.translate with a table is slow on long text
        value = value.translate(_ILLEGAL)
    return escape(value)


def attr(value: str) -> str:
    """An attribute value for an XML part, quoted."""
    return '"' + escape(value.translate(_ILLEGAL), {'"': "&quot;"}) + '"'


def stamp(day: dt.date | None) -> tuple[int, int, int, int, int, int]:
    """The zip member date of a report's package: its publication date, else 1980-01-01."""
    if day is None or day.year < 1980:
        return _EPOCH
    return (day.year, day.month, day.day, 0, 0, 0)


def iso(day: dt.date | None) -> str:
    """The W3CDTF timestamp of the package's core properties."""
    d = day or dt.date(1980, 1, 1)
    return f"{d.isoformat()}T00:00:00Z"


_LEVEL = 1  # zlib level: level 6 takes twice the time for a file ~13 % smaller
_PACKED: dict[str, tuple[int, int, bytes]] = {}  # fixed parts (styles, settings): packed once


def _pack(data: str, fixed: bool) -> tuple[int, int, bytes]:
    """(crc32, size, raw deflate) of a member; fixed members are packed once per process."""
    if fixed and data in _PACKED:
        return _PACKED[data]
    raw = data.encode("utf-8")
    z = zlib.compressobj(_LEVEL, zlib.DEFLATED, -15)
    packed = (zlib.crc32(raw), len(raw), z.compress(raw) + z.flush())
    if fixed:
        _PACKED[data] = packed
    return packed


def zip_parts(parts: list[tuple[str, str]], day: dt.date | None,
              fixed: frozenset[str] = frozenset()) -> bytes:
    """The package of parts, in the given order ([Content_Types].xml first).

    A plain zip (deflated members, no extra fields, one fixed date): what Word, Excel,
    LibreOffice, python-docx and openpyxl read. Parts named in fixed are the same in every
    package and are compressed once.
    """
    y, mo, d, _, _, _ = stamp(day)
    date = ((y - 1980) << 9) | (mo << 5) | d
    body = bytearray()
    central = bytearray()
    for name, data in parts:
        crc, size, packed = _pack(data, name in fixed)
        fname = name.encode("utf-8")
        head = struct.pack("<HHHHHIIIHH", 20, 0x800, 8, 0, date, crc, len(packed), size,
                           len(fname), 0)
        central += (b"PK\x01\x02" + struct.pack("<H", 20) + head
                    + struct.pack("<HHHII", 0, 0, 0, 0o644 << 16, len(body)) + fname)
        body += b"PK\x03\x04" + head + fname + packed
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(parts), len(parts), len(central),
                      len(body), 0)
    return bytes(body + central + end)


def core_xml(title: str, creator: str, description: str, day: dt.date | None) -> str:
    """docProps/core.xml: title, author and fixed dates."""
    when = iso(day)
    return (XML_HEAD +
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
            'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:title>{text(title)}</dc:title><dc:creator>{text(creator)}</dc:creator>"
            f"<dc:description>{text(description)}</dc:description><dc:language>zh-CN</dc:language>"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified>'
            "</cp:coreProperties>")


def app_xml(application: str) -> str:
    """docProps/app.xml."""
    return (XML_HEAD + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/'
            '2006/extended-properties"><Application>' + text(application) +
            "</Application></Properties>")


def rels_xml(rels: list[tuple[str, str, str]]) -> str:
    """A relationships part from (id, type suffix, target)."""
    base = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    pkg = "http://schemas.openxmlformats.org/package/2006/relationships/"
    items = "".join(
        f'<Relationship Id="{rid}" Type="{(pkg if kind == "metadata/core-properties" else base) + kind}"'
        f' Target="{target}"/>' for rid, kind, target in rels)
    return (XML_HEAD + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            f'relationships">{items}</Relationships>')


ROOT_RELS = [("rId1", "officeDocument", "{main}"), ("rId2", "metadata/core-properties",
                                                     "docProps/core.xml"),
             ("rId3", "extended-properties", "docProps/app.xml")]


def root_rels(main: str) -> str:
    """_rels/.rels naming the main part and the two property parts."""
    return rels_xml([(rid, kind, target.format(main=main)) for rid, kind, target in ROOT_RELS])
