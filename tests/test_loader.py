"""What `claimcheck check PATH` reads, decided by the part of each path below PATH (issue 12).

Each test is one of the silently-wrong cases found by trying bad input: a PATH through `..` or
a dot-folder lost every file, patterns matched nothing or the corpus root's own name, links
out of the corpus were read without a word, ids depended on argument order, reports carried
absolute machine paths, and a report saved in the corpus was read back as a source.
"""

from __future__ import annotations

import json
import os
import warnings
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck.cli.app import app
from claimcheck.core.errors import InputError
from claimcheck.infra import load
from claimcheck.infra.load import SkippedFileWarning, discover, load_corpus

TEXT = "Officials from 35 nations convened in Paris on Monday to discuss a security force.\n"


def tree(root: Path, *names: str) -> Path:
    for name in names:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(TEXT, encoding="utf-8")
    return root


def ids(paths, **kw) -> list[str]:
    return [s.doc_id for s in discover(paths, **kw)]


def test_dot_folders_and_dotdot_above_path_lose_nothing(tmp_path: Path) -> None:
    corpus = tree(tmp_path / ".github" / "corpus", "a.md", "sub/b.txt", ".drafts/c.md", "sub/.d.md")
    assert ids([corpus]) == ["a", "sub/b"]  # hidden only below PATH
    (tmp_path / "elsewhere").mkdir()
    assert ids([tmp_path / "elsewhere" / ".." / ".github" / "corpus"]) == ["a", "sub/b"]


def test_config_paths_through_dotdot_are_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tree(tmp_path / "other", "x.md")
    project = tmp_path / "project"
    project.mkdir()
    (project / "claimcheck.toml").write_text('paths = ["../other"]\n', encoding="utf-8")
    monkeypatch.chdir(project)
    res = CliRunner().invoke(app, ["check", "--no-nli", "--format", "json"])
    assert res.exit_code == 0, res.output
    assert [d["id"] for d in json.loads(res.stdout)["documents"]] == ["x"]


@pytest.mark.parametrize(
    "include, exclude, expected",
    [
        (["deep/**"], [], ["deep/drafts/b", "deep/x/y"]),
        (["deep/x/**"], [], ["deep/x/y"]),
        ([], ["drafts"], ["a", "deep/x/y"]),  # a bare name: a folder at any depth
        ([], ["y.md"], ["a", "deep/drafts/b"]),
        (["*.md"], ["deep/x/"], ["a", "deep/drafts/b"]),
        ([], ["corpus"], ["a", "deep/drafts/b", "deep/x/y"]),  # never the root's own name
    ],
)
def test_patterns_are_gitignore_patterns_below_path(
    tmp_path: Path, include: list[str], exclude: list[str], expected: list[str]
) -> None:
    corpus = tree(tmp_path / "corpus", "a.md", "deep/drafts/b.md", "deep/x/y.md")
    assert ids([corpus], include=include, exclude=exclude) == expected


def test_a_bad_pattern_is_an_input_error(tmp_path: Path) -> None:
    tree(tmp_path, "a.md")
    res = CliRunner().invoke(app, ["check", str(tmp_path), "--no-nli", "--exclude", "!"])
    assert (
        res.exit_code == 2
        and res.stderr.strip() == "error: bad --include/--exclude pattern: Invalid git pattern: '!'"
    )


def test_a_link_out_of_the_corpus_is_skipped_unless_followed(tmp_path: Path) -> None:
    secret = tree(tmp_path / "outside", "secret.txt") / "secret.txt"
    corpus = tree(tmp_path / "corpus", "a.md")
    (corpus / "leak.txt").symlink_to(secret)
    (corpus / "same.md").symlink_to(corpus / "a.md")  # inside: the same file, read once
    with pytest.warns(SkippedFileWarning, match="leak.txt: symlink to a file outside the corpus"):
        assert ids([corpus]) == ["a"]
    assert ids([corpus], follow_symlinks=True) == ["a", "leak"]


def test_symlinked_folders_are_walked_only_when_asked_and_loops_end(tmp_path: Path) -> None:
    corpus = tree(tmp_path / "corpus", "a.md")
    tree(tmp_path / "more", "b.md")
    (corpus / "more").symlink_to(tmp_path / "more")
    (corpus / "loop").symlink_to(corpus)
    with pytest.warns(SkippedFileWarning, match="symlinked folder not followed"):
        assert ids([corpus]) == ["a"]
    assert ids([corpus], follow_symlinks=True) == ["a", "more/b"]


