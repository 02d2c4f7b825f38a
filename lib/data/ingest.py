"""Reading uploaded files the way Danish offices deliver them.

``read_file`` turns the bytes of a CSV or XLSX file into a frame with the
table's canonical column names (all values still text) plus the row number of
every row as the user sees it in the file (header = row 1). Type checks, value
aliases and references are ``lib.schema.validate``'s job; this module only
decides how to read the file:

- format by content, not by file name: XLSX (zip), old XLS (refused with a
  hint), otherwise delimited text;
- encoding: UTF-8 with or without BOM, UTF-16 with BOM (Excel's "Unicode
  text"), Windows-1252; a file mixing UTF-8 and Windows-1252 is refused;
- separator: ``;``, ``,``, tab or ``|``, whichever makes the most header cells
  known column names;
- decimal mark: ``,`` or ``.`` from the numeric columns' values;
- header aliases (``kommunekode`` -> ``municipality_code``) via the schema;
- coordinates as EPSG:25832 easting/northing converted to WGS84 with pyproj;
- multi-select answers as SurveyXact-style 0/1 columns named
  ``<column>_<code>`` (e.g. ``advantages_adv_broad_reach``, or Danish
  ``fordele_adv_broad_reach``), folded into the ``;``-separated code list;
- blank rows anywhere and blank trailing columns are dropped; a title block
  above the header is skipped.

Every text value goes through one cleaning rule (:func:`clean_text`): C0/C1 control
characters other than tab and newline are removed and the text is normalised to NFC;
everything else is kept as it was.

Anything it cannot read raises ``AtlasError`` with a key that says why and
which setting would help. The limits are :mod:`lib.data.uploads`' (the one bounded
reader): the size limit and row cap before the file is parsed, a workbook's zip members
checked while they are decompressed, and the header's width (at most
``uploads.MAX_COLUMNS`` cells) before the body is parsed. Row-level reading problems (a
row with more values than the header) come back as problems in the schema's format, not
as errors.
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
import io
import logging
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from lib.data import uploads
from lib.errors import PROBLEM_COLUMNS, AtlasError, problem
from lib.schema import TABLES, factorize_values

log = logging.getLogger("atlas")

SEPARATORS = (";", ",", "\t", "|")
SEPARATOR_NAMES = {";": "semikolon ;", ",": "komma ,", "\t": "tabulator", "|": "lodret streg |"}
ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1")
DECIMALS = (",", ".")
# Multi-select columns and the header prefixes of their 0/1 columns.
MULTI_SELECT = {"advantages": ("advantages", "fordele"), "drawbacks": ("drawbacks", "ulemper")}
EASTING_NAMES = ("easting", "east", "x", "utm_x", "utm_e", "oest", "øst", "x_koordinat", "koordinat_x")
NORTHING_NAMES = ("northing", "north", "y", "utm_y", "utm_n", "nord", "y_koordinat", "koordinat_y")
HEADER_SCAN_ROWS = 15  # a title block above the header may be this deep
MAX_CELL_CHARS = 100_000
_ONE = {"1", "1.0", "1,0", "x", "ja", "yes", "true", "sand"}
_ZERO = {"0", "0.0", "0,0", "", "nej", "no", "false", "falsk"}
_MOJIBAKE = re.compile("Ã[\u0080-\u00bf\u2018-\u203a\u0152-\u0178\u02c6-\u02dc]")
# C0 controls but tab and newline, DEL, and C1 controls: invisible, and XML (XLSX, PPTX) refuses most.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Line ends inside the raw text: CR LF and a lone CR become LF before the text is split.
_CR = re.compile("\r\n?")


@dataclass(frozen=True)
class ReadOptions:
    """Settings a user may force when the detection guesses wrong (None: detect)."""

    separator: str | None = None
    encoding: str | None = None
    decimal: str | None = None
    sheet: str | int | None = None
    max_bytes: int | None = None
    max_rows: int | None = None
    max_columns: int | None = None
    # the column-mapping step's choices (a lib.data.mapping.Choices), used by lib.data.keys.read_mapped
    mapping: object = None


@dataclass(frozen=True)
class ReadReport:
    """How the file was read, for the preview and for messages."""

    format: str  # "csv" | "xlsx"
    separator: str | None
    encoding: str | None
    decimal: str
    sheet: str | None
    sheets: tuple[str, ...] = ()
    header_row: int = 1
    n_rows: int = 0
    renamed: dict = field(default_factory=dict)  # header in file -> canonical column
    ignored_columns: tuple[str, ...] = ()
    coordinates: str | None = None  # "wgs84" | "epsg:25832" | None
    multi_select: dict = field(default_factory=dict)  # canonical column -> 0/1 headers folded into it


@dataclass
class ReadResult:
    """The frame (canonical columns, text values), row numbers as in the file, reading problems, report."""

    frame: pd.DataFrame
    rows: pd.Series
    problems: pd.DataFrame
    report: ReadReport


def normalise_header(text) -> str:
    """A header cell in the form used for alias lookup: NFC, lower case, words joined by ``_``.

    Examples
    --------
    >>> normalise_header(" Kommune-kode ")
    'kommune_kode'
    """
    s = unicodedata.normalize("NFC", str(text)).replace("\ufeff", "").strip().lower()
    return re.sub(r"[\s\-./:]+", "_", s).strip("_")


def clean_text(text: str) -> str:
    r"""The one cleaning rule for text: no C0/C1 control characters but tab and newline, NFC.

    Examples
    --------
    >>> clean_text("Ae\u0301r\x1b[31mø\r\n\tx\x85")
    'Aér[31mø\n\tx'
    """
    if text.isascii():
        return _CONTROL.sub("", text) if not text.isprintable() else text
    return unicodedata.normalize("NFC", _CONTROL.sub("", text))


def _clean_raw_text(text: str) -> str:
    """:func:`clean_text` on a whole decoded file, line ends made LF first (CR is a control too)."""
    return clean_text(_CR.sub("\n", text))


class _Row(list):
    """A parsed row cut to the reader's width; remembers how many fields the file really had."""

    __slots__ = ("n_fields", "used")


