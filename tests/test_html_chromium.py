"""The HTML report as a browser shows it: self-contained, every document text escaped (a source
containing <script> shows it as text), and rendered by headless Chromium when one is installed
(`make test` installs Debian's chromium where it can)."""

from __future__ import annotations

import html
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck.cli.app import app
from tests.conftest import copy_seeds

pytestmark = pytest.mark.usefixtures("memo_pipeline")
runner = CliRunner()

SCRIPT = "<script>alert(1)</script>"
INJECTED = (
    "Envoys meet again on Ukraine\n\n"
    f"Press note {SCRIPT}: Delegations from 22 nations convened in Paris this week "
    "to plan a security force for Ukraine & its allies.\n"
    "The 1999 East Timor peacekeeping mission, led by Australia, involved 12 nations.\n"
)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """The HTML report file and the JSON report of the same corpus."""
    import json

    root = tmp_path_factory.mktemp("html")
    corpus = copy_seeds(root / "corpus", only=("000", "001"), **{"900_injected": INJECTED})
    out = root / "report.html"
    res = runner.invoke(app, ["check", str(corpus), "--no-nli", "--format", "html", "--output", str(out)])
    assert res.exit_code == 1, res.output
    report = json.loads(runner.invoke(app, ["check", str(corpus), "--no-nli", "--format", "json"]).stdout)
    return out, report


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append((tag, dict(attrs)))


def test_page_is_self_contained_and_escaped(rendered) -> None:
    path, report = rendered
    page = path.read_text(encoding="utf-8")
    parser = Tags()
    parser.feed(page)
    names = [t for t, _ in parser.tags]
    assert "script" not in names and "link" not in names and "img" not in names
    assert all(a.get("href", "#").startswith("#") for _, a in parser.tags)  # only in-page links
    assert "default-src 'none'" in page  # and a CSP that would block anything that slipped through
    assert SCRIPT not in page and html.escape(SCRIPT) in page
    assert "Ukraine &amp; its allies" in page
    contradictions = [f for f in report["findings"] if f["verdict"] == "contradiction"]
    assert contradictions
    n_claims = sum(len(f["claim_ids"]) for f in contradictions)
    assert page.count('<span class="span">') == n_claims  # every claim of every contradiction in context
    figures = {c["quantity"]["text"] for c in report["claims"] if c["quantity"]} & {"22", "12"}
    assert figures and all(f"<mark>{x}</mark>" in page for x in figures)  # the conflicting figures
    assert (
        page.index("Sources that disagree most") < page.index("Contradictions (") < page.index("Agreements (")
    )
    assert "<details>" not in page and "--show agreements" in page  # agreements are counted only


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def run_chromium(binary: str, profile: Path, *args: str) -> subprocess.CompletedProcess:
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
    ]
    return subprocess.run([binary, *flags, *args], capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.skipif(chromium() is None, reason="no chromium binary on PATH (apt-get install chromium)")
def test_chromium_renders_the_report(rendered, tmp_path: Path) -> None:
    path, report = rendered
    binary = chromium()
    assert binary is not None
    shot = tmp_path / "shot.png"
    done = run_chromium(
        binary, tmp_path / "profile", f"--screenshot={shot}", "--window-size=1280,2000", path.as_uri()
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert shot.is_file() and shot.stat().st_size > 20_000  # a blank page is a few KB
    dom = run_chromium(binary, tmp_path / "profile", "--dump-dom", path.as_uri())
    assert dom.returncode == 0, dom.stderr[-2000:]
    for f in report["findings"]:
        assert (f'id="{f["id"]}"' in dom.stdout) == (f["verdict"] == "contradiction")
    assert "do not overlap" in dom.stdout  # explanations in words
    assert "<script" not in dom.stdout.lower()  # the document's script is text, not an element
    assert html.escape(SCRIPT, quote=False) in dom.stdout
    try:
        from PIL import Image
    except ImportError:
        return
    with Image.open(shot) as img:
        assert img.size == (1280, 2000) and len(set(img.convert("L").getdata())) > 10
