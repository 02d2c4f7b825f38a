"""Natural keys: uploads name things, the atlas stores ids.

An area is identified by its name and kommune, a centre by its name and
kommune, an actor by its name within its area. An upload may leave the ids
out: they are found by matching the natural key against the current version,
or generated (:func:`stable_id`: a digest of the folded key, so re-importing
the same file changes nothing). Names match after :func:`lib.data.reference.fold`
(case, accents, æ/ø/å spellings, ``/``, ``-``, ``mv.``, ``m.fl.``); a near miss
gets a "did you mean" suggestion (rapidfuzz).

:func:`resolve` runs between reading (``lib.data.ingest`` with a
``lib.data.mapping.Mapper``) and validation (``lib.schema.validate``): it fills
ids, kommunekode/kommune/region, an area's coordinates from its current row,
and a centre's area by location (:mod:`lib.data.locate`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from lib.data import locate, reference
from lib.data.mapping import AREA, KOMMUNE
from lib.data.reference import fold
from lib.errors import PROBLEM_COLUMNS, problem
from lib.schema import TABLES, factorize_values

PREFIXES = {"areas": "A", "centres": "MC", "actors": "ACT", "survey_responses": "R"}


def stable_id(prefix: str, *parts, length: int = 10) -> str:
    """A deterministic id from a natural key: the same key always gives the same id.

    Examples
    --------
    >>> stable_id("MC", "Medborgerhus Vest", 751) == stable_id("MC", "medborgerhus  vest", "751")
    True
    >>> stable_id("MC", "Medborgerhus Vest", 751)[:3]
    'MC-'
    """
    text = "\x1f".join(fold(p) for p in parts)
    return f"{prefix}-{hashlib.sha1(text.encode('utf-8')).hexdigest()[:length].upper()}"


def _text(series: pd.Series) -> pd.Series:
    if len(series) > 64:  # a column of names or answers: each distinct text stripped once, then spread back
        codes, uniques = factorize_values(series)
        if len(uniques) * 2 < len(series) and all(v.__class__ is str for v in uniques):
            texts = [v.strip() for v in uniques.tolist()]
            texts = np.array([v if v not in ("<NA>", "nan", "None") else "" for v in texts] + [""], dtype=object)
            return pd.Series(texts[codes], index=series.index, dtype="str")  # -1 (missing) takes the last, ""
    out = series.astype(object).where(series.notna(), "").astype(str).str.strip()
    return out.where(~out.isin(("<NA>", "nan", "None")), "")


@dataclass
class NameIndex:
    """Names of one table's rows, folded, with the scope (kommune code or area id) they belong to.

    Examples
    --------
    >>> idx = NameIndex.build(["A1", "A2"], ["Gellerupparken/Toveshøj", "Vollsmose"], ["751", "461"])
    >>> idx.find("gellerupparken - toveshoej")[0], idx.find("Gellerupparken")[1]
    ('A1', 'suggest')
    """

    by_key: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    by_name: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    shown: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (name, scope)
    ids: set[str] = field(default_factory=set)
    scope_label: dict[str, str] = field(default_factory=dict)

    @classmethod
    def build(cls, ids, names, scopes=None, scope_label=None) -> NameIndex:
        """An index of ``names`` (with their ``ids`` and ``scopes``)."""
        idx = cls(scope_label=dict(scope_label or {}))
        scopes = scopes if scopes is not None else [""] * len(ids)
        for i, n, s in zip(ids, names, scopes, strict=True):
            i, s = str(i), "" if s is None or (isinstance(s, float) and s != s) else str(s)
            key = fold(n)
            if i in idx.ids:
                continue
            idx.ids.add(i)
            idx.by_key.setdefault((key, s), []).append(i)
            idx.by_name.setdefault(key, []).append((i, s))
            idx.shown[i] = (str(n), s)
        return idx

    def add(self, i: str, name: str, scope: str = "") -> None:
        """Add one row (a row of the upload itself, so later rows can refer to it)."""
        if i in self.ids:
            return
        self.ids.add(i)
        key = fold(name)
        self.by_key.setdefault((key, scope), []).append(i)
        self.by_name.setdefault(key, []).append((i, scope))
        self.shown[i] = (name, scope)

    def label(self, i: str) -> str:
        """``"Name (scope)"`` for messages."""
        name, scope = self.shown[i]
        scope = self.scope_label.get(scope, scope)
        return f"{name} ({scope})" if scope else name

    def find(self, name, scope: str | None = None) -> tuple[str | None, str, str]:
        """``(id, outcome, detail)`` for a name (within ``scope`` when given).

        The outcome is ``"found"``, ``"ambiguous"`` (detail: the options),
        ``"suggest"`` (detail: the closest name) or ``"unknown"``.
        """
        key = fold(name)
        if scope:
            hits = self.by_key.get((key, str(scope)), [])
        else:
            hits = [i for i, _ in self.by_name.get(key, [])]
        if len(hits) == 1:
            return hits[0], "found", ""
        if len(hits) > 1:
            return None, "ambiguous", ", ".join(self.label(i) for i in hits[:5])
        if scope and key in self.by_name and len(self.by_name[key]) == 1:
            # the name exists once, elsewhere: say where rather than guess
            return None, "suggest", self.label(self.by_name[key][0][0])
        return None, *self._suggest(key, scope)

    def _suggest(self, key: str, scope: str | None) -> tuple[str, str]:
        from rapidfuzz import fuzz, process

        pool = [k for k in self.by_name if not scope or any(s == str(scope) for _, s in self.by_name[k])]
        if not pool or not key:
            return "unknown", ""
        hit = process.extractOne(key, pool, scorer=fuzz.WRatio, score_cutoff=75)
        if hit is None:
            return "unknown", ""
        candidates = self.by_name[hit[0]]
        if scope:
            candidates = [c for c in candidates if c[1] == str(scope)] or candidates
        return "suggest", self.label(candidates[0][0])


def _kommune_labels() -> dict[str, str]:
    return {str(r.municipality_code): r.municipality for r in reference.municipalities().itertuples(index=False)}


def area_index(areas: pd.DataFrame | None) -> NameIndex:
    """Areas by name within their kommune (one entry per area, its latest year)."""
    if areas is None or areas.empty:
        return NameIndex(scope_label=_kommune_labels())
    latest = areas.sort_values("year", kind="stable").drop_duplicates("area_id", keep="last")
    return NameIndex.build(
        latest["area_id"].astype(str),
        latest["name"],
        latest["municipality_code"].astype("string").fillna("").astype(str),
        _kommune_labels(),
    )


def centre_index(centres: pd.DataFrame | None) -> NameIndex:
    """Centres by name within their kommune."""
    if centres is None or centres.empty:
        return NameIndex(scope_label=_kommune_labels())
    return NameIndex.build(
        centres["centre_id"].astype(str),
        centres["name"],
        centres["municipality_code"].astype("string").fillna("").astype(str),
        _kommune_labels(),
    )


def actor_index(actors: pd.DataFrame | None, areas: pd.DataFrame | None = None) -> NameIndex:
    """Actors by name within their area."""
    labels = {}
    if areas is not None and not areas.empty:
        labels = dict(zip(areas["area_id"].astype(str), areas["name"].astype(str), strict=True))
    if actors is None or actors.empty:
        return NameIndex(scope_label=labels)
    return NameIndex.build(actors["actor_id"].astype(str), actors["name"], actors["area_id"].astype(str), labels)


@dataclass
class Resolution:
    """What :func:`resolve` found besides the frame: problems and each centre's area."""

    problems: list[dict] = field(default_factory=list)
    assignments: pd.DataFrame | None = None