def _aliases(table: str) -> dict[str, str]:
    return {normalise_header(k): v for k, v in TABLES[table].aliases().items()}


# --- format and text decoding -------------------------------------------------------------


def sniff_format(data: bytes, limits: uploads.Limits | None = None) -> str:
    """``"xlsx"``, ``"xls"``, ``"zip"`` (some other archive), ``"binary"`` or ``"text"``.

    A zip's directory is checked by :func:`lib.data.uploads.open_zip` first (member count,
    paths, declared sizes): a hostile archive is refused here, before anything is unpacked.
    """
    head = data[:8]
    if head.startswith(b"PK\x03\x04"):
        limits = limits or uploads.Limits.for_upload(max(len(data), 1))
        try:
            with uploads.open_zip(data, limits, archive_error="data.err.not_spreadsheet") as zf:
                names = set(zf.namelist())
        except AtlasError as err:
            if err.key == "data.err.not_spreadsheet":
                return "zip"
            raise
        return "xlsx" if "xl/workbook.xml" in names else "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "xls"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "text"
    sample = data[:65536]
    if b"\x00" in sample:
        return "binary"
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 13))
    if sample and controls / len(sample) > 0.01:
        return "binary"
    return "text"


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Decode text bytes; return ``(text, encoding used)``.

    Without ``encoding``: BOMs decide; otherwise UTF-8 if it decodes, else
    Windows-1252. A Windows-1252 reading that shows UTF-8 mojibake (``Ã¸``)
    means the file mixes both encodings and is refused.
    """
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError as err:
            raise AtlasError("data.err.bad_encoding_setting", encoding=encoding[:40]) from err
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError as err:
            raise AtlasError("data.err.encoding_failed", encoding=encoding, position=err.start) from err
        except (LookupError, TypeError, ValueError) as err:  # e.g. 'rot13' is a codec but not a text encoding
            raise AtlasError("data.err.bad_encoding_setting", encoding=encoding[:40]) from err
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as err:
            raise AtlasError("data.err.mixed_encoding") from err
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as err:
            raise AtlasError("data.err.unknown_encoding") from err
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:  # not UTF-8: Danish Excel's other usual encoding next
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as err:
        raise AtlasError("data.err.unknown_encoding") from err
    if _MOJIBAKE.search(text):
        raise AtlasError("data.err.mixed_encoding")
    return text, "cp1252"


# --- delimited text ----------------------------------------------------------------------------


def _cut(row: list, width: int) -> list:
    """``row`` cut to ``width`` fields, keeping the first non-blank value past the cut and the real counts."""
    short = _Row(row[:width])
    short.n_fields = len(row)
    if "".join(row[width:]).strip():  # values past the cut (rare): find the first and the last one
        used = len(row)
        while not row[used - 1].strip():
            used -= 1
        short.append(next(v for v in row[width:used] if v.strip()))
    else:  # only blanks past the cut (Excel's trailing separators): one C-level check above
        used = width
        while used and not short[used - 1].strip():
            used -= 1
    short.used = used
    return short


def _split_rows(text: str, sep: str, limit: int | None = None, width: int | None = None) -> list[list[str]]:
    """Rows of delimited ``text``; with ``width`` every longer row is cut (see :func:`_cut`)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, quotechar='"', strict=False)
    out = []
    try:
        for row in reader:
            out.append(row if width is None or len(row) <= width else _cut(row, width))
            if limit is not None and len(out) >= limit:
                break
    except csv.Error as err:
        # the csv module's own English text stays in the log; the editor gets ours (quotes, separator)
        log.info("csv error at line %s: %s", reader.line_num, err)
        raise AtlasError("data.err.csv_broken", line=reader.line_num) from err
    return out


