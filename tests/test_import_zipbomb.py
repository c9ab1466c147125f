"""A .docx zip bomb is refused by check_zip from the sizes the zip's directory declares,
before python-docx opens it: in milliseconds, without unpacking anything. A zip that lies
about its sizes cannot do better: Python's zipfile never inflates a member past its declared
size, so python-docx gets a damaged member and the import refuses it, in bounded memory."""

from __future__ import annotations

import struct
import sys
import time
import zipfile
from pathlib import Path

import pytest
from test_import_common import empty_site, run
from test_import_hostile import LIMIT_MB, _peak_mb

from gkgen.importer.sources import SourceError, read_document
from gkgen.importer.sources.limits import MAX_UNPACKED, check_zip

docx = pytest.importorskip("docx", reason="python-docx (test extra) is not installed")
MB = 1024 * 1024


def _bomb(path: Path, megabytes: int) -> Path:
    """A .docx whose word/document.xml inflates to megabytes of spaces (a few hundred KB packed)."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w") as member:
            chunk = b" " * MB
            for _ in range(megabytes):
                member.write(chunk)
    return path


def _declare(path: Path, name: str, size: int, packed: int | None = None) -> None:
    """Rewrite the sizes (inflated, and packed if given) the zip's central directory declares
    for one member."""
    data = bytearray(path.read_bytes())
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        name_len = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46:at + 46 + name_len].decode() == name:
            struct.pack_into("<I", data, at + 24, size)
            if packed is not None:
                struct.pack_into("<I", data, at + 20, packed)
        at = data.find(b"PK\x01\x02", at + 46)
    path.write_bytes(bytes(data))


@pytest.fixture
def no_python_docx(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    opened: list[str] = []

    def refuse(path: str) -> None:
        opened.append(path)
        raise AssertionError("python-docx opened the file")
    monkeypatch.setattr(docx, "Document", refuse)
    return opened


def _tiny(path: Path) -> Path:
    """A two-member .docx, whose sizes a test then rewrites (_declare)."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return path


def test_bomb_refused_before_python_docx_opens_it(tmp_path: Path, no_python_docx: list[str]) -> None:
    bomb = _bomb(tmp_path / "bomb.docx", 200)
    assert bomb.stat().st_size < 2 * MB
    start = time.perf_counter()
    with pytest.raises(SourceError) as err:
        read_document(bomb)
    assert time.perf_counter() - start < 0.5  # a directory read; unpacking 200 MB takes seconds
    assert "解压后有 200 MB" in str(err.value) and "可能是恶意构造的文件，未导入" in str(err.value)
    assert no_python_docx == []


def test_refusal_comes_from_the_declared_sizes(tmp_path: Path, no_python_docx: list[str]) -> None:
    """A small member that declares 100 MB is refused as well: nothing was inflated to know it."""
    small = _tiny(tmp_path / "declared.docx")
    _declare(small, "word/document.xml", 100 * MB)
    with zipfile.ZipFile(small) as z:
        assert z.getinfo("word/document.xml").file_size == 100 * MB
    with pytest.raises(SourceError, match="解压后有 100 MB"):
        check_zip(small)
    with pytest.raises(SourceError, match="可能是恶意构造的文件"):
        read_document(small)
    assert no_python_docx == []


def test_bomb_under_the_ratio_but_over_the_total(tmp_path: Path, no_python_docx: list[str]) -> None:
    """XML packed an ordinary 10:1, but more of it than any report: the total is refused."""
    bomb = _tiny(tmp_path / "many.docx")
    _declare(bomb, "word/document.xml", MAX_UNPACKED + MB, packed=(MAX_UNPACKED + MB) // 10)
    with zipfile.ZipFile(bomb) as z:
        info = z.getinfo("word/document.xml")
    assert info.file_size / info.compress_size < 20
    with pytest.raises(SourceError, match="解压后有 61 MB.*超过导入上限"):
        read_document(bomb)
    assert no_python_docx == []


def test_zip_lying_about_its_size_is_a_damaged_file(tmp_path: Path) -> None:
    """200 MB declared as 1 KB passes the directory check; python-docx then reads 1 KB and
    a bad CRC: a clear refusal, quickly and in bounded memory, nothing written."""
    (tmp_path / "in").mkdir()
    liar = _bomb(tmp_path / "in" / "liar.docx", 200)
    _declare(liar, "word/document.xml", 1024)
    root = empty_site(tmp_path / "site")
    start = time.perf_counter()
    res = run(root, "import", str(liar), "--body", "x")
    assert time.perf_counter() - start < 5
    assert res.exit_code != 0 and "无法打开 Word 文件 liar.docx：文件已损坏" in res.output, res.output
    assert "Traceback" not in res.output
    if sys.platform.startswith("linux"):
        peak, out = _peak_mb(root, str(liar), "--body", "x")
        assert "文件已损坏" in out and peak < LIMIT_MB, (peak, out)
    assert not (root / "content" / "x").exists()


def _many(path: Path, count: int) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as z:
        for i in range(count):
            z.writestr(zipfile.ZipInfo(f"{i:x}"), b"")
    return path


@pytest.mark.parametrize("count", [70_000, 3_000], ids=["zip64", "plain"])
def test_member_count_read_from_the_end_record(tmp_path: Path, count: int) -> None:
    """A directory of 70,000 entries (a ZIP64 end record beyond 65,535) is refused from the
    count the end record declares, before zipfile parses the entries."""
    from gkgen.importer.sources.limits import declared_members

    many = _many(tmp_path / "many.docx", count)
    assert declared_members(many) == count
    with pytest.raises(SourceError, match=f"中有 {count} 个部件，超过导入上限"):
        check_zip(many)
    from gkgen.importer.sources.xlsxzip import check_package

    with pytest.raises(SourceError, match=f"中有 {count} 个部件，远多于"):  # the Excel reader's own check
        check_package(many, SourceError)
    assert declared_members(_bomb(tmp_path / "one.docx", 1)) == 2
    assert declared_members(tmp_path / "one.docx") is not None
    (tmp_path / "not.docx").write_bytes(b"plain text")
    assert declared_members(tmp_path / "not.docx") is None


def test_two_hundred_thousand_members_in_bounded_memory(tmp_path: Path) -> None:
    """Parsing a directory this long would take about 120 MB; the end record is a few bytes."""
    (tmp_path / "in").mkdir()
    many = _many(tmp_path / "in" / "many.docx", 200_000)
    assert many.stat().st_size < 20 * MB  # under the file size limit: only the count refuses it
    root = empty_site(tmp_path / "site")
    peak, out = _peak_mb(root, str(many), "--body", "x")
    assert "200000 个部件，超过导入上限" in out and peak < 60, (peak, out)
