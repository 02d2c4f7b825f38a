"""The official criteria for vulnerable housing areas (almenboligloven), as data plus one engine.

Every rule of every rule set is one row of :data:`RULES` (a criterion) or of
:data:`LISTINGS` (how criteria combine into a list status). The engine
(:func:`classify`) reads only these tables, so a change in the law is a change
of a row, and :func:`rules_table` prints the same rows for users.

Sources and wording: ../shared/reference/FACTS.md (sbst.dk "Områdeafgrænsninger")
and almenboligloven § 61 a-b as consolidated (lovguiden.dk, LBK nr. 1171 af
11/11/2024) for the forebyggelsesområde thresholds.

Conventions
-----------
* Percent indicators are in percent (42.5 means 42.5 %); ``convicted_ratio_national``
  is a multiple of the national average; ``income_pct_of_region`` is percent of
  the regional mean.
* A missing indicator value never meets a criterion (the law cannot be shown to
  be met), and its margin is NaN. The same holds for a missing population: it never
  meets the 1,000-resident minimum (status ``too_small``, flagged ``population_unknown``).
* The streak lengths of hårdt ghettoområde and omdannelsesområde are settings
  (``ATLAS_HAARDT_GHETTO_YEARS``, ``ATLAS_OMDANNELSE_YEARS`` in lib/settings.py), read each
  time :func:`classify` runs.
* ``year`` is the year of the list (the list published in December of that year).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from lib import settings
from lib.errors import AtlasError
from lib.i18n import fmt, translator
from lib.schema import INDICATORS, STATUS_ORDER

# --- Parameters -----------------------------------------------------------------------------------------------

#: Every rule set applies only to public-housing areas with at least this many residents.
MIN_POPULATION = 1000

#: The streak statuses and the setting that holds each one's length: years in a row, counted *including* the list
#: year, in which the area met the main list condition. The settings are read when :func:`classify` runs, so a
#: deployment (or a test) changes them without touching this module.
#:
#: * Hårdt ghettoområde (2018-2020): sbst.dk says "met the ghetto conditions in each of the last 4 years"; the
#:   default 4 reads that as including the list year. News reports count "5 consecutive lists including the
#:   current one" (setting 5). The published lists bear out 5: Bispeparken, Solbakken and Nørager/Søstjernevej were
#:   on the 2016-2019 ghetto lists but became hårde only in 2020 or never (data/reference/official_lists.csv).
#: * Omdannelsesområde (2021-): a parallelsamfund that has met the parallelsamfund conditions over the last 5 years
#:   (sbst.dk wording); 2018-2020 ghetto years count (see STREAK_RULE_SETS).
STREAK_SETTINGS: dict[str, str] = {
    "haardt_ghetto": "ATLAS_HAARDT_GHETTO_YEARS",
    "omdannelse": "ATLAS_OMDANNELSE_YEARS",
}

#: The two readings of the hårdt ghetto rule, for pages and tests that name them.
HAARDT_GHETTO_READINGS: dict[str, int] = {"sbst": 4, "lists": 5}

#: Which rule sets' years count towards a streak status of a rule set. A year counts when the area met the main
#: list condition of *its own* year's rule set (2013: listed; 2018: ghetto; 2021: parallelsamfund). The 2018
#: hårde list was drawn on the earlier ghetto lists, and sbst.dk says 2018-2020 ghetto years count towards the
#: omdannelse streak.
STREAK_RULE_SETS: dict[str, tuple[str, ...]] = {
    "2018": ("2013", "2018"),
    "2021": ("2013", "2018", "2021"),
}

#: Forebyggelsesområde (2021-) thresholds. FACTS.md confirms only the non-western gate and the first lowered
#: threshold and asks to verify the other three before relying on them. They were checked against
#: almenboligloven § 61 b as consolidated in LBK nr. 1171 af 11/11/2024 (lovguiden.dk); re-check them when the
#: law changes, and keep them as named parameters so that a correction is one line.
FOREBYGGELSE_NONWESTERN_PCT = 30.0  # FACTS.md
FOREBYGGELSE_OUTSIDE_LABOUR_PCT = 30.0  # FACTS.md
FOREBYGGELSE_CONVICTED_RATIO = 2.0  # to verify per FACTS.md; § 61 b nr. 2: "mindst to gange landsgennemsnittet"
FOREBYGGELSE_BASIC_EDUCATION_PCT = 60.0  # to verify per FACTS.md; § 61 b nr. 3: "overstiger 60 pct."
FOREBYGGELSE_INCOME_PCT = 65.0  # to verify per FACTS.md; § 61 b nr. 4: "mindre end 65 pct."

#: First list year of each rule set. Years before the first rule set are classified with it (the app has no
#: older rules), years from a start year on with that rule set.
RULE_SET_START: dict[str, int] = {"2013": 2013, "2018": 2018, "2021": 2021}

#: Operators as the law words them: "overstiger" (strictly above), "mindst" (at least), "mindre end" (below).
OPERATORS = (">", ">=", "<")


# --- The rules as data ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Criterion:
    """One criterion of one rule set.

    ``group`` names the set of criteria that a listing counts (e.g. "at least 2 of the udsat group").
    ``criterion`` is the id used in the output column ``met_<criterion>``; the same id in several rule sets means
    "the same kind of criterion, with that rule set's threshold".
    """

    rule_set: str
    group: str
    criterion: str
    indicator: str
    op: str
    value: float
    label_da: str
    label_en: str
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Listing:
    """How criteria groups combine into a status of one rule set.

    A listing holds when, for every ``(group, k)`` in ``requires``, at least ``k`` criteria of the group are met,
    the area has at least :data:`MIN_POPULATION` residents, and, if the listing has a ``streak_setting``, the main
    list condition (``main=True`` listing of the same or an earlier rule set) held in each of the last
    ``streak_years`` years including this one.
    """

    rule_set: str
    status: str
    requires: tuple[tuple[str, int], ...]
    streak_setting: str = ""
    main: bool = False

    @property
    def streak_years(self) -> int:
        """Years in a row this listing needs (0: none), read from its setting now."""
        return int(settings.get(self.streak_setting)) if self.streak_setting else 0


_OUT = (
    "Uden for arbejdsmarked/uddannelse (18-64 år)",
    "Outside labour market or education (aged 18-64)",
)
_NW = (
    "Indvandrere/efterkommere fra ikke-vestlige lande",
    "Immigrants/descendants from non-western countries",
)
_EDU = ("Kun grundskoleuddannelse (30-59 år)", "Basic education only (aged 30-59)")
_INC = (
    "Bruttoindkomst (15-64 år) i forhold til regionen",
    "Gross income (aged 15-64) relative to the region",
)
_CONV_PCT = (
    "Dømte beboere 18+ (straffe-, våben-, narkotikalov)",
    "Residents 18+ convicted (criminal/weapons/drugs)",
)
_CONV_X = (
    "Dømte i forhold til landsgennemsnittet",
    "Convicted relative to the national average",
)
_AVG2 = ("avg2",)  # notes are catalogue codes: criteria.note.<code>

# fmt: off  (one criterion per line, aligned: the table is read against the law text)
#: All criteria, one row each. Read as: in rule set R, criterion C of group G is met when <indicator> <op> <value>.
RULES: tuple[Criterion, ...] = (
    # 2013-2017: "ghettoområde" = at least 3 of these 5.
    Criterion("2013", "listed", "outside_labour_market", "pct_outside_labour_market", ">", 40.0, *_OUT, _AVG2),
    Criterion("2013", "listed", "nonwestern", "pct_nonwestern", ">", 50.0, *_NW),
    Criterion("2013", "listed", "convicted", "pct_convicted", ">", 2.7, *_CONV_PCT, _AVG2),
    Criterion("2013", "listed", "basic_education", "pct_basic_education_only", ">", 50.0, *_EDU),
    Criterion("2013", "listed", "income", "income_pct_of_region", "<", 55.0, *_INC),
    # 2018-2020: udsat = at least 2 of 4; ghetto = udsat + non-western.
    Criterion("2018", "udsat", "outside_labour_market", "pct_outside_labour_market", ">", 40.0, *_OUT, _AVG2),
    Criterion("2018", "udsat", "convicted", "convicted_ratio_national", ">=", 3.0, *_CONV_X, _AVG2),
    Criterion("2018", "udsat", "basic_education", "pct_basic_education_only", ">", 60.0, *_EDU),
    Criterion("2018", "udsat", "income", "income_pct_of_region", "<", 55.0, *_INC, ("excl_students",)),
    Criterion("2018", "ethnic", "nonwestern", "pct_nonwestern", ">", 50.0, *_NW),
    # 2021-: udsat as 2018; parallelsamfund = udsat + non-western; forebyggelse = gate + 2 of 4 lowered.
    Criterion("2021", "udsat", "outside_labour_market", "pct_outside_labour_market", ">", 40.0, *_OUT, _AVG2),
    Criterion("2021", "udsat", "convicted", "convicted_ratio_national", ">=", 3.0, *_CONV_X, _AVG2),
    Criterion("2021", "udsat", "basic_education", "pct_basic_education_only", ">", 60.0, *_EDU),
    Criterion("2021", "udsat", "income", "income_pct_of_region", "<", 55.0, *_INC, ("excl_students",)),
    Criterion("2021", "ethnic", "nonwestern", "pct_nonwestern", ">", 50.0, *_NW),
    Criterion("2021", "prevention_gate", "prev_nonwestern", "pct_nonwestern", ">", FOREBYGGELSE_NONWESTERN_PCT, *_NW),
    Criterion(
        "2021",
        "prevention",
        "prev_outside_labour_market",
        "pct_outside_labour_market",
        ">",
        FOREBYGGELSE_OUTSIDE_LABOUR_PCT,
        *_OUT,
        _AVG2,
    ),
    Criterion(
        "2021",
        "prevention",
        "prev_convicted",
        "convicted_ratio_national",
        ">=",
        FOREBYGGELSE_CONVICTED_RATIO,
        *_CONV_X,
        ("avg2", "verify"),
    ),
    Criterion(
        "2021",
        "prevention",
        "prev_basic_education",
        "pct_basic_education_only",
        ">",
        FOREBYGGELSE_BASIC_EDUCATION_PCT,
        *_EDU,
        ("verify",),
    ),
    Criterion(
        "2021",
        "prevention",
        "prev_income",
        "income_pct_of_region",
        "<",
        FOREBYGGELSE_INCOME_PCT,
        *_INC,
        ("excl_students", "verify"),
    ),
)

#: How criteria groups make a status, per rule set. Order inside a rule set does not matter: the most severe
#: status in STATUS_ORDER that holds wins.
LISTINGS: tuple[Listing, ...] = (
    Listing("2013", "ghetto", (("listed", 3),), main=True),
    Listing("2018", "udsat", (("udsat", 2),)),
    Listing("2018", "ghetto", (("udsat", 2), ("ethnic", 1)), main=True),
    Listing("2018", "haardt_ghetto", (("udsat", 2), ("ethnic", 1)), streak_setting=STREAK_SETTINGS["haardt_ghetto"]),
    Listing("2021", "udsat", (("udsat", 2),)),
    Listing("2021", "parallelsamfund", (("udsat", 2), ("ethnic", 1)), main=True),
    Listing("2021", "omdannelse", (("udsat", 2), ("ethnic", 1)), streak_setting=STREAK_SETTINGS["omdannelse"]),
    Listing("2021", "forebyggelse", (("prevention_gate", 1), ("prevention", 2))),
)
# fmt: on

#: Groups whose criteria define the main (udsat / listed) thresholds used for margins and map colour scales.
MAIN_GROUPS = ("listed", "udsat", "ethnic")

#: Published status labels accepted in ``official_status`` (lower-cased), mapped to status codes.
OFFICIAL_STATUS_ALIASES: dict[str, str] = {
    "ghettoområde": "ghetto",
    "ghettoomraade": "ghetto",
    "ghetto area": "ghetto",
    "listed": "ghetto",
    "hårdt ghettoområde": "haardt_ghetto",
    "haardt ghettoomraade": "haardt_ghetto",
    "hårdt_ghetto": "haardt_ghetto",
    "hard ghetto": "haardt_ghetto",
    "udsat boligområde": "udsat",
    "udsat boligomraade": "udsat",
    "udsat område": "udsat",
    "vulnerable": "udsat",
    "parallelsamfund": "parallelsamfund",
    "parallel society": "parallelsamfund",
    "omdannelsesområde": "omdannelse",
    "omdannelsesomraade": "omdannelse",
    "transformation": "omdannelse",
    "forebyggelsesområde": "forebyggelse",
    "forebyggelsesomraade": "forebyggelse",
    "prevention": "forebyggelse",
    "ingen": "none",
    "ikke på listen": "none",
    "not listed": "none",
    "for lille": "too_small",
}

#: Notes in ``history_note``.
NOTE_HISTORY_TOO_SHORT = "history_too_short"
NOTE_STREAK_BROKEN_BY_GAP = "streak_broken_by_missing_year"

_RULE_SETS = tuple(RULE_SET_START)
_CRITERIA_IDS: tuple[str, ...] = tuple(dict.fromkeys(c.criterion for c in RULES))


def _check_tables() -> None:
    """Fail at import when the rule tables are inconsistent, so a bad edit never reaches a page."""
    for c in RULES:
        assert c.rule_set in RULE_SET_START, c
        assert c.op in OPERATORS, c
        assert c.indicator in INDICATORS, c
    for lst in LISTINGS:
        assert lst.status in STATUS_ORDER, lst
        groups = {c.group for c in RULES if c.rule_set == lst.rule_set}
        assert all(g in groups for g, _ in lst.requires), lst
    for rs in _RULE_SETS:
        assert sum(lst.main for lst in LISTINGS if lst.rule_set == rs) == 1, rs
    assert {lst.status: lst.streak_setting for lst in LISTINGS if lst.streak_setting} == STREAK_SETTINGS
    assert all(name in settings.BY_NAME for name in STREAK_SETTINGS.values())


_check_tables()


# --- Public helpers -------------------------------------------------------------------------------------------


def rule_set_for_year(year: int) -> str:
    """Return the id of the rule set that applies to the list of ``year``.

    Examples
    --------
    >>> rule_set_for_year(2019)
    '2018'
    """
    chosen = _RULE_SETS[0]
    for rs, start in RULE_SET_START.items():
        if year >= start:
            chosen = rs
    return chosen


def criteria_for(rule_set: str, groups: tuple[str, ...] | None = None) -> list[Criterion]:
    """Return the criteria of ``rule_set`` (optionally only those of ``groups``) in table order."""
    return [c for c in RULES if c.rule_set == rule_set and (groups is None or c.group in groups)]


def threshold(indicator: str, year: int) -> tuple[float, str] | None:
    """Threshold and operator of the main (udsat / listed) criterion on ``indicator`` in ``year``.

    Used for colour scales on the map and threshold lines in charts. Returns None when the indicator is not
    part of that year's main criteria (e.g. ``pct_convicted`` from 2018 on).

    Examples
    --------
    >>> threshold("pct_outside_labour_market", 2022)
    (40.0, '>')
    >>> threshold("pct_convicted", 2022) is None
    True
    """
    for c in criteria_for(rule_set_for_year(int(year)), MAIN_GROUPS):
        if c.indicator == indicator:
            return c.value, c.op
    return None


def is_met(values, op: str, value: float) -> np.ndarray:
    """Vectorised test of ``values <op> value``; NaN is never met.

    Examples
    --------
    >>> is_met([40.0, 40.1], ">", 40.0).tolist()
    [False, True]
    """
    arr = np.asarray(values, dtype="float64")
    with np.errstate(invalid="ignore"):
        if op == ">":
            return arr > value
        if op == ">=":
            return arr >= value
        if op == "<":
            return arr < value
    raise ValueError(f"unknown operator {op!r}; expected one of {OPERATORS}")


def margin(values, op: str, value: float) -> np.ndarray:
    """Signed distance to a threshold, positive on the listed side (NaN stays NaN).

    At exactly the threshold the margin is 0; whether 0 is listed depends on the operator (">" no, ">=" yes).

    Examples
    --------
    >>> margin([45.0], ">", 40.0).tolist(), margin([50.0], "<", 55.0).tolist()
    ([5.0], [5.0])
    """
    arr = np.asarray(values, dtype="float64")
    return arr - value if op in (">", ">=") else value - arr


def streak_lengths() -> dict[str, int]:
    """Years in a row each streak status needs, from the settings as they are now.

    Examples
    --------
    >>> streak_lengths()["omdannelse"]
    5
    """
    return {status: int(settings.get(name)) for status, name in STREAK_SETTINGS.items()}


def published_agrees(official: pd.Series, computed: pd.Series) -> pd.Series:
    """Whether each published status agrees with the computed one (NA where nothing was published).

    The codes must be equal, with one exception: a published "none" (on no list) agrees with a computed
    ``too_small``, since the lists do not say why an area is absent and no list takes an area under 1,000 residents.
    """
    official = official.astype("string")
    computed = computed.astype("string")
    same = (official == computed) | ((official == "none") & (computed == "too_small"))
    return same.mask(official.isna())


def normalise_status(values: pd.Series) -> pd.Series:
    """Map published status labels (codes, Danish or English names) to status codes; blanks become NA.

    Unknown labels are kept as given (lower-cased), so they show up as a mismatch instead of vanishing.
    """
    text = values.astype("string").str.strip().str.lower()
    text = text.mask(text.isin(["", "nan", "none_", "<na>"]))
    mapped = text.map(lambda s: s if pd.isna(s) or s in STATUS_ORDER else OFFICIAL_STATUS_ALIASES.get(s, s))
    return mapped.astype("string")


# --- The engine -----------------------------------------------------------------------------------------------


def _prepare(areas: pd.DataFrame) -> pd.DataFrame:
    missing = [c for c in ("area_id", "year") if c not in areas.columns]
    if missing:
        raise AtlasError("criteria.missing_columns", columns=", ".join(missing))
    frame = areas.copy()
    frame["area_id"] = frame["area_id"].astype("string")
    frame["year"] = pd.to_numeric(frame["year"], errors="raise").astype("int64")
    dupes = frame.duplicated(["area_id", "year"], keep=False)
    if dupes.any():
        first = frame.loc[dupes, ["area_id", "year"]].iloc[0]
        raise AtlasError(
            "criteria.duplicate_area_year",
            n=int(dupes.sum()),
            area_id=first["area_id"],
            year=int(first["year"]),
        )
    for col in (*INDICATORS, "population"):
        frame[col] = pd.to_numeric(frame[col], errors="coerce").astype("float64") if col in frame else np.nan
    return frame.sort_values(["area_id", "year"], kind="stable").reset_index(drop=True)


def _streaks(area: np.ndarray, year: np.ndarray, cond: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Consecutive-year run length of ``cond`` per area (rows sorted by area, year).

    Returns (streak, run_reaches_first_year, run_starts_after_gap): the streak is 0 where cond is False; a
    missing year breaks a run. The two flags tell whether a run could have been longer with more history.
    """
    n = len(cond)
    same_area = np.zeros(n, dtype=bool)
    same_area[1:] = area[1:] == area[:-1]
    prev_adjacent = np.zeros(n, dtype=bool)
    prev_adjacent[1:] = same_area[1:] & (year[1:] == year[:-1] + 1)
    prev_cond = np.zeros(n, dtype=bool)
    prev_cond[1:] = cond[:-1]
    starts = cond & ~(prev_adjacent & prev_cond)
    # Position of each row inside its run: index minus index of the run's start.
    idx = np.arange(n)
    start_idx = np.zeros(n, dtype="int64")
    start_idx[starts] = idx[starts]
    start_idx = np.maximum.accumulate(start_idx)
    streak = np.where(cond, idx - start_idx + 1, 0)
    first_of_area = ~same_area
    gap_before = same_area & ~prev_adjacent
    reaches_first = cond & first_of_area[start_idx]
    after_gap = cond & gap_before[start_idx]
    return streak, reaches_first, after_gap