def _problem_for(table, row, column, value, outcome, detail, kind) -> dict:
    if outcome == "ambiguous":
        return problem(table, row, column, value, "byod.err.ambiguous_name", options=detail)
    if outcome == "suggest":
        return problem(table, row, column, value, f"byod.err.unknown_{kind}_suggest", suggestion=detail)
    return problem(table, row, column, value, f"byod.err.unknown_{kind}")


def _lookup_column(
    table: str,
    values: pd.Series,
    scopes: pd.Series | None,
    index: NameIndex,
    rows: pd.Series,
    column: str,
    kind: str,
    res: Resolution,
) -> pd.Series:
    """Ids for a column of ids or names; an id is kept, a name is looked up (unique pairs only)."""
    values = _text(values)
    scopes = _text(scopes) if scopes is not None else pd.Series("", index=values.index)
    todo = values.ne("") & ~values.isin(index.ids)
    if not todo.any():
        return values
    # each distinct (name, scope) is looked up once; 200,000 answers name a few hundred centres
    pair = values + "\x1f" + scopes
    found: dict[str, tuple[str | None, str, str]] = {}
    for key in pd.unique(pair[todo].to_numpy()):
        v, s = key.split("\x1f", 1)
        found[key] = index.find(v, s or None)
    hits = pair.map({k: (f[0] if f[0] is not None else "") for k, f in found.items()})
    out = values.where(~todo, hits.fillna(""))
    failed = todo & out.eq("")
    out = out.where(~failed, values)  # an unknown name stays, so the problem shows what was written
    for i in np.flatnonzero(failed.to_numpy()):
        _, outcome, detail = found[pair.iloc[i]]
        res.problems.append(_problem_for(table, int(rows.iloc[i]), column, values.iloc[i], outcome, detail, kind))
    return out