def _head(text: str, lines: int = HEADER_SCAN_ROWS + 5) -> str:
    """The first ``lines`` lines of ``text`` (without splitting the whole text)."""
    end = -1
    for _ in range(lines):
        end = text.find("\n", end + 1)
        if end < 0:
            return text
    return text[:end]


def _used_width(row: list) -> int:
    """Cells up to the last non-blank one (trailing blank cells, as Excel writes them, do not count)."""
    used = getattr(row, "used", None)
    if used is not None:
        return used
    n = len(row)
    while n and not str(row[n - 1]).strip():
        n -= 1
    return n


def _check_header(rows: list[list[str]], table: str, limits: uploads.Limits) -> None:
    """Refuse a header wider than ``limits.max_columns`` (checked on the first rows, before the body)."""
    if not rows:
        return
    _, header_index = _header_score(rows, _aliases(table))
    if header_index < len(rows):
        uploads.check_columns(_used_width(rows[header_index]), limits)


def _header_score(rows: list[list[str]], aliases: dict[str, str]) -> tuple[int, int]:
    """(known header cells, row index of the header) for the best header row among ``rows``."""
    best = (0, 0)
    for i, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        names = [normalise_header(c) for c in row if str(c).strip()]
        known = len({aliases[h] for h in names if h in aliases})
        known += sum(1 for h in names if _multi_select_target(h) or _coord_kind(h))
        if known > best[0]:
            best = (known, i)
    return best


def detect_separator(text: str, table: str, width: int = uploads.MAX_COLUMNS + 1) -> str:
    """The separator under which the most header cells are known column names.

    Ties go to the separator that splits the first lines most consistently,
    then to ``;`` (what Danish Excel writes). Only the first lines are split, each cut to
    ``width`` cells, so a hostile header costs nothing here.
    """
    aliases = _aliases(table)
    head = _head(text)
    scored = []
    for order, sep in enumerate(SEPARATORS):
        try:
            rows = _split_rows(head, sep, width=width)
        except AtlasError:
            continue
        known, _ = _header_score(rows, aliases)
        widths = [len(r) for r in rows if any(c.strip() for c in r)]
        consistent = len(widths) > 1 and len(set(widths)) == 1 and widths[0] > 1
        scored.append((known, consistent, max(widths, default=0) > 1, -order, sep))
    if not scored:
        return ";"
    return max(scored)[-1]


def _read_text(data: bytes, options: ReadOptions, table: str, limits: uploads.Limits) -> tuple[list[list[str]], dict]:
    text, encoding = decode(data, options.encoding)
    text = _clean_raw_text(text)
    if not text.strip():
        raise AtlasError("data.err.empty")
    width = limits.max_columns + 1
    sep = options.separator
    if sep:
        sep = {"tab": "\t", "\\t": "\t", "semicolon": ";", "comma": ",", "pipe": "|"}.get(sep, sep)
        if len(sep) != 1 or sep in '"\r\n':
            raise AtlasError("data.err.bad_separator_setting", separator=sep[:10])
    else:
        sep = detect_separator(text, table, width)
    _check_header(_split_rows(_head(text), sep, width=width), table, limits)
    rows = _split_rows(text, sep, width=width)
    return rows, {"format": "csv", "separator": sep, "encoding": encoding, "sheet": None, "sheets": ()}


