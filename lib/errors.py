"""The project's error vocabulary: one domain error and one record of a row-level problem.

The error is rendered in one place (``lib.app.blocks.show_error``); the problem record is
used by the schema check, the file reader and the imports alike.
"""

from __future__ import annotations

import math

import pandas as pd

from lib.i18n import t

#: The columns of a problem list, in this order (a problem is one row).
PROBLEM_COLUMNS = ["table", "row", "column", "value", "message_da", "message_en"]


class AtlasError(Exception):
    """An error a user can act on.

    Parameters
    ----------
    key : str
        Catalogue key of the message (see lib/i18n/texts), formatted with ``fmt``.
    **fmt
        Values for the message's placeholders.

    Examples
    --------
    >>> raise AtlasError("store.concurrent_import", table="areas")  # doctest: +SKIP
    """

    def __init__(self, key: str, **fmt):
        self.key = key
        self.fmt = fmt
        super().__init__(f"{key} {fmt}" if fmt else key)

    def message(self, lang: str = "da") -> str:
        """Return the message in ``lang`` from the translation catalogue."""
        return t(self.key, lang, **self.fmt)


def problem(table_name: str, row, column: str, value, key: str, /, **fmt) -> dict:
    """One row-level problem: where it is (table, row as in the file, column), the value, and why, in both languages.

    Parameters
    ----------
    table_name : str
        Table name (positional: ``table`` may be a placeholder of the message).
    row : int or None
        Row number as the editor sees it in the file (header = 1); None for the file as a whole.
    column : str
        Column name as in the file (or the canonical name).
    value : object
        The offending value (shown up to 200 characters; up to 80 inside the message).
    key : str
        Catalogue key of the message; ``column`` and ``value`` are always available to it.
    **fmt
        Other placeholders of the message.

    Examples
    --------
    >>> problem("centres", 3, "centre_type", "kiosk", "schema.required_value")["row"]
    3
    """
    missing = value is None or (isinstance(value, float) and math.isnan(value))
    shown = "" if missing else str(value)
    return {
        "table": table_name,
        "row": int(row) if row is not None and not pd.isna(row) else None,
        "column": column,
        "value": shown[:200],
        "message_da": t(key, "da", column=column, value=shown[:80], **fmt),
        "message_en": t(key, "en", column=column, value=shown[:80], **fmt),
    }


def problem_frame(problems: list[dict] | None = None) -> pd.DataFrame:
    """A problem list as a frame with :data:`PROBLEM_COLUMNS` (empty when all is well)."""
    return pd.DataFrame(problems or [], columns=PROBLEM_COLUMNS)