def classify(areas: pd.DataFrame, *, streaks: dict[str, int] | None = None) -> pd.DataFrame:
    """Classify every area-year under the rule set of its year.

    Parameters
    ----------
    areas : pandas.DataFrame
        The areas table (one row per ``area_id`` and ``year``; canonical columns, see lib.schema.AREAS).
        Indicator columns that are absent count as missing values. ``official_status`` is optional.
    streaks : dict, optional
        Years in a row per streak status (``{"haardt_ghetto": 5}``) instead of the settings
        (:func:`streak_lengths`, read now).

    Returns
    -------
    pandas.DataFrame
        One row per area-year, sorted by area and year, with ``area_id``, ``year``, ``rule_set``,
        ``met_<criterion>`` (bool, one per criterion id of :data:`RULES`), ``n_met`` (criteria met of the main
        group: 5 in 2013, the 4 udsat criteria from 2018), ``n_required``, ``n_met_prevention`` (2021-),
        ``status``, ``streak_years`` (consecutive years up to this one meeting the main list condition, across
        rule sets), ``history_note`` ("" / "history_too_short" / "streak_broken_by_missing_year"),
        ``margin_<indicator>`` (signed distance to the main threshold, positive on the listed side),
        ``population_unknown`` (no population given: the area cannot be shown to reach the minimum and is
        ``too_small``), ``official_status`` (normalised code or NA) and ``published_mismatch`` (a published
        status that :func:`published_agrees` rejects).

    Raises
    ------
    AtlasError
        When ``area_id``/``year`` are missing or an area-year occurs twice.

    Examples
    --------
    >>> frame = pd.DataFrame({"area_id": ["A01"], "year": [2022], "population": [2500],
    ...     "pct_outside_labour_market": [45.0], "convicted_ratio_national": [1.0],
    ...     "pct_basic_education_only": [65.0], "income_pct_of_region": [60.0], "pct_nonwestern": [70.0]})
    >>> row = classify(frame).iloc[0]
    >>> row["status"], int(row["n_met"]), row["history_note"]
    ('parallelsamfund', 2, 'history_too_short')
    """
    frame = _prepare(areas)
    n = len(frame)
    years = frame["year"].to_numpy()
    rule_set = np.array([rule_set_for_year(y) for y in np.unique(years)], dtype=object)
    rule_set = pd.Series(rule_set, index=np.unique(years)).reindex(years).to_numpy() if n else np.array([], object)
    lengths = {**streak_lengths(), **(streaks or {})}
    population = frame["population"].to_numpy()
    big_enough = population >= MIN_POPULATION  # NaN compares False: a missing population never meets the minimum

    out = pd.DataFrame({"area_id": frame["area_id"], "year": frame["year"], "rule_set": rule_set})
    met = {cid: np.zeros(n, dtype=bool) for cid in _CRITERIA_IDS}
    group_count: dict[tuple[str, str], np.ndarray] = {}
    margins = {ind: np.full(n, np.nan) for ind in INDICATORS}
    for c in RULES:
        rows = rule_set == c.rule_set
        values = frame[c.indicator].to_numpy()
        hit = is_met(values, c.op, c.value) & rows
        met[c.criterion] |= hit
        key = (c.rule_set, c.group)
        group_count[key] = group_count.get(key, np.zeros(n, dtype="int64")) + hit
        if c.group in MAIN_GROUPS:
            margins[c.indicator] = np.where(rows, margin(values, c.op, c.value), margins[c.indicator])
    for cid in _CRITERIA_IDS:
        out[f"met_{cid}"] = met[cid]

    main_group = {"2013": "listed"}
    n_met = np.zeros(n, dtype="int64")
    n_required = np.zeros(n, dtype="int64")
    for rs in _RULE_SETS:
        rows = rule_set == rs
        group = main_group.get(rs, "udsat")
        n_met = np.where(rows, group_count.get((rs, group), 0), n_met)
        k = next(k for lst in LISTINGS if lst.rule_set == rs for g, k in lst.requires if g == group)
        n_required = np.where(rows, k, n_required)
    out["n_met"] = n_met
    out["n_required"] = n_required
    out["n_met_prevention"] = group_count.get(("2021", "prevention"), np.zeros(n, dtype="int64"))

    def holds(lst: Listing) -> np.ndarray:
        ok = (rule_set == lst.rule_set) & big_enough
        for group, k in lst.requires:
            ok = ok & (group_count.get((lst.rule_set, group), 0) >= k)
        return ok

    main_cond = np.zeros(n, dtype=bool)
    for lst in LISTINGS:
        if lst.main:
            main_cond |= holds(lst)
    area = frame["area_id"].to_numpy(dtype=object)
    streak_all, _, _ = _streaks(area, years, main_cond)
    out["streak_years"] = streak_all

    severity = {s: i for i, s in enumerate(STATUS_ORDER)}
    status_rank = np.full(n, severity["none"])
    status_rank = np.where(big_enough, status_rank, severity["too_small"])
    history_note = np.full(n, "", dtype=object)
    for lst in LISTINGS:
        ok = holds(lst)
        if lst.streak_setting:
            need = int(lengths[lst.status])
            eligible = np.isin(rule_set, STREAK_RULE_SETS.get(lst.rule_set, (lst.rule_set,)))
            streak, reaches_first, after_gap = _streaks(area, years, main_cond & eligible)
            short = ok & (streak < need)
            history_note = np.where(short & reaches_first, NOTE_HISTORY_TOO_SHORT, history_note)
            history_note = np.where(short & after_gap, NOTE_STREAK_BROKEN_BY_GAP, history_note)
            ok = ok & (streak >= need)
        status_rank = np.where(ok & (severity[lst.status] < status_rank), severity[lst.status], status_rank)
    out["status"] = np.asarray(STATUS_ORDER, dtype=object)[status_rank]
    out["history_note"] = history_note

    for ind in INDICATORS:
        out[f"margin_{ind}"] = margins[ind]
    out["population_unknown"] = np.isnan(population)
    if "official_status" in frame:
        official = normalise_status(frame["official_status"])
        out["official_status"] = official
        agrees = published_agrees(official, pd.Series(out["status"], dtype="string"))
        out["published_mismatch"] = (~agrees.fillna(True)).astype(bool).to_numpy()
    else:
        out["official_status"] = pd.Series(pd.NA, index=out.index, dtype="string")
        out["published_mismatch"] = False
    for col in ("area_id", "rule_set", "status", "history_note"):
        out[col] = out[col].astype("string")
    return out