def test_a_symlink_loop_as_path_is_one_line_exit_2(tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    with pytest.raises(InputError, match="looping symlink"):
        discover([tmp_path / "a"])
    res = CliRunner().invoke(app, ["check", str(tmp_path / "a"), "--no-nli"])
    assert res.exit_code == 2 and "Traceback" not in res.output
    assert res.stderr.strip().splitlines() == [f"error: broken or looping symlink: {tmp_path / 'a'}"]


def test_an_unreadable_subfolder_is_named_in_a_warning(tmp_path: Path, monkeypatch) -> None:
    corpus = tree(tmp_path / "corpus", "a.md", "locked/b.md")
    real_scandir = os.scandir

    def scandir(path):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)  # as root, chmod 000 would not stop us
    with pytest.warns(SkippedFileWarning, match="locked: folder not readable: Permission denied"):
        assert ids([corpus]) == ["a"]


def test_ids_do_not_depend_on_argument_order(tmp_path: Path) -> None:
    a, b = tree(tmp_path, "a/x.md", "b/x.md") / "a" / "x.md", tmp_path / "b" / "x.md"
    forward = {s.doc_id: s.real for s in discover([a, b])}
    backward = {s.doc_id: s.real for s in discover([b, a])}
    assert forward == backward and sorted(forward) == ["a/x", "b/x"]
    # one file reached through two arguments keeps one id whichever comes first
    assert ids([tmp_path / "a", a]) == ids([a, tmp_path / "a"]) == ["x"]


def test_report_paths_are_relative_to_where_the_user_stands(tmp_path: Path, monkeypatch) -> None:
    tree(tmp_path / "corpus", "a.md", "sub/b.md")
    monkeypatch.chdir(tmp_path / "corpus")
    assert [d.path for d in load_corpus(["."])] == ["a.md", "sub/b.md"]
    monkeypatch.chdir(tmp_path)
    assert [d.path for d in load_corpus(["corpus"])] == ["corpus/a.md", "corpus/sub/b.md"]
    assert [d.path for d in load_corpus([tmp_path / "corpus"])] == ["corpus/a.md", "corpus/sub/b.md"]
    res = CliRunner().invoke(app, ["check", ".", "--no-nli", "--format", "json"])
    assert str(tmp_path) not in res.stdout


def test_a_report_written_into_the_corpus_is_not_read_back(tmp_path: Path, monkeypatch) -> None:
    corpus = tree(tmp_path / "corpus", "a.md")
    (corpus / "b.md").write_text("Officials from 40 nations convened in Paris on Monday.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    first = CliRunner().invoke(app, ["check", "corpus", "--no-nli", "-f", "md", "-o", "corpus/report.md"])
    assert first.exit_code == 1, first.output
    again = CliRunner().invoke(app, ["check", "corpus", "--no-nli", "-f", "json"])
    assert [d["id"] for d in json.loads(again.stdout)["documents"]] == ["a", "b"]
    assert "skipped corpus/report.md: a report claimcheck wrote" in again.stderr
    edited = (corpus / "report.md").read_text(encoding="utf-8") + "\nA person added this line.\n"
    (corpus / "report.md").write_text(edited, encoding="utf-8")  # now a document like any other
    with warnings.catch_warnings():
        warnings.simplefilter("error", SkippedFileWarning)
        assert [d.id for d in load.load_corpus([corpus])] == ["a", "b", "report"]


def test_a_fifo_in_the_corpus_is_skipped_not_waited_on(tmp_path: Path) -> None:
    corpus = tree(tmp_path / "corpus", "a.md")
    os.mkfifo(corpus / "pipe.md")
    (corpus / "broken.md").symlink_to(corpus / "gone.md")
    with pytest.warns(SkippedFileWarning, match="not a regular file") as caught:
        assert ids([corpus]) == ["a"]
    assert sorted(Path(str(w.message).split()[1].rstrip(":")).name for w in caught) == [
        "broken.md",
        "pipe.md",
    ]
