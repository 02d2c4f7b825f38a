"""Compare the four centre types: survey shares, ratings, profiles, comments.

Pure pandas/numpy (no Streamlit, no SciPy). Every number that comes from survey
answers travels with its ``n`` and, when ``n`` is below a threshold, is
suppressed (set to NaN and flagged) so the page can say "too few answers"
instead of showing a share computed from two people.

Statistical choices, in one place:

* shares: Wilson score interval (better than the normal approximation for
  small ``n`` and shares near 0 or 1);
* focus type vs the others: the others are pooled from their counts, and the
  difference carries a Newcombe (1998, method 10) interval built from the two
  Wilson intervals;
* ratings: mean with a Student-t 95 % interval;
* optional "types differ" marker: Pearson chi-square test of independence of
  centre type x cited (one k x 2 table per item), only computed when every
  expected count is at least 5 (Cochran's rule), with Holm's correction over
  all items tested. Respondents of the same centre are not independent, so the
  p-values are optimistic; the marker is a hint, not proof.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from functools import lru_cache

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from lib.analysis.filters import positions
from lib.schema import CENTRE_TYPES, PARTNER_FLAGS, RATING_COLUMNS

__all__ = [
    "CENTRE_TYPES",
    "PARTNER_FLAGS",
    "PROFILE_METRICS",
    "RATING_COLUMNS",
    "chi_square_sf",
    "focus_contrast",
    "item_shares",
    "rating_summary",
    "search_comments",
    "split_codes",
    "student_t_quantile",
    "type_profiles",
    "wilson_interval",
]

PROFILE_METRICS: tuple[str, ...] = (
    "floor_area_m2",
    "weekly_opening_hours",
    "n_organisations",
)

RATING_MIN, RATING_MAX = 1, 5
MIN_EXPECTED_COUNT = 5.0
_KIND_COLUMN = {"advantage": "advantages", "drawback": "drawbacks"}


# --------------------------------------------------------------------------
# Small statistics (SciPy is not a dependency of the app)
# --------------------------------------------------------------------------
def wilson_interval(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """Wilson score interval for a binomial share ``k / n``.

    Parameters
    ----------
    k : int
        Number of responses citing the item (0 <= k <= n).
    n : int
        Number of responses.
    z : float, default 1.96
        Standard-normal quantile (1.96 for a 95 % interval).

    Returns
    -------
    tuple of float
        ``(lo, hi)`` in [0, 1]; ``(nan, nan)`` when ``n == 0``.

    Raises
    ------
    ValueError
        If ``n < 0`` or ``k`` is outside ``[0, n]``.

    Examples
    --------
    >>> tuple(round(x, 4) for x in wilson_interval(5, 10))
    (0.2366, 0.7634)
    >>> wilson_interval(0, 0)
    (nan, nan)
    """
    if n < 0 or k < 0 or k > n:
        raise ValueError(f"wilson_interval needs 0 <= k <= n, got k={k}, n={n}")
    if n == 0:
        return (math.nan, math.nan)
    lo, hi = _wilson_arrays(np.array([k], dtype=float), np.array([n], dtype=float), z)
    return (float(lo[0]), float(hi[0]))


def _wilson_arrays(k: np.ndarray, n: np.ndarray, z: float = 1.96) -> tuple[np.ndarray, np.ndarray]:
    """Vectorised Wilson interval; NaN where ``n == 0``."""
    k = np.asarray(k, dtype=float)
    n = np.asarray(n, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = k / n
        z2n = z * z / n
        centre = (p + z2n / 2) / (1 + z2n)
        half = z / (1 + z2n) * np.sqrt(p * (1 - p) / n + z2n / (4 * n))
        lo = np.clip(centre - half, 0.0, 1.0)
        hi = np.clip(centre + half, 0.0, 1.0)
    # Exact bounds at the edges: rounding would otherwise give 1e-17 or 0.9999...
    lo = np.where(k == 0, 0.0, lo)
    hi = np.where(k == n, 1.0, hi)
    empty = n == 0
    return np.where(empty, np.nan, lo), np.where(empty, np.nan, hi)


def _student_t_two_sided_mass(t: float, df: int) -> float:
    """P(|T| < t) for Student's t with an integer ``df`` (closed form series)."""
    theta = math.atan(t / math.sqrt(df))
    s, c2 = math.sin(theta), math.cos(theta) ** 2
    if df % 2 == 1:
        total, term = 0.0, 1.0
        if df > 1:
            total = 1.0
            for i in range(1, (df - 1) // 2):
                term *= c2 * (2 * i) / (2 * i + 1)
                total += term
            total *= s * math.cos(theta)
        return 2.0 / math.pi * (theta + total)
    total, term = 1.0, 1.0
    for i in range(1, df // 2):
        term *= c2 * (2 * i - 1) / (2 * i)
        total += term
    return s * total


@lru_cache(maxsize=512)
def student_t_quantile(p: float, df: int) -> float:
    """Quantile of Student's t distribution for ``0.5 <= p < 1``.

    Parameters
    ----------
    p : float
        Probability, e.g. 0.975 for a two-sided 95 % interval.
    df : int
        Degrees of freedom (>= 1).

    Returns
    -------
    float
        ``t`` such that ``P(T <= t) = p``.

    Examples
    --------
    >>> round(student_t_quantile(0.975, 4), 3)
    2.776
    """
    if df < 1:
        raise ValueError(f"df must be >= 1, got {df}")
    if not 0.5 <= p < 1:
        raise ValueError(f"p must be in [0.5, 1), got {p}")
    target = 2 * p - 1
    if df > 300:
        # Cornish-Fisher expansion around the normal quantile; error < 1e-6 here.
        zq = _normal_quantile(p)
        g1 = (zq**3 + zq) / 4
        g2 = (5 * zq**5 + 16 * zq**3 + 3 * zq) / 96
        return zq + g1 / df + g2 / df**2
    lo, hi = 0.0, 1.0
    while _student_t_two_sided_mass(hi, df) < target:
        hi *= 2
    for _ in range(80):
        mid = (lo + hi) / 2
        if _student_t_two_sided_mass(mid, df) < target:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def _normal_quantile(p: float) -> float:
    """Standard-normal quantile by bisection on ``erf`` (only used for large df)."""
    lo, hi = -10.0, 10.0
    for _ in range(100):
        mid = (lo + hi) / 2
        if 0.5 * (1 + math.erf(mid / math.sqrt(2))) < p:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def chi_square_sf(x: float, df: int) -> float:
    """Upper tail P(X >= x) of the chi-square distribution, integer ``df``.

    Uses the closed forms of the regularised upper gamma function for integer
    and half-integer shape.

    Examples
    --------
    >>> round(chi_square_sf(7.815, 3), 3)
    0.05
    """
    if df < 1:
        raise ValueError(f"df must be >= 1, got {df}")
    if x <= 0:
        return 1.0
    h = x / 2
    if df % 2 == 0:
        term, total = 1.0, 1.0
        for i in range(1, df // 2):
            term *= h / i
            total += term
        return min(1.0, math.exp(-h) * total)
    total = math.erfc(math.sqrt(h))
    term = math.exp(-h) * math.sqrt(h) / math.gamma(1.5)
    for i in range(1, (df + 1) // 2):
        total += term
        term *= h / (i + 0.5)
    return min(1.0, total)


def _holm(p_values: pd.Series) -> pd.Series:
    """Holm step-down adjusted p-values (NaN stays NaN)."""
    tested = p_values.dropna().sort_values()
    m = len(tested)
    adjusted = pd.Series(np.nan, index=p_values.index, dtype=float)
    running = 0.0
    for rank, (idx, p) in enumerate(tested.items()):
        running = max(running, min(1.0, (m - rank) * p))
        adjusted[idx] = running
    return adjusted


# --------------------------------------------------------------------------
# Input helpers
# --------------------------------------------------------------------------
def split_codes(value: object) -> set[str]:
    """Codes of a ``;``-separated cell as a set (empty, None and NaN give none).

    Examples
    --------
    >>> sorted(split_codes("A1; A2;;A1"))
    ['A1', 'A2']
    >>> split_codes("")
    set()
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return set()
    if value is pd.NA:
        return set()
    return {part.strip() for part in str(value).split(";") if part.strip()}


def cited_codes(cells: pd.Series, codes: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Every (row position, code) of ``;``-separated cells whose code is one of ``codes``.

    The same reading as :func:`split_codes` (parts stripped, empty parts and
    missing cells cite nothing), done by Arrow's string kernels: ~10x faster than
    pandas' per-row ``str.split`` on 300,000 cells. Returns row positions and,
    for each, the position of its code in ``codes`` (integers keep the counting
    that follows cheap). A code repeated in a cell appears twice.

    Examples
    --------
    >>> rows, which = cited_codes(pd.Series(["A1; A2", None, "A2;;X9", " A1 "]), ["A1", "A2"])
    >>> rows.tolist(), which.tolist()
    ([0, 0, 2, 3], [0, 1, 1, 0])
    """
    if getattr(cells.dtype, "storage", None) == "pyarrow":
        text = pa.array(cells.array)  # the column's own Arrow buffers, no copy
        text = text.combine_chunks() if isinstance(text, pa.ChunkedArray) else text
    else:
        text = pa.array(cells.astype(object).where(cells.notna(), None), type=pa.string(), from_pandas=True)
    parts = pc.split_pattern(pc.fill_null(text.cast(pa.string()), ""), ";")
    position = pc.index_in(
        pc.utf8_trim_whitespace(pc.list_flatten(parts)), value_set=pa.array(list(codes), pa.string())
    )
    keep = pc.is_valid(position)
    rows = pc.filter(pc.list_parent_indices(parts), keep).to_numpy(zero_copy_only=False).astype(np.int64)
    return rows, pc.filter(position, keep).to_numpy(zero_copy_only=False).astype(np.int64)


def _require(frame: pd.DataFrame, columns: Iterable[str], name: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{name} is missing column(s) {missing}; got {list(frame.columns)}")


def _with_type(responses: pd.DataFrame, centres: pd.DataFrame) -> pd.DataFrame:
    """Responses joined to their centre's type; responses of unknown centres drop out."""
    _require(responses, ["centre_id"], "responses")
    _require(centres, ["centre_id", "centre_type"], "centres")
    known = centres.drop_duplicates("centre_id")
    position = positions(responses["centre_id"], known["centre_id"])
    type_of = known["centre_type"].to_numpy(dtype=object)
    keep = position >= 0
    keep[keep] = pd.notna(type_of[position[keep]])
    centre_type = type_of[position[keep]]
    # Every response usually names a known centre: then no row is copied (pandas copies on write).
    kept = responses if keep.all() else responses.loc[keep]
    return kept.assign(centre_type=pd.Series(centre_type, index=kept.index, dtype=object))


def _type_order(present: Iterable[str], types: Sequence[str] | None) -> list[str]:
    order = list(types) if types is not None else list(CENTRE_TYPES)
    extra = sorted({t for t in pd.unique(pd.Series(present, dtype=object)) if isinstance(t, str)} - set(order))
    return order + extra


# --------------------------------------------------------------------------
# Advantages and drawbacks
# --------------------------------------------------------------------------
def item_shares(
    responses: pd.DataFrame,
    centres: pd.DataFrame,
    codebook: pd.DataFrame,
    *,
    min_n: int = 5,
    z: float = 1.96,
    types: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Share of responses citing each codebook item, per centre type.

    A response "cites" an advantage item when its code is among the
    ``;``-separated codes of its ``advantages`` cell (drawback items: the
    ``drawbacks`` cell). Empty or missing cells cite nothing but still count
    in ``n``: the respondent answered and named none. Codes not in the
    codebook are ignored here (ingest reports them).

    Parameters
    ----------
    responses : DataFrame
        survey_responses with ``centre_id``, ``advantages``, ``drawbacks``.
    centres : DataFrame
        centres with ``centre_id`` and ``centre_type``.
    codebook : DataFrame
        ``code``, ``kind`` (advantage | drawback), ``label_da``, ``label_en``.
    min_n : int, default 5
        Cells with fewer responses are suppressed: ``share``, ``lo``, ``hi``
        are NaN and ``suppressed`` is True. ``n`` and ``k`` stay visible.
    z : float, default 1.96
        Normal quantile of the Wilson interval.
    types : sequence of str, optional
        Type order; defaults to the canonical four. All listed types appear,
        even with ``n == 0``.

    Returns
    -------
    DataFrame
        One row per item x type: ``code, kind, label_da, label_en,
        description, centre_type, n, k, share, lo, hi, suppressed, spread,
        n_types_shown, chi2, p_value, p_adjusted, differs``. ``spread`` is
        max - min share over the non-suppressed types (NaN with fewer than
        two). ``p_value`` is the Pearson chi-square test of type x cited
        over the non-suppressed types, NaN when not computed (fewer than two
        types, or an expected count below 5); ``p_adjusted`` is Holm-corrected
        over all tested items and ``differs`` is ``p_adjusted < 0.05``.
        Sorted by kind (advantages first), spread (largest first), code, type.

    Examples
    --------
    >>> centres = pd.DataFrame({"centre_id": ["C1"], "centre_type": ["library"]})
    >>> responses = pd.DataFrame(
    ...     {"centre_id": ["C1"] * 5, "advantages": ["A1", "A1", "", "", ""], "drawbacks": ""}
    ... )
    >>> codebook = pd.DataFrame(
    ...     {"code": ["A1"], "kind": ["advantage"], "label_da": ["x"], "label_en": ["x"]}
    ... )
    >>> row = item_shares(responses, centres, codebook).query("centre_type == 'library'")
    >>> int(row.n.iloc[0]), int(row.k.iloc[0]), float(row.share.iloc[0])
    (5, 2, 0.4)
    """
    if min_n < 1:
        raise ValueError(f"min_n must be >= 1, got {min_n}")
    _require(responses, ["centre_id", "advantages", "drawbacks"], "responses")
    _require(codebook, ["code", "kind"], "codebook")
    joined = _with_type(responses, centres)
    order = _type_order(joined["centre_type"], types)

    items = codebook.drop_duplicates("code").copy()
    for col in ("label_da", "label_en", "description"):
        if col not in items.columns:
            items[col] = items["code"] if col != "description" else ""
    items = items[items["kind"].isin(_KIND_COLUMN)]

    # Counted on integer codes with numpy: the groupbys and drop_duplicates on (response, code, type) frames
    # were most of a first view of Compare at x100 (~0.5 s for 116,000 responses of one region).
    type_code, type_names = pd.factorize(joined["centre_type"])
    per_type = np.bincount(type_code, minlength=len(type_names))
    n_by_type = pd.Series(per_type, index=list(type_names)).reindex(order, fill_value=0)
    counts: dict[tuple[str, str], int] = {}
    for kind, column in _KIND_COLUMN.items():
        kind_codes = sorted(set(items.loc[items["kind"] == kind, "code"]))
        if not kind_codes:
            continue
        response, which = cited_codes(joined[column], kind_codes)
        cited = np.sort(response * len(kind_codes) + which)
        cited = cited[np.diff(cited, prepend=-1) != 0]  # a code repeated in one answer counts once
        response, which = np.divmod(cited, len(kind_codes))
        cells = np.bincount(
            type_code[response] * len(kind_codes) + which, minlength=len(type_names) * len(kind_codes)
        ).reshape(len(type_names), len(kind_codes))
        for t_pos, c_pos in zip(*np.nonzero(cells), strict=True):
            counts[(kind_codes[c_pos], type_names[t_pos])] = int(cells[t_pos, c_pos])

    rows = []
    for item in items.itertuples(index=False):
        for ctype in order:
            rows.append(
                {
                    "code": item.code,
                    "kind": item.kind,
                    "label_da": item.label_da,
                    "label_en": item.label_en,
                    "description": item.description,
                    "centre_type": ctype,
                    "n": int(n_by_type[ctype]),
                    "k": counts.get((item.code, ctype), 0),
                }
            )
    columns = [
        "code",
        "kind",
        "label_da",
        "label_en",
        "description",
        "centre_type",
        "n",
        "k",
    ]
    out = pd.DataFrame(rows, columns=columns)
    out["n"] = out["n"].astype(int)
    out["k"] = out["k"].astype(int)
    out["suppressed"] = out["n"] < min_n
    lo, hi = _wilson_arrays(out["k"].to_numpy(), out["n"].to_numpy(), z)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = out["k"].to_numpy(dtype=float) / out["n"].to_numpy(dtype=float)
    hide = out["suppressed"].to_numpy()
    out["share"] = np.where(hide, np.nan, share)
    out["lo"] = np.where(hide, np.nan, lo)
    out["hi"] = np.where(hide, np.nan, hi)

    shown = out[~out["suppressed"]]
    spread = shown.groupby("code")["share"].agg(lambda s: s.max() - s.min() if len(s) > 1 else np.nan)
    out["spread"] = out["code"].map(spread).astype(float)
    out["n_types_shown"] = out["code"].map(shown.groupby("code").size()).fillna(0).astype(int)

    shown_n, shown_k = shown["n"].to_numpy(), shown["k"].to_numpy()
    tests = {
        code: _chi_square_type_test(shown_n[idx], shown_k[idx]) for code, idx in shown.groupby("code").indices.items()
    }
    out["chi2"] = out["code"].map({c: t[0] for c, t in tests.items()}).astype(float)
    out["p_value"] = out["code"].map({c: t[1] for c, t in tests.items()}).astype(float)
    per_item = out.drop_duplicates("code").set_index("code")["p_value"]
    out["p_adjusted"] = out["code"].map(_holm(per_item)).astype(float)
    out["differs"] = (out["p_adjusted"] < 0.05).fillna(False).astype(bool)

    kind_rank = out["kind"].map({"advantage": 0, "drawback": 1})
    type_rank = out["centre_type"].map({t: i for i, t in enumerate(order)})
    out = (
        out.assign(_kind=kind_rank, _type=type_rank, _spread=out["spread"].fillna(-1.0))
        .sort_values(["_kind", "_spread", "code", "_type"], ascending=[True, False, True, True])
        .drop(columns=["_kind", "_type", "_spread"])
        .reset_index(drop=True)
    )
    return out


def _chi_square_type_test(n: np.ndarray, k: np.ndarray) -> tuple[float, float]:
    """Pearson chi-square of type x cited for one item; NaN when not valid.

    ``n`` and ``k`` hold one value per (non-suppressed) type.
    Returns ``(statistic, p_value)``.
    """
    n, k = np.asarray(n, dtype=float), np.asarray(k, dtype=float)
    k, n = k[n > 0], n[n > 0]
    if len(n) < 2:
        return (math.nan, math.nan)
    cited = k
    not_cited = n - k
    observed = np.column_stack([cited, not_cited])
    total = observed.sum()
    expected = np.outer(observed.sum(axis=1), observed.sum(axis=0)) / total
    if (expected < MIN_EXPECTED_COUNT).any():
        return (math.nan, math.nan)
    stat = float(((observed - expected) ** 2 / expected).sum())
    return (stat, chi_square_sf(stat, len(n) - 1))


def focus_contrast(
    shares: pd.DataFrame,
    focus_type: str,
    *,
    min_n: int = 5,
    z: float = 1.96,
) -> pd.DataFrame:
    """One centre type against all other types pooled, per item.

    The others are pooled from their counts (sum of ``k`` over sum of ``n``),
    not by averaging their shares, so a type with many answers weighs more.
    Types that are suppressed on their own still count in the pool: the pool
    is shown only as a whole.

    Parameters
    ----------
    shares : DataFrame
        Output of :func:`item_shares` (needs ``code, kind, centre_type, n, k``).
    focus_type : str
        The type to contrast.
    min_n : int, default 5
        Suppression threshold applied to the focus type and to the pool.
    z : float, default 1.96
        Normal quantile for the intervals.

    Returns
    -------
    DataFrame
        One row per item: ``code, kind, label_da, label_en, focus_type,
        n_focus, k_focus, share_focus, lo_focus, hi_focus, n_others,
        k_others, share_others, lo_others, hi_others, difference, difference_lo,
        difference_hi, suppressed``. ``difference = share_focus - share_others`` with a
        Newcombe hybrid-score 95 % interval. Sorted like ``shares``
        by kind then ``|difference|`` (largest first).

    Examples
    --------
    >>> shares = pd.DataFrame({
    ...     "code": ["A1", "A1"], "kind": "advantage", "label_da": "x", "label_en": "x",
    ...     "centre_type": ["library", "health"], "n": [10, 30], "k": [5, 3]})
    >>> row = focus_contrast(shares, "library").iloc[0]
    >>> float(row.share_focus), float(row.share_others)
    (0.5, 0.1)
    """
    _require(shares, ["code", "kind", "centre_type", "n", "k"], "shares")
    if focus_type not in set(shares["centre_type"]):
        raise ValueError(f"focus_type {focus_type!r} not among types {sorted(set(shares['centre_type']))}")
    is_focus = shares["centre_type"] == focus_type
    meta_cols = [c for c in ("code", "kind", "label_da", "label_en") if c in shares.columns]
    meta = shares.drop_duplicates("code")[meta_cols].set_index("code")
    focus = shares[is_focus].groupby("code")[["n", "k"]].sum()
    others = shares[~is_focus].groupby("code")[["n", "k"]].sum()
    others = others.add_suffix("_others")
    out = meta.join(focus).join(others).fillna({"n": 0, "k": 0})
    out = out.rename(columns={"n": "n_focus", "k": "k_focus"})
    out[["n_others", "k_others"]] = out[["n_others", "k_others"]].fillna(0)
    for col in ("n_focus", "k_focus", "n_others", "k_others"):
        out[col] = out[col].astype(int)
    out.insert(len(meta_cols) - 1, "focus_type", focus_type)

    for side in ("focus", "others"):
        k = out[f"k_{side}"].to_numpy()
        n = out[f"n_{side}"].to_numpy()
        lo, hi = _wilson_arrays(k, n, z)
        with np.errstate(divide="ignore", invalid="ignore"):
            out[f"share_{side}"] = k / n.astype(float)
        out[f"lo_{side}"], out[f"hi_{side}"] = lo, hi

    p1, l1, u1 = out["share_focus"], out["lo_focus"], out["hi_focus"]
    p2, l2, u2 = out["share_others"], out["lo_others"], out["hi_others"]
    out["difference"] = p1 - p2
    out["difference_lo"] = out["difference"] - np.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    out["difference_hi"] = out["difference"] + np.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    out["suppressed"] = (out["n_focus"] < min_n) | (out["n_others"] < min_n)
    value_cols = [c for c in out.columns if c.startswith(("share_", "lo_", "hi_", "difference"))]
    out.loc[out["suppressed"], value_cols] = np.nan

    out = out.reset_index()
    kind_rank = out["kind"].map({"advantage": 0, "drawback": 1})
    return (
        out.assign(_kind=kind_rank, _abs=out["difference"].abs().fillna(-1.0))
        .sort_values(["_kind", "_abs", "code"], ascending=[True, False, True])
        .drop(columns=["_kind", "_abs"])
        .reset_index(drop=True)
    )


# --------------------------------------------------------------------------
# Ratings
# --------------------------------------------------------------------------
def rating_summary(
    responses: pd.DataFrame,
    centres: pd.DataFrame,
    *,
    min_n: int = 5,
    dimensions: Sequence[str] = RATING_COLUMNS,
    types: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Mean 1-5 rating per centre type and dimension, with a t-based 95 % interval.

    Blank ratings are ignored (they lower ``n``, not the mean). Values outside
    1-5 are treated as blank: ingest should have rejected them. The interval
    is ``mean +/- t(0.975, n-1) * sd / sqrt(n)`` clipped to the 1-5 scale.

    Parameters
    ----------
    responses, centres : DataFrame
        survey_responses (``centre_id`` and rating columns) and centres.
    min_n : int, default 5
        Cells with fewer non-blank ratings get NaN ``mean``/``ci_lo``/``ci_hi``
        and ``suppressed`` True.
    dimensions : sequence of str
        Rating columns; missing columns count as all blank.
    types : sequence of str, optional
        Type order; defaults to the canonical four.

    Returns
    -------
    DataFrame
        ``centre_type, dimension, n, mean, sd, ci_lo, ci_hi, suppressed``,
        one row per type x dimension (types with no answers included, n=0).

    Examples
    --------
    >>> centres = pd.DataFrame({"centre_id": ["C1"], "centre_type": ["health"]})
    >>> responses = pd.DataFrame({"centre_id": ["C1"] * 5, "rating_visibility": [1, 2, 3, 4, 5]})
    >>> r = rating_summary(responses, centres, dimensions=["rating_visibility"])
    >>> r.query("centre_type == 'health'")[["n", "mean"]].values.tolist()
    [[5.0, 3.0]]
    """
    if min_n < 1:
        raise ValueError(f"min_n must be >= 1, got {min_n}")
    joined = _with_type(responses, centres)
    order = _type_order(joined["centre_type"], types)
    # one mask per type, not a groupby per dimension: pandas' group index was half of this at x100
    type_of = joined["centre_type"].to_numpy(dtype=object)
    of_type = {ctype: type_of == ctype for ctype in order}
    rows = []
    for dim in dimensions:
        if dim in joined.columns:
            values = pd.to_numeric(joined[dim], errors="coerce")
        else:
            values = pd.Series(np.nan, index=joined.index)
        values = values.where((values >= RATING_MIN) & (values <= RATING_MAX))
        for ctype in order:
            v = values[of_type[ctype]].dropna()
            n = len(v)
            mean = float(v.mean()) if n else math.nan
            sd = float(v.std(ddof=1)) if n > 1 else math.nan
            if n > 1:
                half = student_t_quantile(0.975, n - 1) * sd / math.sqrt(n)
                ci_lo = max(RATING_MIN, mean - half)
                ci_hi = min(RATING_MAX, mean + half)
            else:
                ci_lo = ci_hi = math.nan
            suppressed = n < min_n
            if suppressed:
                mean = sd = ci_lo = ci_hi = math.nan
            rows.append(
                {
                    "centre_type": ctype,
                    "dimension": dim,
                    "n": n,
                    "mean": mean,
                    "sd": sd,
                    "ci_lo": ci_lo,
                    "ci_hi": ci_hi,
                    "suppressed": suppressed,
                }
            )
    out = pd.DataFrame(
        rows,
        columns=[
            "centre_type",
            "dimension",
            "n",
            "mean",
            "sd",
            "ci_lo",
            "ci_hi",
            "suppressed",
        ],
    )
    out["n"] = out["n"].astype(int)
    out["suppressed"] = out["suppressed"].astype(bool)
    return out


# --------------------------------------------------------------------------
# Type profiles (centres table: no respondents, so no suppression)
# --------------------------------------------------------------------------
def _as_flag(values: pd.Series) -> pd.Series:
    """Booleans from bool/0-1/text columns; unknown stays NaN (not counted)."""
    if values.dtype == bool:
        return values.astype(float)
    text = values.astype("string").str.strip().str.lower()
    mapping = {
        "true": 1.0,
        "1": 1.0,
        "1.0": 1.0,
        "ja": 1.0,
        "yes": 1.0,
        "false": 0.0,
        "0": 0.0,
        "0.0": 0.0,
        "nej": 0.0,
        "no": 0.0,
    }
    return text.map(mapping).astype(float)


def type_profiles(
    centres: pd.DataFrame,
    *,
    types: Sequence[str] | None = None,
) -> pd.DataFrame:
    """What the centres of each type look like.

    Parameters
    ----------
    centres : DataFrame
        centres with ``centre_type``, the metrics in :data:`PROFILE_METRICS`
        and the flags in :data:`PARTNER_FLAGS` (missing columns give NaN).
    types : sequence of str, optional
        Type order; defaults to the canonical four.

    Returns
    -------
    DataFrame
        Indexed by ``centre_type``: ``n_centres``; for each metric
        ``<metric>_median``, ``<metric>_q1``, ``<metric>_q3`` (IQR bounds,
        linear interpolation) and ``<metric>_n`` (non-blank values); for each
        flag ``<flag>_share`` (0-1, over centres where the flag is known).

    Examples
    --------
    >>> centres = pd.DataFrame({"centre_id": ["C1", "C2"], "centre_type": ["health"] * 2,
    ...     "floor_area_m2": [100, 300], "has_library": [True, False]})
    >>> p = type_profiles(centres).loc["health"]
    >>> float(p.floor_area_m2_median), float(p.has_library_share)
    (200.0, 0.5)
    """
    _require(centres, ["centre_type"], "centres")
    order = _type_order(centres["centre_type"], types)
    out = pd.DataFrame(index=pd.Index(order, name="centre_type"))
    out["n_centres"] = centres.groupby("centre_type").size().reindex(order, fill_value=0).astype(int)
    # each statistic of every metric from one grouping of the types (a grouping per metric was most of this)
    missing = pd.Series(np.nan, index=centres.index)
    metrics = pd.DataFrame(
        {m: pd.to_numeric(centres[m], errors="coerce") if m in centres.columns else missing for m in PROFILE_METRICS}
    ).groupby(centres["centre_type"])
    stats = {
        "median": metrics.median(),
        "q1": metrics.quantile(0.25),
        "q3": metrics.quantile(0.75),
        "n": metrics.count(),
    }
    for metric in PROFILE_METRICS:
        for stat, frame in stats.items():
            column = frame[metric].reindex(order, fill_value=0) if stat == "n" else frame[metric].reindex(order)
            out[f"{metric}_{stat}"] = column.astype(int) if stat == "n" else column
    flags = pd.DataFrame({f: _as_flag(centres[f]) if f in centres.columns else missing for f in PARTNER_FLAGS}).groupby(
        centres["centre_type"]
    )
    shares = flags.mean()
    for flag in PARTNER_FLAGS:
        out[f"{flag}_share"] = shares[flag].reindex(order)
    return out


# --------------------------------------------------------------------------
# Comments
# --------------------------------------------------------------------------
def search_comments(
    responses: pd.DataFrame,
    centres: pd.DataFrame,
    query: str = "",
    *,
    code: str | None = None,
    centre_type: str | None = None,
    min_n: int | None = None,
) -> pd.DataFrame:
    """Free-text comments matching a search, without anything that identifies people.

    Only ``comment``, ``centre_type`` and ``survey_year`` are returned:
    no centre, respondent or response id, no role. Rows are sorted by year
    (newest first), type and comment text, so the order does not reveal the
    original response order either.

    Parameters
    ----------
    responses, centres : DataFrame
        survey_responses (``centre_id``, ``survey_year``, ``comment``,
        ``advantages``, ``drawbacks``) and centres.
    query : str, default ""
        Case-insensitive plain text (no regex); every whitespace-separated
        word must occur in the comment. Empty matches every comment.
    code : str, optional
        Keep only responses that cite this codebook code (advantage or drawback).
    centre_type : str, optional
        Keep only this type.
    min_n : int, optional
        When given, comments of a centre type with fewer than ``min_n``
        responses in ``responses`` are withheld: in a small group a comment
        is easier to trace back to the person who wrote it.

    Returns
    -------
    DataFrame
        ``comment, centre_type, survey_year``; blank comments are left out.

    Examples
    --------
    >>> centres = pd.DataFrame({"centre_id": ["C1"], "centre_type": ["library"]})
    >>> responses = pd.DataFrame({"centre_id": ["C1", "C1"], "survey_year": [2024, 2025],
    ...     "comment": ["Good cafe", ""], "advantages": ["", ""], "drawbacks": ["", ""]})
    >>> search_comments(responses, centres, "CAFE").to_dict("records")
    [{'comment': 'Good cafe', 'centre_type': 'library', 'survey_year': 2024}]
    """
    _require(responses, ["centre_id", "comment"], "responses")
    joined = _with_type(responses, centres)
    if "survey_year" not in joined.columns:
        joined["survey_year"] = pd.NA
    comments = joined["comment"].astype("string").str.strip()
    keep = comments.notna() & (comments != "")
    if centre_type:
        keep &= joined["centre_type"] == centre_type
    if min_n is not None:
        type_code, _types = pd.factorize(joined["centre_type"])  # missing types get -1 and are never kept
        sizes = np.bincount(type_code[type_code >= 0], minlength=len(_types))
        keep &= (type_code >= 0) & (sizes[type_code] >= min_n)
    if code:
        cited = pd.Series(False, index=joined.index)
        for column in _KIND_COLUMN.values():
            if column in joined.columns:
                cited |= joined[column].map(lambda v: code in split_codes(v))
        keep &= cited
    words = (query or "").lower().split()
    lowered = comments.str.lower() if words else None
    for word in words:
        keep &= lowered.str.contains(word, regex=False).fillna(False)
    out = pd.DataFrame(
        {
            "comment": comments[keep].astype(object),
            "centre_type": joined.loc[keep, "centre_type"],
            "survey_year": joined.loc[keep, "survey_year"],
        }
    )
    return out.sort_values(["survey_year", "centre_type", "comment"], ascending=[False, True, True]).reset_index(
        drop=True
    )
