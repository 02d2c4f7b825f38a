"""Upload templates per table, generated from the schema declarations.

Each template has the canonical headers and one example row (taken from the
columns' ``example`` values, which are valid against the bundled sample); the
XLSX template adds a sheet that explains every column: required or optional,
type, allowed values or range, other accepted headers, description. For
survey responses it also documents the SurveyXact-style 0/1 columns
(``advantages_<code>``), and for tables with coordinates the EPSG:25832
alternative.
"""

from __future__ import annotations

import io

import pandas as pd

from lib.data import export
from lib.data.ingest import MULTI_SELECT
from lib.i18n import t
from lib.schema import TABLES, Column


def example_frame(table: str) -> pd.DataFrame:
    """Headers plus one example row.

    Examples
    --------
    >>> example_frame("codebook").columns.tolist()[:2]
    ['code', 'kind']
    """
    spec = TABLES[table]
    row = {}
    for col in spec.columns:
        value = col.example
        if col.dtype == "bool" and value in (0, 1, True, False):
            value = int(value)
        row[col.name] = value
    return pd.DataFrame([row], columns=spec.names)


def _fmt_number(x) -> str:
    return f"{x:g}"


def _allowed_text(col: Column, lang: str) -> str:
    if col.allowed is not None:
        text = ", ".join(col.allowed)
        danish = sorted({k for k, v in col.value_aliases.items() if v in col.allowed and " " not in k})
        if danish and lang == "da":
            text += " (" + ", ".join(danish) + ")"
        return text
    if col.min is not None or col.max is not None:
        return t(
            "data.tpl.range",
            lang,
            min=_fmt_number(col.min) if col.min is not None else "-",
            max=_fmt_number(col.max) if col.max is not None else "-",
        )
    return ""


def explanation_frame(table: str, lang: str = "da") -> pd.DataFrame:
    """One row per column: what it holds and what it accepts."""
    spec = TABLES[table]
    rows = []
    for col in spec.columns:
        if col.required:
            required = t("data.tpl.blank_ok", lang) if col.nullable else t("data.tpl.yes", lang)
        else:
            required = t("data.tpl.optional", lang)
        rows.append(
            {
                t("data.tpl.column", lang): col.name,
                t("data.tpl.required", lang): required,
                t("data.tpl.type", lang): t(f"data.tpl.type.{col.dtype}", lang),
                t("data.tpl.allowed", lang): _allowed_text(col, lang),
                t("data.tpl.aliases", lang): ", ".join(col.aliases),
                t("data.tpl.description", lang): col.doc_da if lang == "da" else col.doc_en,
                t("data.tpl.example", lang): "" if col.example is None else str(col.example),
            }
        )
    return pd.DataFrame(rows)


def notes(table: str, lang: str = "da") -> list[str]:
    """Extra reading rules for the table (0/1 columns, coordinates)."""
    out = []
    spec = TABLES[table]
    if table == "survey_responses":
        for column in MULTI_SELECT:
            example = str(spec.column(column).example).split(";")[0]
            out.append(t("data.tpl.multi_select", lang, column=column, code=example))
    if "latitude" in spec.names:
        out.append(t("data.tpl.coords", lang))
    return out


def template_csv(table: str, lang: str = "da") -> bytes:
    """CSV template: UTF-8 with BOM; Danish gets ``;`` and decimal comma, as Danish Excel expects."""
    frame = example_frame(table)
    if lang == "da":
        frame = frame.apply(lambda s: s.map(lambda v: str(v).replace(".", ",") if isinstance(v, float) else v))
    return export.to_csv_bytes(frame, lang)


def template_xlsx(table: str, lang: str = "da") -> bytes:
    """XLSX template: a data sheet (headers + example row) and an explanation sheet."""
    buf = io.BytesIO()
    data = export.neutralise_formulas(example_frame(table))
    help_frame = export.neutralise_formulas(explanation_frame(table, lang))
    extra = notes(table, lang)
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        data.to_excel(writer, index=False, sheet_name=t("data.tpl.sheet_data", lang))
        help_frame.to_excel(writer, index=False, sheet_name=t("data.tpl.sheet_help", lang))
        sheet = writer.sheets[t("data.tpl.sheet_help", lang)]
        start = len(help_frame) + 3
        for i, note in enumerate(extra):
            sheet.cell(row=start + i, column=1, value=note)
        for col_cells in sheet.columns:
            width = max(len(str(c.value or "")) for c in col_cells[: len(help_frame) + 1])
            sheet.column_dimensions[col_cells[0].column_letter].width = min(max(width + 2, 10), 70)
    return buf.getvalue()