def _kommune_codes(table, values: pd.Series, rows: pd.Series, column: str, res: Resolution) -> pd.Series:
    """Kommune codes (text) from names or codes; an unknown kommune is a problem."""
    values = _text(values)
    lookup = {}
    for v in pd.unique(values.to_numpy()):
        lookup[v] = reference.municipality_code(v) if v else None
    codes = values.map({v: str(c) if c is not None else "" for v, c in lookup.items()})
    bad = values.ne("") & codes.eq("")
    for i in np.flatnonzero(bad.to_numpy()):
        _unknown_municipality(res, table, int(rows.iloc[i]), column, values.iloc[i], suggest=True)
    return codes


def _unknown_municipality(res: Resolution, table: str, row: int, column: str, value, *, suggest: bool) -> None:
    hint = reference.suggest_municipality(value) if suggest else None
    res.problems.append(
        problem(table, row, column, value, "byod.err.unknown_municipality", hint=f" ('{hint}'?)" if hint else "")
    )


def _check_kommune(table: str, frame: pd.DataFrame, rows: pd.Series, res: Resolution) -> None:
    """Problems for a kommune the reference data does not know.

    A code that is a number but no kommune's, or a name that is no kommune's
    where the row has no valid code; text in the code column that is no
    kommune's name is left to the schema ("not a whole number").
    """
    empty = pd.Series("", index=frame.index)
    codes = _text(frame["municipality_code"]) if "municipality_code" in frame.columns else empty
    names = _text(frame["municipality"]) if "municipality" in frame.columns else empty
    valid = codes.map(lambda v: reference.municipality_code(v) is not None if v else False)
    numeric = codes.str.fullmatch(r"\d+(?:\.0)?")
    bad_code = numeric & ~valid
    bad_name = names.ne("") & ~valid & names.map(lambda v: reference.municipality_code(v) is None)
    for column, bad, values in (("municipality_code", bad_code, codes), ("municipality", bad_name, names)):
        for i in np.flatnonzero(bad.to_numpy()):
            suggest = column == "municipality"
            _unknown_municipality(res, table, int(rows.iloc[i]), column, values.iloc[i], suggest=suggest)


def _generated_ids(prefix: str, parts: list[pd.Series], length: int = 10, *, folded: bool = True) -> pd.Series:
    if folded:  # each distinct value folded once
        parts = [p.map({v: fold(v) for v in pd.unique(p.to_numpy())}) for p in parts]
    keys = parts[0].astype(str)
    for p in parts[1:]:
        keys = keys + "\x1f" + p.astype(str)
    codes, uniques = factorize_values(keys)
    if (codes < 0).any():
        cache = {k: f"{prefix}-{hashlib.sha1(k.encode('utf-8')).hexdigest()[:length].upper()}" for k in pd.unique(keys)}
        return keys.map(cache)
    ids = [f"{prefix}-{hashlib.sha1(k.encode('utf-8')).hexdigest()[:length].upper()}" for k in uniques.tolist()]
    return pd.Series(np.array(ids, dtype=object)[codes], index=keys.index, dtype="str")