def latest_status(areas: pd.DataFrame) -> pd.Series:
    """Status of the latest year of each area.

    Returns
    -------
    pandas.Series
        Index ``area_id``, values status codes, name ``status``.

    Examples
    --------
    >>> latest_status(pd.DataFrame({"area_id": ["A01", "A01"], "year": [2020, 2021], "population": [500, 500]}))
    area_id
    A01    too_small
    Name: status, dtype: string
    """
    return latest_of(classify(areas))["status"]


def latest_published_year(areas: pd.DataFrame) -> int | None:
    """The latest year in which any area has a published status (None without any).

    Examples
    --------
    >>> latest_published_year(pd.DataFrame({"year": [2022, 2023, 2024], "official_status": ["ghetto", "udsat", None]}))
    2023
    """
    if "official_status" not in areas or areas.empty:
        return None
    has = areas["official_status"].astype("string").str.strip().fillna("") != ""
    return int(areas.loc[has.to_numpy(), "year"].max()) if has.any() else None


def latest_published(areas: pd.DataFrame) -> pd.Series:
    """Each area's published status on the latest published list (:func:`latest_published_year`).

    Returns
    -------
    pandas.Series
        Index ``area_id``, normalised status codes, name ``official_status``; only the areas with a published
        status that year (empty when nothing is published).
    """
    year = latest_published_year(areas)
    if year is None:
        return pd.Series(dtype="string", name="official_status", index=pd.Index([], name="area_id"))
    rows = areas.loc[(areas["year"] == year).to_numpy(), ["area_id", "official_status"]]
    status = normalise_status(rows["official_status"])
    out = pd.Series(status.to_numpy(), index=pd.Index(rows["area_id"].astype(str), name="area_id"))
    return out[out.notna()].astype("string").rename("official_status")


