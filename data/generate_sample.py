"""Regenerate the bundled illustrative sample in data/sample/ (deterministic: same seed, same bytes).

Usage: python data/generate_sample.py [--seed 2026]
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lib.data.sample import DEFAULT_SEED, write  # noqa: E402

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "sample")
    args = parser.parse_args()
    for table, path in write(args.out, seed=args.seed).items():
        print(f"{table}: {path}")