def _fill_ids(frame: pd.DataFrame, column: str, generated: pd.Series) -> None:
    """Generated ids where the file has no ids at all; a file with some ids keeps its blanks for the schema."""
    given = _text(frame[column]) if column in frame.columns else pd.Series("", index=frame.index)
    if given.ne("").any():
        return
    frame[column] = generated.to_numpy()


# --- per table ------------------------------------------------------------------------------------


def _areas(frame, rows, frames, res, carried):
    current = frames.get("areas")
    has_kommune = "municipality_code" in frame.columns or "municipality" in frame.columns
    if has_kommune:
        _check_kommune("areas", frame, rows, res)
        frame = reference.fill_municipality_columns(frame)
    if "name" in frame.columns and has_kommune:
        index = area_index(current)
        names, codes = _text(frame["name"]), _text(frame["municipality_code"])
        known = [index.find(n, c)[0] if n else None for n, c in zip(names, codes, strict=True)]
        generated = _generated_ids("A", [names, codes])
        fallback = pd.Series([k or g for k, g in zip(known, generated, strict=True)], index=frame.index)
        _fill_ids(frame, "area_id", fallback)
        # an area found by name keeps the atlas's spelling ("Bispehaven mv." stays "Bispehaven")
        canonical = {i: index.shown[i][0] for i in set(k for k in known if k)}
        matched = pd.Series([k is not None for k in known], index=frame.index) & _text(frame["area_id"]).isin(canonical)
        frame.loc[matched, "name"] = _text(frame["area_id"])[matched].map(canonical)
    if current is not None and not current.empty and "area_id" in frame.columns:
        frame = _fill_from_current(frame, current)
    return frame


_STATIC_AREA = ("name", "municipality_code", "municipality", "region", "latitude", "longitude")


def _fill_from_current(frame: pd.DataFrame, current: pd.DataFrame) -> pd.DataFrame:
    """Columns the file lacks (or left blank for coordinates) taken from the area's current row.

    The same (area, year) in the current version gives every missing column
    (a sheet with one indicator updates that indicator); an area's latest row
    gives the columns that do not change by year (name, kommune, coordinates).
    """
    spec = TABLES["areas"]
    ids = _text(frame["area_id"])
    years = _text(frame["year"]) if "year" in frame.columns else pd.Series("", index=frame.index)
    cur = current.copy()
    cur_key = cur["area_id"].astype(str) + "\x1f" + cur["year"].astype("string").fillna("").astype(str)
    by_key = cur.set_index(cur_key)
    by_key = by_key[~by_key.index.duplicated(keep="last")]
    latest = cur.sort_values("year", kind="stable").drop_duplicates("area_id", keep="last").set_index("area_id")
    key = ids + "\x1f" + years
    same = key.isin(by_key.index)
    known = ids.isin(latest.index)
    for col in spec.names:
        if col in ("area_id", "year"):
            continue
        present = col in frame.columns
        values = _text(frame[col]) if present else pd.Series("", index=frame.index)
        if present and col not in ("latitude", "longitude"):
            continue
        blank = values.eq("")
        if not blank.any():
            continue
        take = pd.Series("", index=frame.index, dtype=object)
        if same.any():
            src = by_key.reindex(key[same])[col]
            take[same] = [_cell(v) for v in src]
        static = known & (take.eq("")) & (col in _STATIC_AREA)
        if static.any():
            src = latest.reindex(ids[static])[col]
            take[static] = [_cell(v) for v in src]
        if not present and take.eq("").all():
            continue
        frame[col] = values.where(~blank, take).to_numpy()
    return frame


def _cell(value) -> str:
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
        return ""
    if isinstance(value, float | np.floating) and float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, bool | np.bool_):
        return "True" if value else "False"
    return str(value)


