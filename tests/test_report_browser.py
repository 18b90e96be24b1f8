"""The report in a real browser (headless Chromium; skipped when it is not installed)."""

from __future__ import annotations

import json
import struct

import pytest

from tagger.report import write_report
from tagger.sources import check_inputs, iter_items

from .screenshot_report import chromium, dump_dom, screenshot
from .test_report import HOSTILE, KNOWN

pytestmark = pytest.mark.skipif(chromium() is None, reason="chromium is not installed (apt-get install chromium)")


@pytest.fixture(scope="module")
def page(tmp_path_factory, small_tagger):
    d = tmp_path_factory.mktemp("browser")
    src = d / "in.jsonl"
    src.write_text(
        json.dumps({"id": "known", "text": KNOWN}) + "\n" + json.dumps({"id": "<i>hostile</i>", "text": HOSTILE}) + "\n"
    )
    out = d / "report.html"
    write_report(small_tagger, iter_items(check_inputs([str(src)])), out)
    return out


def test_chromium_parses_the_report_as_written(page):
    dom = dump_dom(page)
    assert "<svg" in dom and 'id="a1"' in dom and 'id="a2"' in dom
    # the hostile text stayed text: no element came out of it
    assert "<script" not in dom and "<img" not in dom and "<i>hostile</i>" not in dom
    assert dom.count("<mark") == page.read_text(encoding="utf-8").count("<mark")


def test_chromium_renders_a_screenshot(page, tmp_path):
    png = screenshot(page, tmp_path / "shot.png", 900, 1200)
    head = png.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", head[16:24]) == (900, 1200)
    assert png.stat().st_size > 20_000  # a rendered page, not a blank image
