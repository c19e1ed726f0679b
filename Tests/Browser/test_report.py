"""The HTML report as a reader's browser sees it (issue 12): headless Chromium renders the
report of a fresh Westfriesland comparison (with MCA, sizing, sensitivity and calibration)
and these tests check the screenshot, the parsed DOM, the console and the A4 print.

Each check is a function that returns its problems; a deliberately broken page
(`BROKEN`) must make every one of them complain, so none of them can pass vacuously.
Run by `make check-report`, which makes the report in English and in Dutch and runs these
tests on each (KETENSIM_REPORT, KETENSIM_REPORT_LANG).
"""
import os
import re
import shutil
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import matplotlib.image as mpimg
import numpy as np
import pytest

REPORT = Path(os.environ.get("KETENSIM_REPORT", "Results/check/westfriesland/report.html")).resolve()
LANG = os.environ.get("KETENSIM_REPORT_LANG", "en")
# Words of the page's frame in each language: the other language's must not appear.
FRAME = {"en": ["In short", "Data table", "Contents"], "nl": ["In het kort", "Tabel met de gegevens", "Inhoud"]}
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
         "--disable-extensions", "--enable-logging=stderr", "--v=0"]

# Chart ids are "figN-<stem>"; these stems must all be there for a comparison with MCA,
# sizing, sensitivity and calibration (one or more of each), and `compare --robust`.
EXPECTED_CHARTS = ["pip-term", "lead-times", "coverage", "wip-intake_queue", "wip-lbt", "pips-fixed", "utilisation",
                   "caseload", "fte-path", "demand-pools", "demand-lbt", "demand-school", "robust", "smaa", "sizing", "tornado", "fit"]
EXPECTED_SECTIONS = ["summary", "pip-term", "lead-times", "over-time", "resources", "demand", "comparison", "robustness",
                     "sizing", "sensitivity", "calibration", "inputs", "manifest"]

BROKEN = """<!DOCTYPE html><html><head><title>broken</title><link rel="stylesheet" href="https://example.org/x.css"></head>
<body><a href="#nowhere">x</a><img src="missing.png"><svg id="a" role="img" aria-labelledby="a-t"><title id="b">t</title></svg>
<svg id="a"></svg><script>console.error("boom")</script></body></html>"""


def chromium(*args, timeout=120):
    if CHROMIUM is None:
        pytest.fail("chromium is not installed (make check-report installs Debian's chromium)")
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
                              capture_output=True, text=True, timeout=timeout)


class Dom(HTMLParser):
    """Elements with their attributes, in document order, and the text of <title>/<desc>."""

    def __init__(self):
        super().__init__()
        self.elements = []   # (tag, attrs, ancestors)
        self.stack = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs), list(self.stack)))
        if tag not in ("meta", "link", "br", "img", "input", "hr", "rect", "line", "path", "circle"):
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass


def parse(html):
    dom = Dom()
    dom.feed(html)
    return dom


def reference_problems(dom, folder):
    """Ids unique; every #fragment, aria-labelledby and file reference resolves; nothing
    comes from the network; no scripts or external style sheets."""
    problems = []
    ids = [a["id"] for _, a, _ in dom.elements if "id" in a]
    problems += [f"duplicate id {i}" for i in sorted({i for i in ids if ids.count(i) > 1})]
    known = set(ids)
    for tag, a, _ in dom.elements:
        if tag == "script":
            problems.append("a <script> element")
        for attr in ("href", "src", "xlink:href"):
            ref = a.get(attr)
            if ref is None:
                continue
            if ref.startswith("#"):
                if ref[1:] not in known:
                    problems.append(f"{attr}={ref}: no such id")
            elif re.match(r"^(https?:)?//", ref):
                problems.append(f"{attr}={ref}: loads from the network")
            elif not ref.startswith("data:") and not (folder / ref).exists():
                problems.append(f"{attr}={ref}: no such file")
        for ref in a.get("aria-labelledby", "").split():
            if ref not in known:
                problems.append(f"aria-labelledby {ref}: no such id")
    return problems


def chart_problems(dom, expected):
    """Every expected chart present, each an accessible image (title and desc) with its data
    table in the same figure."""
    problems = []
    charts = [(a, anc) for tag, a, anc in dom.elements if tag == "svg"]
    stems = {re.sub(r"^fig\d+-", "", a.get("id", "")) for a, _ in charts}
    problems += [f"chart {s} missing" for s in expected if not any(x == s or x.startswith(s) for x in stems)]
    for a, anc in charts:
        if a.get("role") != "img" or not a.get("aria-labelledby"):
            problems.append(f"svg {a.get('id')}: no role=img with aria-labelledby")
        if "figure" not in anc:
            problems.append(f"svg {a.get('id')}: not inside a figure")
    figures = sum(1 for tag, _, _ in dom.elements if tag == "figure")
    tables_in_figures = sum(1 for tag, _, anc in dom.elements if tag == "table" and "figure" in anc)
    if tables_in_figures < figures:
        problems.append(f"{figures} figures but {tables_in_figures} data tables in them")
    return problems