def _centres(frame, rows, frames, res, carried, *, max_km, boundaries):
    current_centres = frames.get("centres")
    areas = frames.get("areas")
    has_kommune = "municipality_code" in frame.columns or "municipality" in frame.columns
    if has_kommune:
        _check_kommune("centres", frame, rows, res)
        frame = reference.fill_municipality_columns(frame)
    codes = _text(frame["municipality_code"]) if "municipality_code" in frame.columns else None
    if "name" in frame.columns and codes is not None:
        index = centre_index(current_centres)
        names = _text(frame["name"])
        known = [index.find(n, c)[0] if n else None for n, c in zip(names, codes, strict=True)]
        generated = _generated_ids("MC", [names, codes])
        _fill_ids(
            frame, "centre_id", pd.Series([k or g for k, g in zip(known, generated, strict=True)], index=frame.index)
        )
    if "area_id" in frame.columns:
        frame["area_id"] = _lookup_column(
            "centres", frame["area_id"], codes, area_index(areas), rows, "area_id", "area", res
        ).to_numpy()
    else:
        frame["area_id"] = ""
    # a centre the atlas knows keeps its area; the others are placed by location
    method = pd.Series(np.where(_text(frame["area_id"]).ne(""), "given", ""), index=frame.index, dtype=object)
    if current_centres is not None and not current_centres.empty and "centre_id" in frame.columns:
        own = dict(zip(current_centres["centre_id"].astype(str), _text(current_centres["area_id"]), strict=True))
        from_current = _text(frame["centre_id"]).map(own).fillna("")
        use = _text(frame["area_id"]).eq("") & from_current.ne("")
        frame.loc[use, "area_id"] = from_current[use]
        method[use] = "current"
    placed = locate.assign_areas(
        frame.assign(area_id=_text(frame["area_id"]).replace("", None)),
        areas if areas is not None else pd.DataFrame(columns=["area_id", "name", "year", "latitude", "longitude"]),
        max_km=max_km,
        boundaries=boundaries,
    )
    todo = _text(frame["area_id"]).eq("")
    frame.loc[todo, "area_id"] = placed.loc[todo, "area_id"].fillna("")
    method[todo] = placed.loc[todo, "method"]
    lats = pd.to_numeric(frame.get("latitude"), errors="coerce") if "latitude" in frame.columns else None
    for i in np.flatnonzero((todo & placed["area_id"].isna()).to_numpy()):
        if lats is None or pd.isna(lats.iloc[i]):
            res.problems.append(problem("centres", int(rows.iloc[i]), "area_id", None, "byod.err.no_area_coords"))
            continue
        dist = placed["distance_m"].iloc[i]
        res.problems.append(
            {
                **problem(
                    "centres",
                    int(rows.iloc[i]),
                    "area_id",
                    None,
                    "byod.err.no_area",
                    km=f"{max_km:g}".replace(".", ","),
                    nearest=placed["nearest_name"].iloc[i] or "-",
                    distance="-" if pd.isna(dist) else f"{dist / 1000:.1f} km".replace(".", ","),
                ),
                "severity": "warning",
            }
        )
    area_names = {}
    if areas is not None and not areas.empty:
        area_names = dict(zip(areas["area_id"].astype(str), areas["name"].astype(str), strict=False))
    res.assignments = pd.DataFrame(
        {
            "row": rows.to_numpy(),
            "centre": _text(frame["name"]) if "name" in frame.columns else "",
            "area_id": _text(frame["area_id"]).to_numpy(),
            "area_name": _text(frame["area_id"]).map(area_names).fillna("").to_numpy(),
            "method": method.replace("", "none").to_numpy(),
            "distance_m": placed["distance_m"].where(method.eq("nearest") | method.eq("none")).to_numpy(),
        }
    )
    return frame


def _responses(frame, rows, frames, res, carried):
    centres = frames.get("centres")
    if "centre_id" in frame.columns:
        scopes = None
        if carried is not None and KOMMUNE in carried.columns:
            scopes = _kommune_codes("survey_responses", carried[KOMMUNE], rows, "kommune", res)
        frame["centre_id"] = _lookup_column(
            "survey_responses", frame["centre_id"], scopes, centre_index(centres), rows, "centre_id", "centre", res
        ).to_numpy()
    if "response_id" not in frame.columns or _text(frame["response_id"]).eq("").all():
        content = [_text(frame[c]) for c in frame.columns if c != "response_id"]
        if not content:
            return frame
        joined = content[0]
        for part in content[1:]:
            joined = joined + "\x1f" + part
        occurrence = joined.groupby(joined, sort=False).cumcount().astype(str)
        # the answers as written (not folded): two responses differing only in case are two responses
        generated = _generated_ids("R", [joined, occurrence], length=12, folded=False)
        _fill_ids(frame, "response_id", generated)
    return frame