# --- workbooks ------------------------------------------------------------------------------------


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        if np.isnan(value) or np.isinf(value):
            return ""
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, int):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return clean_text(str(value))


def _read_xlsx(
    data: bytes, options: ReadOptions, max_rows: int | None, limits: uploads.Limits, table: str
) -> tuple[list[list[str]], dict]:
    import openpyxl

    # Every member decompressed once, counted, before openpyxl inflates anything: afterwards the
    # declared sizes are known to be true and openpyxl's own inflation is bounded by them.
    uploads.verify_zip(data, limits)
    width = limits.max_columns + 1
    fast = _read_xlsx_calamine(data, options, max_rows, limits, table, width)
    if fast is not None:
        return fast
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as err:  # noqa: BLE001 - openpyxl raises many types for a damaged file
        raise AtlasError("data.err.xlsx_broken") from err
    try:
        sheets = tuple(wb.sheetnames)
        name = _chosen_sheet(sheets, options.sheet)
        ws = wb[name]
        declared = getattr(ws, "max_row", None)
        if max_rows is not None and declared is not None and declared > max_rows + HEADER_SCAN_ROWS + 1:
            raise AtlasError("data.err.too_many_rows", rows=declared - 1, limit=max_rows)
        rows = []
        try:
            # Cells right of column max_columns + 1 are never read: a header that reaches that far is refused.
            for values in ws.iter_rows(min_row=1, max_col=width, values_only=True):
                rows.append([_xlsx_text(v) for v in values])
                if len(rows) == HEADER_SCAN_ROWS:
                    _check_header(rows, table, limits)
                if max_rows is not None and len(rows) > max_rows + HEADER_SCAN_ROWS + 1:
                    raise AtlasError("data.err.too_many_rows", rows=len(rows) - 1, limit=max_rows)
            if len(rows) < HEADER_SCAN_ROWS:
                _check_header(rows, table, limits)
        except AtlasError:
            raise
        except Exception as err:  # noqa: BLE001
            raise AtlasError("data.err.xlsx_broken") from err
    finally:
        wb.close()
    return rows, {"format": "xlsx", "separator": None, "encoding": None, "sheet": name, "sheets": sheets}


def _chosen_sheet(sheets: tuple[str, ...], chosen) -> str:
    """The sheet to read: the first by default, else the one named, or numbered from 1 as users count.

    Examples
    --------
    >>> _chosen_sheet(("Ark1", "2024"), None), _chosen_sheet(("Ark1", "2024"), "2"), _chosen_sheet(("Ark1", "2024"), "2024")
    ('Ark1', '2024', '2024')
    """
    if not sheets:
        raise AtlasError("data.err.empty")
    if chosen is None or chosen == "":
        return sheets[0]
    if isinstance(chosen, int) or (isinstance(chosen, str) and chosen.isdigit() and chosen not in sheets):
        index = int(chosen) - 1
        if not 0 <= index < len(sheets):
            raise AtlasError("data.err.no_such_sheet", sheet=str(chosen), sheets=", ".join(sheets))
        return sheets[index]
    if chosen in sheets:
        return chosen
    raise AtlasError("data.err.no_such_sheet", sheet=str(chosen)[:60], sheets=", ".join(sheets))


def _read_xlsx_calamine(data, options, max_rows, limits, table, width):
    """The same reading with python-calamine (Rust): ~10x faster than openpyxl on a 200,000-row export.

    Returns None where calamine is not installed (openpyxl reads instead). Called after the
    archive was verified, with the same sheet choice, row cap, header width check and text rule.
    """
    try:
        import python_calamine  # noqa: F401 - only whether it is there
    except ImportError:
        return None
    from lib.data import xlsx_fast

    sheets = tuple(xlsx_fast.sheet_names(data))
    name = _chosen_sheet(sheets, options.sheet)
    cleaned: dict[str, str] = {}  # answers repeat: each distinct text is cleaned once

    def clean(v: str) -> str:
        out = cleaned.get(v)
        if out is None:
            out = cleaned[v] = v if v.isascii() and v.isprintable() else clean_text(v)
        return out

    rows = xlsx_fast.read_sheet(data, name, max_rows=max_rows, clean=clean)
    _check_header(rows[:HEADER_SCAN_ROWS], table, limits)
    if rows and len(rows[0]) > width:  # one length for every row
        rows = [r[:width] for r in rows]
    return rows, {"format": "xlsx", "separator": None, "encoding": None, "sheet": name, "sheets": sheets}


