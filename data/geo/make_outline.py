"""Regenerate ``data/geo/denmark.geojson`` from the world-atlas npm package.

The outline is Natural Earth 1:10m country data (public domain), as packaged in
the ``world-atlas`` npm package (ISC licence). The derived file is committed so
that running the app needs neither npm nor internet; this script is only for
regenerating it.

Usage::

    .venv/bin/python data/geo/make_outline.py

Requires ``npm`` on PATH (it downloads the package tarball from the npm
registry with ``npm pack``).
"""

from __future__ import annotations

import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import geopandas as gpd

HERE = Path(__file__).resolve().parent
OUT = HERE / "denmark.geojson"
PACKAGE = "world-atlas@2"
COUNTRY = "Denmark"


def build(out: Path = OUT) -> Path:
    """Download world-atlas, extract Denmark and write it as GeoJSON.

    Parameters
    ----------
    out : Path
        Destination file.

    Returns
    -------
    Path
        The written file.
    """
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        subprocess.run(["npm", "pack", PACKAGE], cwd=tmpdir, check=True, capture_output=True)
        tarball = next(tmpdir.glob("world-atlas-*.tgz"))
        with tarfile.open(tarball) as tar:
            member = tar.getmember("package/countries-10m.json")
            tar.extract(member, tmpdir, filter="data")
        topo = tmpdir / "package" / "countries-10m.json"
        world = gpd.read_file(topo, layer="countries")
    dk = world.loc[world["name"] == COUNTRY, ["name", "geometry"]].copy()
    if dk.empty:
        raise SystemExit(f"{COUNTRY} not found in {PACKAGE}")
    # TopoJSON carries no CRS; world-atlas coordinates are plain lon/lat.
    dk = dk.set_crs(4326, allow_override=True)
    dk["source"] = "Natural Earth 1:10m via world-atlas@2 (npm)"
    dk.to_file(out, driver="GeoJSON", COORDINATE_PRECISION=5)
    return out


if __name__ == "__main__":
    path = build(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
    print(f"wrote {path} ({path.stat().st_size / 1024:.0f} KB)")
