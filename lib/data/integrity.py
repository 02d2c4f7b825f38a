"""Integrity across tables: rows that point at a centre, area or actor that does not exist.

The import of a single table checks its own references, but a rollback or a
replace of *another* table can take away what responses and actors point to.
:func:`after_change` says, before anything is written, which references a new
version of one table would break (with counts and examples), so the preview can
offer to proceed or cancel; :func:`broken_references` counts what is broken now,
so the pages can say how many responses refer to missing centres instead of
silently counting them as nothing.
"""

from __future__ import annotations

import pandas as pd

from lib.analysis.filters import isin
from lib.i18n import label, t

#: (table, column, target table, target column) of every reference between tables.
REFERENCES = (
    ("survey_responses", "centre_id", "centres", "centre_id"),
    ("actors", "centre_id", "centres", "centre_id"),
    ("actors", "area_id", "areas", "area_id"),
    ("centres", "area_id", "areas", "area_id"),
    ("ties", "source_actor_id", "actors", "actor_id"),
    ("ties", "target_actor_id", "actors", "actor_id"),
)
COLUMNS = ["table", "column", "target", "n", "examples"]


def _missing(values: pd.Series, keys: pd.Series) -> pd.Series:
    present = values.dropna().astype(str)
    present = present[present.str.strip().ne("") & present.ne("<NA>")]
    # Arrow's is_in on the unique keys: a Python set of ~12,000 Arrow strings, then pandas' isin with one
    # Python object per value, took ~0.6 s of a fresh server's first page at x100 (py-spy).
    return present[~isin(present, keys.dropna().astype(str).unique())]


def broken_references(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """References that point at nothing: ``table, column, target, n, examples`` (one row per reference).

    Examples
    --------
    >>> frames = {"centres": pd.DataFrame({"centre_id": ["MC1"], "area_id": [None]}),
    ...           "survey_responses": pd.DataFrame({"centre_id": ["MC1", "MC9", "MC9"]})}
    >>> broken_references(frames)[["table", "n", "examples"]].values.tolist()
    [['survey_responses', 2, 'MC9']]
    """
    rows = []
    for table, column, target, key in REFERENCES:
        source, dest = frames.get(table), frames.get(target)
        if source is None or dest is None or column not in source.columns:
            continue
        missing = _missing(source[column], dest[key])
        if len(missing):
            rows.append((table, column, target, len(missing), ", ".join(pd.unique(missing.to_numpy())[:3])))
    return pd.DataFrame(rows, columns=COLUMNS)


def after_change(frames: dict[str, pd.DataFrame], table: str, new: pd.DataFrame) -> pd.DataFrame:
    """References broken by making ``new`` the version of ``table`` that were not broken before."""
    before = broken_references(frames)
    changed = dict(frames)
    changed[table] = new
    after = broken_references(changed)
    if after.empty:
        return after
    merged = after.merge(before[["table", "column", "n"]], on=["table", "column"], how="left", suffixes=("", "_before"))
    merged["n"] = merged["n"] - merged["n_before"].fillna(0).astype(int)
    return merged.loc[merged["n"] > 0, COLUMNS].reset_index(drop=True)


def rollback_effect(engine, table: str, version_id: int) -> pd.DataFrame:
    """What a rollback of ``table`` to ``version_id`` would break (see :func:`after_change`)."""
    from lib.data import store

    frames = store.read_all_current(engine)
    return after_change(frames, table, store.read_version(engine, version_id))


def messages(broken: pd.DataFrame, lang: str, *, key: str = "byod.integrity.would_break") -> list[str]:
    """One sentence per broken reference, in ``lang``."""
    return [
        t(
            key,
            lang,
            n=int(r["n"]),
            table=label("table", r["table"], lang),
            target=label("table", r["target"], lang).lower(),
            column=r["column"],
            examples=r["examples"],
        )
        for r in broken.to_dict("records")
    ]


def responses_without_centre(responses: pd.DataFrame, centres: pd.DataFrame) -> int:
    """How many survey responses name a centre that does not exist (left out of every figure)."""
    if responses is None or centres is None or responses.empty:
        return 0
    return len(_missing(responses["centre_id"], centres["centre_id"]))