def console_problems(stderr):
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


def blank_problems(png):
    image = mpimg.imread(png)[..., :3]
    ink = (image.mean(axis=2) < 0.6).mean()          # text and lines
    colours = len(np.unique((image * 255).astype(np.uint8).reshape(-1, 3), axis=0))
    problems = []
    if ink < 0.005:
        problems.append(f"only {ink:.2%} of the screen has ink")
    if colours < 20:
        problems.append(f"only {colours} colours on the screen")
    return problems


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    assert REPORT.exists(), f"{REPORT} missing: run `make check-report`"
    out = tmp_path_factory.mktemp("browser")
    dom = chromium("--dump-dom", REPORT.as_uri())
    shot = chromium("--window-size=1280,1000", f"--screenshot={out / 'first-screen.png'}", REPORT.as_uri())
    pdf = chromium("--no-pdf-header-footer", f"--print-to-pdf={out / 'report.pdf'}", REPORT.as_uri())
    return {"dom": dom, "shot": shot, "pdf": pdf, "dir": out}


def test_the_checks_catch_a_broken_page(tmp_path):
    page = tmp_path / "broken.html"
    page.write_text(BROKEN)
    run = chromium("--dump-dom", page.as_uri())
    dom = parse(run.stdout)
    assert any("duplicate id a" in p for p in reference_problems(dom, tmp_path))
    assert any("#nowhere" in p for p in reference_problems(dom, tmp_path))
    assert any("missing.png" in p for p in reference_problems(dom, tmp_path))
    assert any("network" in p for p in reference_problems(dom, tmp_path))
    assert any("a-t" in p for p in reference_problems(dom, tmp_path))
    assert any("<script>" in p for p in reference_problems(dom, tmp_path))
    assert any("chart pip-term missing" in p for p in chart_problems(dom, EXPECTED_CHARTS))
    assert console_problems(run.stderr), "chromium's console log did not show the page's console.error"
    blank = tmp_path / "blank.png"
    chromium("--window-size=400,300", f"--screenshot={blank}", "about:blank")
    assert blank_problems(blank)


def test_first_screen_is_not_blank(rendered):
    png = rendered["dir"] / "first-screen.png"
    assert rendered["shot"].returncode == 0 and png.exists(), rendered["shot"].stderr[-2000:]
    assert mpimg.imread(png).shape[:2] == (1000, 1280)
    assert blank_problems(png) == []


def test_dom_has_every_chart_and_no_broken_reference(rendered):
    assert rendered["dom"].returncode == 0
    html = rendered["dom"].stdout
    dom = parse(html)
    assert reference_problems(dom, REPORT.parent) == []
    assert chart_problems(dom, EXPECTED_CHARTS) == []
    ids = {a.get("id") for _, a, _ in dom.elements}
    assert [s for s in EXPECTED_SECTIONS if s not in ids] == []
    # The browser parsed the same SVGs the file holds (none swallowed by a malformed tag).
    assert html.count("<svg") == REPORT.read_text().count("<svg")
    # Assumptions are highlighted in the inputs table.
    assert sum(1 for tag, a, _ in dom.elements if tag == "tr" and a.get("class") == "assumption") > 5


def test_page_is_in_its_language(rendered):
    html = rendered["dom"].stdout
    langs = [a.get("lang") for tag, a, _ in parse(html).elements if tag == "html"]
    assert langs == [LANG]
    assert [w for w in FRAME[LANG] if w not in html] == []
    other = "nl" if LANG == "en" else "en"
    assert [w for w in FRAME[other] if f">{w}<" in html] == []


def test_no_console_messages(rendered):
    assert console_problems(rendered["dom"].stderr) == []
    assert console_problems(rendered["shot"].stderr) == []


def test_prints_on_a4(rendered):
    pdf = rendered["dir"] / "report.pdf"
    assert rendered["pdf"].returncode == 0 and pdf.exists(), rendered["pdf"].stderr[-2000:]
    data = pdf.read_bytes()
    pages = len(re.findall(rb"/Type\s*/Page[^s]", data))
    assert pages >= 5
    # A4 is 595 × 842 points.
    boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", data)
    assert boxes and all(abs(float(w) - 595) < 2 and abs(float(h) - 842) < 2 for w, h in boxes)