def _xlsx_text(value) -> str:
    if value.__class__ is str:
        return value if value.isascii() and value.isprintable() else clean_text(value)
    return _cell_text(value)


# --- shaping --------------------------------------------------------------------------------------


def _multi_select_target(header: str) -> str | None:
    for target, prefixes in MULTI_SELECT.items():
        for prefix in prefixes:
            if header.startswith(prefix + "_") and len(header) > len(prefix) + 1:
                return target
    return None


def _multi_select_code(header: str) -> str:
    for prefixes in MULTI_SELECT.values():
        for prefix in prefixes:
            if header.startswith(prefix + "_"):
                return header[len(prefix) + 1 :]
    return header


def _coord_kind(header: str) -> str | None:
    if header in EASTING_NAMES:
        return "easting"
    if header in NORTHING_NAMES:
        return "northing"
    return None


_COMMA_DECIMAL = re.compile(r"^[-+]?\d+,\d+$")
_DOT_DECIMAL = re.compile(r"^[-+]?\d+\.\d+$")
_DOT_THOUSANDS = re.compile(r"^[-+]?\d{1,3}(\.\d{3})+(,\d+)?$")
_COMMA_THOUSANDS = re.compile(r"^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$")


def detect_decimal(frame: pd.DataFrame, numeric: list[str], separator: str | None) -> str:
    """``","`` or ``"."``: which decimal mark the numeric columns use.

    Counts values like ``12,5`` against ``12.5``; with no evidence, ``;``-files
    are taken to be Danish (comma) and everything else to use a point.
    """
    comma = dot = 0
    for col in numeric:
        values = frame[col].astype(str).str.strip()
        values = values[values != ""].head(2000)
        comma += int(values.str.match(_COMMA_DECIMAL).sum() + values.str.match(_DOT_THOUSANDS).sum())
        dot += int(values.str.match(_DOT_DECIMAL).sum() + values.str.match(_COMMA_THOUSANDS).sum())
    if comma > dot:
        return ","
    if dot > comma:
        return "."
    return "," if separator == ";" else "."


def _to_number(values: pd.Series, decimal: str) -> pd.Series:
    text = values.astype(str).str.strip().str.replace("\u00a0", "", regex=False).str.replace(" ", "", regex=False)
    if decimal == ",":
        text = text.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    else:
        text = text.str.replace(",", "", regex=False)
    return pd.to_numeric(text, errors="coerce")


def _normalise_numbers(values: pd.Series, decimal: str) -> pd.Series:
    """Numbers written with a point decimal, as the schema reads them unambiguously.

    With a comma decimal ``1.234,5`` and ``1.234`` become ``1234.5`` and ``1234``
    (Danish thousands points); with a point decimal ``1,234.5`` becomes ``1234.5``.
    A value that fits neither pattern is left for the schema to judge.
    """
    text = values.astype(str).str.strip()
    if decimal == ",":
        thousands = text.str.match(_DOT_THOUSANDS)
        text = text.where(~thousands, text.str.replace(".", "", regex=False))
        plain = ~text.str.contains(".", regex=False)
        text = text.where(~plain, text.str.replace(",", ".", regex=False))
    else:
        thousands = text.str.match(_COMMA_THOUSANDS)
        text = text.where(~thousands, text.str.replace(",", "", regex=False))
    return text


def _convert_coordinates(
    frame: pd.DataFrame, east: pd.Series, north: pd.Series, decimal: str, rows: pd.Series, table: str
) -> list[dict]:
    from pyproj import Transformer

    e = _to_number(east, decimal)
    n = _to_number(north, decimal)
    problems = []
    blank = east.astype(str).str.strip().eq("") & north.astype(str).str.strip().eq("")
    bad = (e.isna() | n.isna()) & ~blank
    for i in np.flatnonzero(bad.to_numpy()):
        problems.append(
            problem(table, int(rows.iloc[i]), "easting/northing", f"{east.iloc[i]} / {north.iloc[i]}", "data.err.coord")
        )
    ok = e.notna() & n.notna()
    lat = pd.Series([""] * len(frame), index=frame.index, dtype=object)
    lon = lat.copy()
    if ok.any():
        transformer = Transformer.from_crs("EPSG:25832", "EPSG:4326", always_xy=True)
        x, y = transformer.transform(e[ok].to_numpy(dtype=float), n[ok].to_numpy(dtype=float))
        lon[ok] = [f"{v:.6f}" if np.isfinite(v) else "" for v in x]
        lat[ok] = [f"{v:.6f}" if np.isfinite(v) else "" for v in y]
    frame["latitude"] = lat.to_numpy()
    frame["longitude"] = lon.to_numpy()
    return problems