def indicators_in_force(year: int) -> list[str]:
    """The indicators the rule set of ``year`` reads (in display order)."""
    return [ind for ind in INDICATORS if threshold(ind, year) is not None]


def latest_of(classified: pd.DataFrame) -> pd.DataFrame:
    """The latest year's row of each area from a ``classify`` result, indexed by ``area_id``."""
    latest = classified.groupby("area_id", sort=True).tail(1)
    return latest.set_index("area_id")


def latest_statuses(classified: pd.DataFrame) -> pd.DataFrame:
    """``area_id``, ``status`` and ``n_met`` of each area's latest year (the map's gap analysis input)."""
    return latest_of(classified)[["status", "n_met"]].reset_index()


#: Bounds of each indicator, so a scenario shift never produces an impossible value.
_BOUNDS: dict[str, tuple[float, float]] = {
    "pct_outside_labour_market": (0.0, 100.0),
    "pct_convicted": (0.0, 100.0),
    "pct_basic_education_only": (0.0, 100.0),
    "pct_nonwestern": (0.0, 100.0),
    "convicted_ratio_national": (0.0, np.inf),
    "income_pct_of_region": (0.0, np.inf),
}


def _latest_rows(classified: pd.DataFrame) -> pd.DataFrame:
    """Status and criteria met of each area's latest year, from a :func:`classify` result."""
    latest = classified.groupby("area_id", sort=False)["year"].transform("max") == classified["year"]
    return classified.loc[latest.to_numpy(), ["area_id", "year", "status", "n_met", "n_met_prevention"]]


