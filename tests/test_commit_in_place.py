"""How a build ends: a small change is moved into the output in place, a large one swaps trees.

Either way the output equals a clean build, a failed build leaves it as it was, a hard-linked
copy of an earlier output (the preview server's folders) is never written through, and a
commit cut short makes the next build a full one.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import test_incremental
from conftest import edit, report_dir
from test_incremental import tree

from gkgen.build import output
from gkgen.build.result import BuildError
from gkgen.build.site import build_site

two_bodies = test_incremental.two_bodies  # the same two-body site as the incremental tests


def _clean(root: Path, tmp: Path) -> dict[str, bytes]:
    return tree(build_site(root, tmp / "clean", pdf=False, jobs=1, clean=True).out)


def test_a_small_change_is_committed_in_place(two_bodies: Path, tmp_path: Path) -> None:
    first = build_site(two_bodies, pdf=False, jobs=1)
    folder = first.out.stat().st_ino
    before = tree(first.out)
    copy = tmp_path / "copy"  # a hard-linked copy, as gkgen serve makes them
    shutil.copytree(first.out, copy, copy_function=os.link)
    (first.out / "y" / "stray.txt").write_text("not gkgen's", encoding="utf-8")
    edit(report_dir(two_bodies, 2022) / "6-other.md", "本年度", "本年度内")
    again = build_site(two_bodies, pdf=False, jobs=1)
    assert again.ok and again.rendered == ["x/2022"]
    assert again.out.stat().st_ino == folder  # the same folder: files moved into it
    assert tree(again.out) == _clean(two_bodies, tmp_path)  # the stray file is gone too
    assert tree(copy) == before  # the copy's files were replaced, never written through
    assert tree(again.out) != before
    assert not list(again.out.parent.glob(f".{again.out.name}.new-*"))
    assert build_site(two_bodies, pdf=False, jobs=1).unchanged


def test_a_removed_report_leaves_no_empty_folder(two_bodies: Path, tmp_path: Path) -> None:
    build_site(two_bodies, pdf=False, jobs=1)
    shutil.rmtree(two_bodies / "content/y")
    again = build_site(two_bodies, pdf=False, jobs=1)
    assert again.ok and not (again.out / "y").exists()
    assert tree(again.out) == _clean(two_bodies, tmp_path)


def test_a_large_change_swaps_the_whole_tree(two_bodies: Path, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    first = build_site(two_bodies, pdf=False, jobs=1)
    folder = first.out.stat().st_ino
    monkeypatch.setattr(output, "IN_PLACE_MIN", 0)  # this small site counts as large
    monkeypatch.setattr(output, "IN_PLACE_SHARE", 10_000)
    edit(report_dir(two_bodies, 2022) / "6-other.md", "本年度", "本年度内")
    again = build_site(two_bodies, pdf=False, jobs=1)
    assert again.ok and again.rendered == ["x/2022"]
    assert again.out.stat().st_ino != folder  # a new folder took the old one's place
    assert tree(again.out) == _clean(two_bodies, tmp_path)


def test_a_commit_cut_short_makes_the_next_build_a_full_one(two_bodies: Path, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    build_site(two_bodies, pdf=False, jobs=1)
    edit(report_dir(two_bodies, 2021) / "6-other.md", "本年度", "本年度内")
    real = os.replace
    calls = []

    def fail_on_second(src: str, dst: str) -> None:  # the disk fills up half-way
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real(src, dst)

    monkeypatch.setattr(output.os, "replace", fail_on_second)
    with pytest.raises(BuildError, match="无法写入输出目录"):
        build_site(two_bodies, pdf=False, jobs=1)
    monkeypatch.setattr(output.os, "replace", real)
    assert len(calls) == 2
    again = build_site(two_bodies, pdf=False, jobs=1)
    assert again.ok and again.rendered == ["x/2021", "x/2022", "y/2022"]  # nothing trusted
    assert tree(again.out) == _clean(two_bodies, tmp_path)