def _distinct_text(values: pd.Series) -> tuple[np.ndarray | None, np.ndarray | None]:
    """``(codes, uniques)`` of a long column of repeated texts, ``(None, None)`` where per cell is as quick.

    For the element-wise rules of the reader: applied to ``uniques`` and spread back with
    ``codes``, they give what they give cell by cell.
    """
    if len(values) <= 64:
        return None, None
    codes, uniques = factorize_values(values)
    if len(uniques) * 2 >= len(values) or (codes < 0).any() or not all(v.__class__ is str for v in uniques):
        return None, None
    return codes, uniques


def _shape(rows: list[list[str]], table: str, meta: dict, options: ReadOptions, max_rows: int | None) -> ReadResult:
    spec = TABLES[table]
    aliases = _aliases(table)
    if not any(any(str(c).strip() for c in r) for r in rows):
        raise AtlasError("data.err.empty")
    known, header_index = _header_score(rows, aliases)
    if known == 0:
        first = next(r for r in rows if any(str(c).strip() for c in r))
        shown = " | ".join(str(c) for c in first[:6])[:120]
        hint = "data.err.no_known_columns_sep" if meta["format"] == "csv" else "data.err.no_known_columns_sheet"
        raise AtlasError(hint, header=shown, table=table, expected=", ".join(spec.names[:6]))
    header_row = rows[header_index]
    # a header the reader cut (trailing blank cells past the column limit) ends at its last heading
    header = [str(c) for c in (header_row[: header_row.used] if isinstance(header_row, _Row) else header_row)]
    body = rows[header_index + 1 :]
    width = len(header)
    problems: list[dict] = []
    # Rows of the wrong width are rare: fix them one by one, shape the rest in bulk.
    for i, r in enumerate(body):
        if len(r) == width:
            continue
        if len(r) > width:
            extra = [str(c) for c in r[width:] if str(c).strip()]
            if extra:
                row_no = header_index + 2 + i
                n = getattr(r, "n_fields", len(r))
                problems.append(problem(table, row_no, "", extra[0], "data.err.extra_values", n=n, m=width))
            body[i] = r[:width]
        else:
            body[i] = list(r) + [""] * (width - len(r))
    raw = pd.DataFrame(body, columns=range(width), dtype=object) if body else pd.DataFrame(columns=range(width))
    blank = np.ones(len(raw), dtype=bool)
    for j in raw.columns:
        codes, uniques = _distinct_text(raw[j])
        if codes is not None:  # answers repeat: each distinct text is cut and checked once, then spread back
            col = pd.Series(uniques, dtype=object)
            if len(col) and col.str.len().max() > MAX_CELL_CHARS:
                col = col.str.slice(0, MAX_CELL_CHARS)
            # Python strings, each distinct text one object: later look-ups hash a few hundred texts, and
            # nothing converts 200,000 cells to Arrow strings and back
            raw[j] = pd.Series(col.to_numpy(dtype=object)[codes], index=raw.index, dtype=object)
            blank &= col.str.strip().eq("").to_numpy(dtype=bool)[codes]
            continue
        col = raw[j].astype(str)
        if len(col) and col.str.len().max() > MAX_CELL_CHARS:
            col = col.str.slice(0, MAX_CELL_CHARS)
        raw[j] = col
        blank &= col.str.strip().eq("").to_numpy()
    numbers = (header_index + 2 + np.arange(len(raw)))[~blank]
    raw = raw[~blank].reset_index(drop=True)
    if raw.empty:
        raise AtlasError("data.err.headers_only")
    if max_rows is not None and len(raw) > max_rows:
        raise AtlasError("data.err.too_many_rows", rows=len(raw), limit=max_rows)

    row_numbers = pd.Series(numbers, name="row")
    frame = pd.DataFrame(index=raw.index)
    renamed: dict[str, str] = {}
    ignored: list[str] = []
    multi: dict[str, list[tuple[str, str, int]]] = {}
    coords: dict[str, int] = {}
    for j, cell in enumerate(header):
        norm = normalise_header(cell)
        if not norm:
            if raw[j].astype(str).str.strip().ne("").any():
                ignored.append(f"({j + 1})")
            continue
        canonical = aliases.get(norm)
        if canonical is not None:
            if canonical in frame.columns:
                problems.append(problem(table, header_index + 1, canonical, cell, "data.err.duplicate_column"))
                continue
            frame[canonical] = raw[j]  # as it is (same index): an array would be re-inferred as Arrow text
            if cell != canonical:
                renamed[cell] = canonical
            continue
        target = _multi_select_target(norm) if table == "survey_responses" else None
        if target is not None:
            multi.setdefault(target, []).append((cell, _multi_select_code(norm), j))
            continue
        kind = _coord_kind(norm) if "latitude" in spec.names else None
        if kind is not None and kind not in coords:
            coords[kind] = j
            continue
        ignored.append(cell)

    for target, cols in multi.items():
        picked = pd.Series([[] for _ in range(len(raw))], index=raw.index, dtype=object)
        for cell, code, j in cols:
            values = raw[j].astype(str).str.strip().str.lower()
            bad = ~values.isin(_ONE | _ZERO)
            for i in np.flatnonzero(bad.to_numpy()):
                problems.append(problem(table, int(row_numbers.iloc[i]), cell, raw[j].iloc[i], "data.err.not_01"))
            chosen = values.isin(_ONE).to_numpy()
            for i in np.flatnonzero(chosen):
                picked.iloc[i].append(code)
        listed = frame[target].astype(str) if target in frame.columns else pd.Series("", index=raw.index)
        frame[target] = [
            ";".join(dict.fromkeys([p.strip() for p in str(a).split(";") if p.strip()] + b))
            for a, b in zip(listed, picked, strict=True)
        ]

    coordinates = None
    if "latitude" in spec.names:
        if "latitude" in frame.columns or "longitude" in frame.columns:
            coordinates = "wgs84"
        elif "easting" in coords and "northing" in coords:
            coordinates = "epsg:25832"

    numeric = [c.name for c in spec.columns if c.dtype in ("int", "float") and c.name in frame.columns]
    coord_cols = [raw[coords[k]] for k in ("easting", "northing") if k in coords]
    probe = frame[numeric].copy()
    for k, s in enumerate(coord_cols):
        probe[f"_coord{k}"] = s.to_numpy()
    decimal = options.decimal or detect_decimal(probe, list(probe.columns), meta["separator"])
    if decimal not in DECIMALS:
        raise AtlasError("data.err.bad_decimal_setting", decimal=str(decimal)[:5])
    for col in numeric:
        codes, uniques = _distinct_text(frame[col])
        if codes is not None:
            frame[col] = _normalise_numbers(pd.Series(uniques, dtype=frame[col].dtype), decimal).to_numpy()[codes]
        else:
            frame[col] = _normalise_numbers(frame[col], decimal).to_numpy()
    if coordinates == "epsg:25832":
        problems.extend(
            _convert_coordinates(frame, raw[coords["easting"]], raw[coords["northing"]], decimal, row_numbers, table)
        )

    ordered = [c for c in spec.names if c in frame.columns]
    frame = frame[ordered].reset_index(drop=True)
    report = ReadReport(
        format=meta["format"],
        separator=meta["separator"],
        encoding=meta["encoding"],
        decimal=decimal,
        sheet=meta["sheet"],
        sheets=meta["sheets"],
        header_row=header_index + 1,
        n_rows=len(frame),
        renamed=renamed,
        ignored_columns=tuple(ignored),
        coordinates=coordinates,
        multi_select={k: [c for c, _, _ in v] for k, v in multi.items()},
    )
    result = pd.DataFrame(problems, columns=PROBLEM_COLUMNS)
    return ReadResult(frame=frame, rows=row_numbers, problems=result, report=report)