def what_if(areas: pd.DataFrame, shifts: dict[str, float], before: pd.DataFrame | None = None) -> pd.DataFrame:
    """Before/after status of each area's latest year when indicators shift by the given amounts.

    The shift is applied to the latest year of each area only (a scenario for "this year's list"); earlier years
    stay as recorded, so streak statuses still use the real history. Shifted values are kept within the
    indicator's possible range (0-100 % for shares, >= 0 otherwise).

    Parameters
    ----------
    areas : pandas.DataFrame
        The areas table (all years; filter areas before calling).
    shifts : dict[str, float]
        Indicator -> shift in the indicator's own unit: percentage points for percent columns, percent of the
        regional mean for ``income_pct_of_region``, multiples of the national average for
        ``convicted_ratio_national``. Zero shifts may be omitted.
    before : pandas.DataFrame, optional
        ``classify(areas)``, when the caller has it (the stored classification of the same areas): the areas are
        then not classified again, and with every shift at zero not at all.

    Returns
    -------
    pandas.DataFrame
        One row per area: ``area_id``, ``year``, ``status_before``, ``status_after``, ``n_met_before``,
        ``n_met_after``, ``n_met_prevention_before``, ``n_met_prevention_after``, ``changed``; sorted with
        changed areas first, then by severity after the shift.

    Examples
    --------
    >>> frame = pd.DataFrame({"area_id": ["A01"], "year": [2022], "population": [2500],
    ...     "pct_outside_labour_market": [41.0], "pct_basic_education_only": [65.0], "pct_nonwestern": [20.0]})
    >>> what_if(frame, {"pct_outside_labour_market": -2})[["status_before", "status_after"]].iloc[0].tolist()
    ['udsat', 'none']
    """
    unknown = sorted(set(shifts) - set(INDICATORS))
    if unknown:
        raise AtlasError("criteria.unknown_indicator", indicators=", ".join(unknown))
    if before is None:
        before = classify(_prepare(areas))
    if any(shifts.values()):
        shifted = _prepare(areas)
        latest = shifted.groupby("area_id", sort=False)["year"].transform("max") == shifted["year"]
        for ind, delta in shifts.items():
            if delta:
                low, high = _BOUNDS[ind]
                shifted.loc[latest, ind] = (shifted.loc[latest, ind] + float(delta)).clip(low, high)
        after = classify(shifted)
    else:  # the page's default (every slider at 0): the same areas, so the same statuses, classified once
        after = before
    result = _latest_rows(before).merge(_latest_rows(after), on=["area_id", "year"], suffixes=("_before", "_after"))
    result["changed"] = result["status_before"] != result["status_after"]
    severity = {s: i for i, s in enumerate(STATUS_ORDER)}
    result["_rank"] = result["status_after"].map(severity)
    result = result.sort_values(["changed", "_rank", "area_id"], ascending=[False, True, True], kind="stable")
    return result.drop(columns="_rank").reset_index(drop=True)[
        [
            "area_id",
            "year",
            "status_before",
            "status_after",
            "n_met_before",
            "n_met_after",
            "n_met_prevention_before",
            "n_met_prevention_after",
            "changed",
        ]
    ]