def _actors(frame, rows, frames, res, carried):
    areas, centres = frames.get("areas"), frames.get("centres")
    scopes = None
    if carried is not None and KOMMUNE in carried.columns:
        scopes = _kommune_codes("actors", carried[KOMMUNE], rows, "kommune", res)
    if "area_id" in frame.columns:
        frame["area_id"] = _lookup_column(
            "actors", frame["area_id"], scopes, area_index(areas), rows, "area_id", "area", res
        ).to_numpy()
    if "centre_id" in frame.columns:
        frame["centre_id"] = _lookup_column(
            "actors", frame["centre_id"], None, centre_index(centres), rows, "centre_id", "centre", res
        ).to_numpy()
    if "name" not in frame.columns or "area_id" not in frame.columns:
        return frame
    names, area_ids = _text(frame["name"]), _text(frame["area_id"])
    # the centre itself: the element named like a centre of its area is that centre (actor id = centre id)
    centre_of = {}
    if centres is not None and not centres.empty:
        for cid, name, aid in zip(centres["centre_id"], centres["name"], _text(centres["area_id"]), strict=True):
            centre_of[(fold(name), aid)] = str(cid)
            centre_of.setdefault((fold(name), ""), str(cid))
    is_centre = pd.Series(
        [centre_of.get((fold(n), a)) or centre_of.get((fold(n), "")) for n, a in zip(names, area_ids, strict=True)],
        index=frame.index,
        dtype=object,
    )
    current = actor_index(frames.get("actors"), areas)
    known = [current.find(n, a)[0] if n and a else None for n, a in zip(names, area_ids, strict=True)]
    generated = _generated_ids("ACT", [area_ids, names])
    ids = [c or k or g for c, k, g in zip(is_centre, known, generated, strict=True)]
    _fill_ids(frame, "actor_id", pd.Series(ids, index=frame.index))
    old = frames.get("actors")
    if old is not None and not old.empty:
        # columns the file lacks (a Kumu sheet has no "in centre") keep the actor's current values
        own = old.drop_duplicates("actor_id").set_index(old.drop_duplicates("actor_id")["actor_id"].astype(str))
        ids_now = _text(frame["actor_id"])
        for col in ("centre_id", "in_centre"):
            if col not in frame.columns:
                frame[col] = [_cell(v) for v in own[col].reindex(ids_now)]
    centre_rows = is_centre.notna()
    if centre_rows.any():
        if "centre_id" not in frame.columns:
            frame["centre_id"] = ""
        mark = centre_rows & _text(frame["centre_id"]).eq("")
        frame.loc[mark, "centre_id"] = is_centre[mark]
        if "in_centre" not in frame.columns:
            frame["in_centre"] = ""
        frame.loc[centre_rows & _text(frame["in_centre"]).eq(""), "in_centre"] = "1"
    return frame


def _ties(frame, rows, frames, res, carried, *, upload_actors=None):
    actors = frames.get("actors")
    if upload_actors is not None:
        actors = pd.concat([actors, upload_actors], ignore_index=True) if actors is not None else upload_actors
    index = actor_index(actors, frames.get("areas"))
    scopes = None
    if carried is not None and AREA in carried.columns:
        scopes = _lookup_column("ties", carried[AREA], None, area_index(frames.get("areas")), rows, "area", "area", res)
    for column in ("source_actor_id", "target_actor_id"):
        if column in frame.columns:
            frame[column] = _lookup_column("ties", frame[column], scopes, index, rows, column, "actor", res).to_numpy()
    return frame