# --- the entry point ---------------------------------------------------------------------------------


def read_file(
    source: bytes | str | Path,
    table: str,
    *,
    options: ReadOptions | None = None,
    remap=None,
) -> ReadResult:
    r"""Read an uploaded CSV or XLSX file for ``table``.

    Parameters
    ----------
    source : bytes or path
        The file's content (an upload) or a path to it.
    table : str
        Which table the file is meant for (decides the header aliases).
    options : ReadOptions, optional
        Forced separator/encoding/decimal/sheet and the limits; ``max_bytes``
        and ``max_rows`` default to the settings ``ATLAS_MAX_UPLOAD_MB`` and
        ``ATLAS_MAX_ROWS``.
    remap : callable, optional
        ``remap(rows, meta) -> rows``, called with the raw rows before they are
        shaped: the column-mapping step (``lib.data.mapping.Mapper``).

    Returns
    -------
    ReadResult
        ``frame`` with canonical column names (values as text, numbers with the
        file's decimal mark as the schema reads them), ``rows`` (row number of
        each frame row in the file), ``problems`` (row-level reading problems,
        schema format) and ``report``.

    Raises
    ------
    AtlasError
        For a file that cannot be read at all; ``err.key`` names the reason
        (``data.err.*``) and the message names the setting that would help.

    Examples
    --------
    >>> res = read_file(b"kode;art;tekst_da;tekst_en\nx;fordel;a;b\n", "codebook")
    >>> list(res.frame.columns), res.report.separator, int(res.rows.iloc[0])
    (['code', 'kind', 'label_da', 'label_en'], ';', 2)
    """
    from lib import settings

    if table not in TABLES:
        raise AtlasError("store.unknown_table", table=str(table)[:40])
    options = options or ReadOptions()
    max_bytes = options.max_bytes if options.max_bytes is not None else settings.max_upload_bytes()
    max_rows = options.max_rows if options.max_rows is not None else settings.max_rows()
    limits = uploads.Limits.for_upload(max_bytes)
    if options.max_columns is not None:
        limits = dataclasses.replace(limits, max_columns=int(options.max_columns))
    if isinstance(source, str | Path):
        path = Path(source)
        try:
            size = path.stat().st_size
        except OSError as err:
            raise AtlasError("data.err.cannot_open", file=str(path)[:200]) from err
        uploads.check_size(size, limits)
        try:
            data = path.read_bytes()
        except OSError as err:
            raise AtlasError("data.err.cannot_open", file=str(path)[:200]) from err
    elif isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
    else:
        raise AtlasError("data.err.not_spreadsheet")
    uploads.check_size(len(data), limits)
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise AtlasError("data.err.empty")
    kind = sniff_format(data, limits)
    if kind == "xls":
        raise AtlasError("data.err.xls")
    if kind == "zip":
        raise AtlasError("data.err.not_spreadsheet")
    is_sav = data[:4] in (b"$FL2", b"$FL3")  # SPSS .sav, as survey tools export it
    if kind == "binary" and not options.encoding and not is_sav:
        raise AtlasError("data.err.not_spreadsheet")
    if is_sav:
        from lib.data.survey_formats import read_sav_rows

        rows, meta = read_sav_rows(data, max_rows)
    elif kind == "xlsx":
        rows, meta = _read_xlsx(data, options, max_rows, limits, table)
    else:
        # The row cap is checked on the raw line count: no parsing of a file that is too long.
        lines = data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            lines = max(data.count(b"\n\x00"), data.count(b"\x00\n")) + 1
        if lines > max_rows + HEADER_SCAN_ROWS + 1:
            raise AtlasError("data.err.too_many_rows", rows=lines - 1, limit=max_rows)
        rows, meta = _read_text(data, options, table, limits)
    if remap is not None:
        rows = remap(rows, meta)
    return _shape(rows, table, meta, options, max_rows)


def read_safely(source, table: str, *, options: ReadOptions | None = None, remap=None) -> ReadResult:
    """``read_file`` with a guarantee: anything unexpected becomes ``AtlasError("data.err.unreadable")``.

    The upload page and the CLI call this, so a file nobody foresaw gives a
    message instead of a traceback.
    """
    try:
        return read_file(source, table, options=options, remap=remap)
    except AtlasError:
        raise
    except (MemoryError, RecursionError) as err:
        raise AtlasError("data.err.too_large", mb="?", limit="?") from err
    except Exception as err:  # noqa: BLE001 - last line of defence for hostile files
        log.warning("unreadable upload for %s: %s: %s", table, type(err).__name__, str(err)[:300])
        raise AtlasError("data.err.unreadable") from err
