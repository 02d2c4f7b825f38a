"""The published lists: which area was on which official list in which year (real facts, one source per row).

``data/reference/official_lists.csv`` holds the 1 December lists that could be verified (its README says which
years and lists are complete and which are missing). This module reads the file, matches the published names to
the atlas areas by name and kommune (the spellings that differ are in :data:`SPELLINGS`), and turns list
membership into one published status per area and year, the value of the areas table's ``official_status``.

What a published status means here
----------------------------------
* An area on a list gets the most severe status among the lists it is on (``hard_ghetto`` -> ``haardt_ghetto``).
* An area on none of the lists of a year gets ``"none"`` only when the file holds *every* list of that year's rule
  set (before 2018 the ghetto list was the only one). From 2018 the udsatte and forebyggelse lists are not in the
  file, so an area absent from the ghetto / parallelsamfund lists may still have been udsat: its published status
  is left unknown (NA) rather than guessed.
* Years with no list in the file (2010, 2011, 2013-2015, 2024-) have no published status.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from lib.analysis.criteria import rule_set_for_year

OFFICIAL_LISTS_CSV = Path(__file__).resolve().parents[2] / "data" / "reference" / "official_lists.csv"

COLUMNS = (
    "year",
    "list",
    "list_name_da",
    "area_name",
    "municipality",
    "source_title",
    "source_publisher",
    "source_date",
)

#: List code of the file -> status code of the criteria engine.
LIST_STATUS: dict[str, str] = {
    "ghetto": "ghetto",
    "hard_ghetto": "haardt_ghetto",
    "vulnerable": "udsat",
    "parallel_society": "parallelsamfund",
    "transformation": "omdannelse",
    "prevention": "forebyggelse",
}

#: The lists each rule set published. A year's published status is known in full only when all of them are in
#: the file for that year.
RULE_SET_LISTS: dict[str, tuple[str, ...]] = {
    "2013": ("ghetto",),
    "2018": ("vulnerable", "ghetto", "hard_ghetto"),
    "2021": ("vulnerable", "parallel_society", "transformation", "prevention"),
}

#: The main list of each rule set (the one streak statuses are counted on).
MAIN_LIST: dict[str, str] = {"2013": "ghetto", "2018": "ghetto", "2021": "parallel_society"}

#: Published spellings that differ from ``data/reference/areas.csv``: (published name, kommune) -> atlas name.
#: Taken from the table "Differences between published names and areas.csv" in official_lists.README.md; the
#: spellings seen only in sources outside the file are kept too, so a longer file still matches.
SPELLINGS: dict[tuple[str, str], str] = {
    ("Degnegården mv", "København"): "Degnegården",
    ("Degnegården mv.", "København"): "Degnegården",
    ("Stærevej mv", "København"): "Stærevej",
    ("Stærevej mv.", "København"): "Stærevej",
    ("Rønnebærparken/Æblehaven", "Roskilde"): "Æblehaven/Rønnebærparken",
    ("Ringparken, Slagelse", "Slagelse"): "Ringparken",
    ("Solbakken mv", "Odense"): "Solbakken",
    ("Solbakken mv.", "Odense"): "Solbakken",
    ("Nørager/Søstjernevej m.fl", "Sønderborg"): "Nørager/Søstjernevej",
    ("Nørager/Søstjernevej m.fl.", "Sønderborg"): "Nørager/Søstjernevej",
    ("Nørager/Søstjernevej mv", "Sønderborg"): "Nørager/Søstjernevej",
    ("Nørager/Søstjernevej mv.", "Sønderborg"): "Nørager/Søstjernevej",
    ("Skovparken/Skovvejen", "Kolding"): "Skovvejen/Skovparken",
    ("Sebbersundvej mv", "Aalborg"): "Sebbersundvej",
    ("Sebbersundvej mv.", "Aalborg"): "Sebbersundvej",
    ("Agervang mv.", "Holbæk"): "Agervang",
    ("Stengårdsvej-kvarteret", "Esbjerg"): "Stengårdsvej",
    ("Glarbjergvej-området", "Randers"): "Glarbjergvej",
    ("Gammel Jennumparken", "Randers"): "Gl. Jennumparken",
    ("Løget by", "Vejle"): "Løget By",
    ("Korsløkkeparken, Odense Øst", "Odense"): "Korsløkkeparken Øst",
    ("Taastrupgaard", "Høje-Taastrup"): "Tåstrupgård",
}


@lru_cache(maxsize=4)
def _read(path: str) -> pd.DataFrame:
    frame = pd.read_csv(path, encoding="utf-8", dtype={"source_date": "string"})
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(f"{path}: missing columns {missing}")
    unknown = sorted(set(frame["list"]) - set(LIST_STATUS))
    if unknown:
        raise ValueError(f"{path}: unknown list codes {unknown}")
    frame["year"] = frame["year"].astype("int64")
    return frame[list(COLUMNS)]


def load(path: Path | str = OFFICIAL_LISTS_CSV) -> pd.DataFrame:
    """The published lists, one row per area, list and year (a copy: the cached frame stays untouched).

    Examples
    --------
    >>> sorted(load()["list"].unique())[:2]
    ['ghetto', 'hard_ghetto']
    """
    return _read(str(path)).copy()


def covered(lists: pd.DataFrame) -> dict[int, tuple[str, ...]]:
    """Year -> the list codes the file holds for that year (the file's README: every one of them is complete)."""
    return {int(y): tuple(sorted(g["list"].unique())) for y, g in lists.groupby("year")}


def complete_years(lists: pd.DataFrame) -> tuple[int, ...]:
    """Years whose published status is known in full: every list of the year's rule set is in the file."""
    return tuple(
        year for year, codes in covered(lists).items() if set(RULE_SET_LISTS[rule_set_for_year(year)]) <= set(codes)
    )


def _key(name: str, municipality: str) -> tuple[str, str]:
    return (str(name).strip().casefold(), str(municipality).strip().casefold())


def match(lists: pd.DataFrame, areas: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Attach the atlas ``area_id`` to each published row, by name + kommune (with :data:`SPELLINGS`).

    Parameters
    ----------
    lists : pandas.DataFrame
        From :func:`load`.
    areas : pandas.DataFrame
        ``area_id``, ``name``, ``municipality`` (any number of rows per area; the names are compared without
        regard to case).

    Returns
    -------
    (matched, unmatched)
        ``matched``: the rows of ``lists`` that name an atlas area, with ``area_id`` and ``atlas_name``.
        ``unmatched``: one row per published (``area_name``, ``municipality``) that names no atlas area, with
        the years it was listed (``years``, text) -- real listed areas the atlas does not hold.
    """
    ids: dict[tuple[str, str], tuple[str, str]] = {}
    for rec in areas[["area_id", "name", "municipality"]].drop_duplicates("area_id").itertuples(index=False):
        ids.setdefault(_key(rec.name, rec.municipality), (str(rec.area_id), str(rec.name)))
    spelled = {_key(*k): v for k, v in SPELLINGS.items()}

    def lookup(name: str, municipality: str):
        key = _key(name, municipality)
        if key in ids:
            return ids[key]
        atlas_name = spelled.get(key)
        return ids.get(_key(atlas_name, municipality)) if atlas_name else None

    found = [lookup(n, m) for n, m in zip(lists["area_name"], lists["municipality"], strict=True)]
    hit = pd.Series([f is not None for f in found], index=lists.index)
    matched = lists[hit].copy()
    matched["area_id"] = [f[0] for f in found if f is not None]
    matched["atlas_name"] = [f[1] for f in found if f is not None]
    rest = lists[~hit]
    unmatched = (
        rest.groupby(["area_name", "municipality"], sort=True)["year"]
        .agg(lambda y: ", ".join(str(v) for v in sorted(set(y))))
        .rename("years")
        .reset_index()
    )
    return matched.reset_index(drop=True), unmatched


def published_status(lists: pd.DataFrame, areas: pd.DataFrame) -> pd.DataFrame:
    """The published status of every atlas area-year that the file covers.

    Parameters
    ----------
    lists : pandas.DataFrame
        From :func:`load`.
    areas : pandas.DataFrame
        ``area_id``, ``name``, ``municipality`` (and any other columns).

    Returns
    -------
    pandas.DataFrame
        ``area_id``, ``year``, ``official_status``: one row per atlas area and covered year. Listed areas carry
        their most severe list; the others ``"none"`` in :func:`complete_years` and NA otherwise (see the module
        notes). Years without any list in the file have no rows.
    """
    from lib.schema import STATUS_ORDER

    matched, _ = match(lists, areas)
    rank = {s: i for i, s in enumerate(STATUS_ORDER)}
    matched = matched.assign(status=matched["list"].map(LIST_STATUS))
    matched = matched.assign(_rank=matched["status"].map(rank)).sort_values("_rank", kind="stable")
    listed = matched.drop_duplicates(["area_id", "year"]).set_index(["area_id", "year"])["status"]
    complete = set(complete_years(lists))
    area_ids = sorted(areas["area_id"].astype(str).unique())
    rows = []
    for year in sorted(covered(lists)):
        for area_id in area_ids:
            status = listed.get((area_id, year))
            if status is None:
                status = "none" if year in complete else pd.NA
            rows.append({"area_id": area_id, "year": year, "official_status": status})
    out = pd.DataFrame(rows, columns=["area_id", "year", "official_status"])
    out["official_status"] = out["official_status"].astype("string")
    out["year"] = out["year"].astype("int64")
    return out


def on_main_list(lists: pd.DataFrame, areas: pd.DataFrame) -> pd.DataFrame:
    """``area_id``, ``year``, ``main`` (bool): whether the area was on the year's main list, for covered years.

    The main list is the ghetto list up to 2020 and the parallelsamfund list from 2021 (:data:`MAIN_LIST`); a
    year counts as covered when its main list is in the file.
    """
    matched, _ = match(lists, areas)
    years = [y for y, codes in covered(lists).items() if MAIN_LIST[rule_set_for_year(y)] in codes]
    main = {
        (r.area_id, int(r.year))
        for r in matched.itertuples(index=False)
        if r.list == MAIN_LIST[rule_set_for_year(int(r.year))]
    }
    area_ids = sorted(areas["area_id"].astype(str).unique())
    return pd.DataFrame(
        [{"area_id": a, "year": y, "main": (a, y) in main} for y in sorted(years) for a in area_ids],
        columns=["area_id", "year", "main"],
    )


def sources(lists: pd.DataFrame) -> pd.DataFrame:
    """One row per year, list and source: what the published statuses of that year rest on."""
    cols = ["year", "list_name_da", "source_title", "source_publisher", "source_date"]
    return (
        lists[cols]
        .fillna({"source_date": ""})
        .groupby(cols, sort=True)
        .size()
        .rename("areas")
        .reset_index()
        .sort_values(["year", "list_name_da"], kind="stable")
        .reset_index(drop=True)
    )