def resolve(
    table: str,
    read,
    frames: dict[str, pd.DataFrame],
    *,
    carried: pd.DataFrame | None = None,
    max_km: float = 1.5,
    boundaries=None,
    upload_actors: pd.DataFrame | None = None,
):
    r"""Fill natural keys and derived columns of a read file; return ``(read, Resolution)``.

    Parameters
    ----------
    table : str
        The table the file is for.
    read : lib.data.ingest.ReadResult
        The file as read (canonical columns, text values).
    frames : dict
        Current versions of all tables.
    carried : DataFrame, optional
        Helper columns of the mapping (aligned with ``read.frame``): the kommune
        of a survey's centre, the area of a tie's actors.
    max_km : float
        Largest distance from a centre to the area it is given.
    boundaries : GeoDataFrame, optional
        Uploaded area boundaries (centres inside one get its area).
    upload_actors : DataFrame, optional
        Actors imported together with these ties (a network workbook).

    Returns
    -------
    (ReadResult, Resolution)
        The read file with ids and derived columns filled; the problems found
        (unknown names with suggestions, unknown kommuner) and, for centres,
        each centre's area (``Resolution.assignments``). A problem with
        ``severity == "warning"`` (a centre without an area) does not block the
        import.

    Examples
    --------
    >>> from lib.data import ingest, store
    >>> eng = store.get_engine("sqlite://"); _ = store.ensure_seeded(eng)
    >>> read = ingest.read_file(b"name;type;kommune;lat;lon\nHus;bibliotek;Aarhus;56.1;10.1\n", "centres")
    >>> read, res = resolve("centres", read, store.read_all_current(eng))
    >>> read.frame["centre_id"].iloc[0].startswith("MC-"), read.frame["region"].iloc[0]
    (True, 'Midtjylland')
    """
    res = Resolution()
    frame = read.frame.copy()
    rows = pd.Series(np.asarray(read.rows), index=frame.index)
    if carried is not None:
        carried = carried.reset_index(drop=True).set_axis(frame.index)
    if table == "areas":
        frame = _areas(frame, rows, frames, res, carried)
    elif table == "centres":
        frame = _centres(frame, rows, frames, res, carried, max_km=max_km, boundaries=boundaries)
    elif table == "survey_responses":
        frame = _responses(frame, rows, frames, res, carried)
    elif table == "actors":
        frame = _actors(frame, rows, frames, res, carried)
    elif table == "ties":
        frame = _ties(frame, rows, frames, res, carried, upload_actors=upload_actors)
    ordered = [c for c in TABLES[table].names if c in frame.columns]
    blocking = [p for p in res.problems if p.get("severity") != "warning"]
    problems = read.problems
    if blocking:
        mine = pd.DataFrame(blocking, columns=PROBLEM_COLUMNS)
        problems = pd.concat([problems, mine], ignore_index=True) if not problems.empty else mine
    return replace(read, frame=frame[ordered], problems=problems), res


def read_mapped(
    table: str,
    source,
    frames: dict[str, pd.DataFrame],
    *,
    options=None,
    choices=None,
    boundaries=None,
    upload_actors: pd.DataFrame | None = None,
):
    """Read a file through the mapping step and resolve its natural keys: ``(read, extras)``.

    ``extras`` holds what the preview shows besides the problems: ``mapper``
    (the :class:`lib.data.mapping.Mapper`, with each file column's match),
    ``assignments`` (centres: each centre's area, how and how far) and
    ``warnings`` (rows that do not block the import, e.g. a centre without an area).

    Raises
    ------
    AtlasError
        When the file cannot be read at all (see ``lib.data.ingest``), or a choice
        names a target the table does not have.
    """
    from pathlib import Path

    from lib.data import ingest, mapping

    choices = choices or getattr(options, "mapping", None) or mapping.Choices()
    if boundaries is None and choices.boundaries is not None:
        from lib.data.boundaries import read_boundaries

        boundaries = read_boundaries(choices.boundaries[1], choices.boundaries[0])
    data = source if isinstance(source, bytes | bytearray) else None
    if data is None and isinstance(source, str | Path) and str(source).lower().endswith((".xlsx", ".xlsm")):
        try:
            data = Path(source).read_bytes()
        except OSError:
            data = None  # ingest reports the unreadable path
    mapper = mapping.Mapper(table, frames=frames, choices=choices, source=bytes(data) if data is not None else None)
    read = ingest.read_safely(source, table, options=options, remap=mapper)
    read = mapper.finish(read)
    read, res = resolve(
        table,
        read,
        frames,
        carried=mapper.carried,
        max_km=choices.area_distance_km,
        boundaries=boundaries,
        upload_actors=upload_actors,
    )
    warnings = pd.DataFrame([p for p in res.problems if p.get("severity") == "warning"], columns=PROBLEM_COLUMNS)
    return read, {"mapper": mapper, "assignments": res.assignments, "warnings": warnings}
