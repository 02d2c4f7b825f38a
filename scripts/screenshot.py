"""Screenshot app pages in headless Chromium (Debian's /usr/bin/chromium, driven by Playwright).

Usage:
  python scripts/screenshot.py URL OUT.png [--width 1400] [--height 1000] [--full]
  python scripts/screenshot.py --all OUTDIR [--base http://localhost:8501]
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PAGES = ["", "compare", "map", "areas", "network", "data", "present"]


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def wait_for_app(page, timeout_ms: int = 60000) -> None:
    """Wait until Streamlit has finished running the script and drawn its elements."""
    page.wait_for_selector("[data-testid=stApp]", timeout=timeout_ms)
    # Streamlit marks the app root with the script state; "notRunning" means the run has finished.
    page.wait_for_function(
        """() => {
            const app = document.querySelector('[data-testid=stApp]');
            return app && app.getAttribute('data-test-script-state') === 'notRunning'
                && !document.querySelector('[data-testid=stSkeleton]')
                && !document.querySelector('[data-stale=true]')
                && document.querySelectorAll('[data-testid=stMainBlockContainer] [data-testid=stElementContainer]').length > 0;
        }""",
        timeout=timeout_ms,
        polling=200,
    )
    page.wait_for_timeout(1500)


def shoot(url: str, out: Path, width: int, height: int, full: bool) -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True)
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
