"""Screenshot app pages in headless Chromium (Debian's /usr/bin/chromium, driven by Playwright).

Usage:
  python scripts/screenshot.py URL OUT.png [--width 1400] [--height 1000] [--full]
  python scripts/screenshot.py --all OUTDIR [--base http://localhost:8501]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.browser import CHROMIUM, CHROMIUM_ARGS, wait_for_app_sync  # noqa: E402

PAGES = ["", "compare", "map", "areas", "network", "data", "present"]


def wait_for_app(page, timeout_ms: int = 60000) -> None:
    wait_for_app_sync(page, timeout_ms)
    page.wait_for_timeout(1000)


def shoot(url: str, out: Path, width: int, height: int, full: bool) -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(viewport={"width": width, "height": height})
        page.goto(url)
        wait_for_app(page)
        out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(out), full_page=full)
        browser.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("url", nargs="?")
    parser.add_argument("out", nargs="?")
    parser.add_argument("--all", metavar="OUTDIR")
    parser.add_argument("--base", default="http://localhost:8501")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=1000)
    parser.add_argument("--full", action="store_true", help="capture the whole scrollable page")
    args = parser.parse_args()
    if args.all:
        for name in PAGES:
            target = Path(args.all) / f"{name or 'overview'}.png"
            shoot(f"{args.base}/{name}", target, args.width, args.height, True)
            print(target)
    else:
        shoot(args.url, Path(args.out), args.width, args.height, args.full)
        print(args.out)