def _format_rule(c: Criterion, lang: str) -> str:
    unit = {
        "convicted_ratio_national": " x",
        "income_pct_of_region": " %",
    }.get(c.indicator, " %")
    value = fmt.number(c.value, lang, 3, trim=True)
    return f"{ {'>=': '≥'}.get(c.op, c.op) } {value}{unit}".strip()


def rules_table(lang: str = "da") -> pd.DataFrame:
    """The rules as a readable table: one row per criterion plus one per listing.

    Parameters
    ----------
    lang : {"da", "en"}

    Returns
    -------
    pandas.DataFrame
        Columns (translated): rule set, list, criterion, rule, note, indicator (column name in the data).
        Listing rows (how criteria combine into a status) carry their requirement in the criterion column.

    Examples
    --------
    >>> rules_table("en").shape[0] == len(RULES) + len(LISTINGS)
    True
    """
    tr = translator(lang)

    rows = []
    for rs in _RULE_SETS:
        period = rule_set_period(rs)
        for lst in (x for x in LISTINGS if x.rule_set == rs):
            parts = [tr(f"criteria.requires.{g}", k=k) for g, k in lst.requires]
            if lst.streak_years:
                parts.append(tr("criteria.requires.streak", n=lst.streak_years))
            parts.append(
                tr(
                    "criteria.requires.population",
                    n=MIN_POPULATION,
                )
            )
            rows.append(
                {
                    "rule_set": period,
                    "list": tr(f"criteria.status.{lst.status}"),
                    # The combination reads as a sentence, so it goes in the wide criterion column.
                    "criterion": "; ".join(parts),
                    "rule": "",
                    "note": "",
                    "indicator": "",
                }
            )
        for c in criteria_for(rs):
            rows.append(
                {
                    "rule_set": period,
                    "list": tr(f"criteria.group.{c.group}"),
                    "criterion": c.label_da if lang == "da" else c.label_en,
                    "rule": _format_rule(c, lang),
                    "note": "; ".join([tr(f"criteria.opnote.{c.op}")] + [tr(f"criteria.note.{x}") for x in c.notes]),
                    "indicator": c.indicator,
                }
            )
    table = pd.DataFrame(rows)
    return table.rename(columns={col: tr(f"criteria.col.{col}") for col in table.columns})


def rule_set_period(rule_set: str) -> str:
    """Years a rule set covers, e.g. ``"2018-2020"`` or ``"2021-"``."""
    starts = sorted(RULE_SET_START.values())
    start = RULE_SET_START[rule_set]
    later = [s for s in starts if s > start]
    return f"{start}-{later[0] - 1}" if later else f"{start}-"
