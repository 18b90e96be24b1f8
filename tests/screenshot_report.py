"""Render an HTML report in headless Chromium and save a screenshot.

Used by ``tests/test_report_browser.py`` (skipped when Chromium is absent) and to
regenerate the screenshot in the README:

    python tests/screenshot_report.py                 # examples/collection -> docs/report.png
    python tests/screenshot_report.py REPORT.html OUT.png
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def chromium() -> str | None:
    """The headless browser to use (Debian's ``chromium`` package), or None."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        exe = shutil.which(name)
        if exe:
            return exe
    return None


def _run(args: list[str], timeout: float = 120) -> subprocess.CompletedProcess[str]:
    exe = chromium()
    if exe is None:
        raise RuntimeError("chromium not found")
    with tempfile.TemporaryDirectory() as profile:
        base = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", f"--user-data-dir={profile}"]
        # no network: the page must render from the file alone
        base += ["--host-resolver-rules=MAP * ~NOTFOUND", "--disable-background-networking"]
        return subprocess.run(base + args, capture_output=True, text=True, timeout=timeout)


def screenshot(page: Path, png: Path, width: int = 1100, height: int = 1500) -> Path:
    r = _run(["--hide-scrollbars", f"--window-size={width},{height}", f"--screenshot={png}", page.resolve().as_uri()])
    if not png.exists():
        raise RuntimeError(f"chromium made no screenshot: {r.stderr[-2000:]}")
    return png


def dump_dom(page: Path) -> str:
    """The document as Chromium parsed it (serialised back to HTML)."""
    r = _run(["--dump-dom", page.resolve().as_uri()])
    return r.stdout


def main(argv: list[str]) -> int:
    if len(argv) == 2:
        page, png = Path(argv[0]), Path(argv[1])
    else:
        from tagger.cli import main as tagger_main

        page = Path(tempfile.mkdtemp()) / "report.html"
        rc = tagger_main(["report", str(ROOT / "examples" / "collection"), "-o", str(page), "--title", "Example collection"])
        if rc:
            return rc
        png = ROOT / "docs" / "report.png"
    screenshot(page, png)
    print(f"wrote {png}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
