"""Regenerate the bundled illustrative sample in data/sample/ (deterministic: same seed, same bytes).

Usage: python data/generate_sample.py [--seed 2026]
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pandas as pd  # noqa: E402

from lib.analysis import criteria  # noqa: E402
from lib.data.sample import DEFAULT_SEED, write  # noqa: E402

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "sample")
    args = parser.parse_args()
    paths = write(args.out, seed=args.seed)
    for table, path in paths.items():
        print(f"{table}: {path}")
    # The areas table is generated to agree with the published lists: say so, or say where it does not.
    areas = pd.read_csv(paths["areas"])
    result = criteria.classify(areas, streaks={"haardt_ghetto": criteria.HAARDT_GHETTO_READINGS["lists"]})
    published = int(result["official_status"].notna().sum())
    wrong = result[result["published_mismatch"]]
    print(f"published status reproduced for {published - len(wrong)} of {published} area-years (5-list reading)")
    if len(wrong):
        sys.exit(f"disagreements: {wrong[['area_id', 'year', 'status', 'official_status']].to_dict('records')}")
