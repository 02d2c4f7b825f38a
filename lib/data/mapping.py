"""The column-mapping step: every file column matched to an atlas column, before the file is shaped.

A :class:`Mapper` is handed to ``lib.data.ingest.read_file(remap=...)``: it gets the
raw rows of the file (all text) right after reading and returns rows whose header
cells are the atlas's column names, so the rest of ingest (decimal mark,
coordinates, 0/1 columns) and the schema check work as for an atlas-shaped file.
Each header cell is matched, in this order, by

1. the editor's choice (the mapping step, an import profile or ``--map``);
2. a header ingest knows (the schema's names and aliases, ``advantages_<code>``,
   ``easting``): left for ingest;
3. a label: the atlas's Danish and English labels from the catalogue (rating
   dimensions, indicators, the questionnaire's question texts), natural
   headers (``Center``, ``Område``, ``Årstal``, ``Antal beboere``, ...);
4. a multi-select option header ``"<question>: <option>"``, whose option is
   matched to a codebook code by its Danish or English label;
5. a year header (``2019``) in an indicator table: one column per year;
6. a fuzzy match of the header text (rapidfuzz), for typos and small variations.

On the way the mapper turns answers as text into what the schema reads:
rating labels to 1..5 (:mod:`lib.data.survey_formats`), category labels
("Library-based", "Frivillig", "Samarbejde") to codes, option columns into the
``;``-separated code list, a wide one-column-per-year table and one sheet per
year into rows. Columns that only help to find a key (the kommune of a centre
named in a survey) are carried beside the frame for :mod:`lib.data.keys`.

Import profiles (a saved mapping, reusable by the app and the CLI) are kept in
the database (``atlas_profiles``) or as JSON files.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from itertools import compress
from pathlib import Path

import numpy as np
import pandas as pd

from lib.data import survey_formats as sf
from lib.data.reference import fold
from lib.errors import PROBLEM_COLUMNS, AtlasError, problem
from lib.i18n import catalogue, t
from lib.schema import INDICATORS, RATING_COLUMNS, RATING_DIMENSIONS, TABLES, factorize_values

KOMMUNE = "_kommune"  # the kommune the names of a row belong to (survey centre, actor area)
AREA = "_area"  # the area the actor names of a tie belong to
IGNORE = ""
DEFAULT_AREA_KM = 1.5
HEADER_SCAN_ROWS = 15
FUZZY_CUTOFF = 86

# Headers editors' files use for the atlas columns, beyond the schema's aliases and the catalogue.
NATURAL_HEADERS: dict[str, dict[str, tuple[str, ...]]] = {
    "centres": {
        "centre_id": ("Center-id", "Centre id", "Center ID"),
        "name": ("Navn", "Centrets navn", "Centernavn", "Name", "Centre name", "Center", "Medborgercenter"),
        "centre_type": ("Type", "Centertype", "Centre type", "Kategori"),
        "municipality": ("Kommune", "Kommunenavn", "Municipality"),
        "municipality_code": ("Kommunekode", "Kommunenr", "Kommune nr", "Municipality code"),
        "area_id": ("Område", "Boligområde", "Boligomraade", "Area", "Housing area", "Områdenavn"),
        "latitude": ("Breddegrad", "Latitude", "Lat", "Y (WGS84)", "N (WGS84)"),
        "longitude": ("Længdegrad", "Laengdegrad", "Longitude", "Long", "Lng", "X (WGS84)", "E (WGS84)"),
        "easting": ("UTM øst", "UTM E", "UTM X", "Øst", "X-koordinat", "Easting"),
        "northing": ("UTM nord", "UTM N", "UTM Y", "Nord", "Y-koordinat", "Northing"),
        "opened_year": ("Åbnet", "Åbningsår", "Opened", "Year opened"),
        "host_organisation": ("Vært", "Værtsorganisation", "Host", "Host organisation"),
    },
    "survey_responses": {
        "response_id": ("Respondent-id", "Respondent id", "RespondentID", "ResponseId", "Response ID", "Svar-id"),
        "centre_id": (
            "Center",
            "Centre",
            "Centernavn",
            "Centrets navn",
            "Medborgercenter",
            "Hvilket center",
            "Hvilket medborgercenter",
            "Centre name",
            "Which centre",
        ),
        KOMMUNE: ("Kommune", "Municipality", "Centrets kommune"),
        "survey_year": ("Årstal", "År", "Year", "Survey year", "Undersøgelsesår", "Bølge"),
        "respondent_role": ("Rolle", "Role", "Din rolle", "Respondenttype", "Respondent type"),
        "advantages": ("Fordele", "Advantages"),
        "drawbacks": ("Ulemper", "Drawbacks", "Disadvantages"),
        "comment": ("Kommentar", "Kommentarer", "Comment", "Comments", "Bemærkninger"),
    },
    "areas": {
        "area_id": ("Område-id", "Area id"),
        "name": ("Område", "Boligområde", "Områdenavn", "Afgrænsning", "Area", "Area name", "Navn"),
        "municipality": ("Kommune", "Kommunenavn", "Municipality"),
        "municipality_code": ("Kommunekode", "Kommunenr", "Kommune nr", "Municipality code"),
        "year": ("År", "Årstal", "Year", "Opgørelsesår"),
        "population": ("Antal beboere", "Beboere", "Indbyggere", "Residents", "Population"),
        "pct_outside_labour_market": (
            "Uden for arbejdsmarked eller uddannelse (pct.)",
            "Uden for arbejdsmarkedet eller uddannelse (pct.)",
            "Andel uden for arbejdsmarked eller uddannelse",
            "Outside labour market or education (%)",
        ),
        "convicted_ratio_national": (
            "Dømte (gange landsgennemsnittet)",
            "Domfældte (gange landsgennemsnittet)",
            "Convicted (times the national average)",
        ),
        "pct_convicted": ("Dømte (pct.)", "Domfældte (pct.)", "Convicted (%)"),
        "pct_basic_education_only": (
            "Kun grunduddannelse (pct.)",
            "Kun grundskoleuddannelse (pct.)",
            "Basic education only (%)",
        ),
        "income_pct_of_region": (
            "Bruttoindkomst (pct. af regionen)",
            "Gennemsnitlig bruttoindkomst (pct. af regionen)",
            "Gross income (% of the region)",
        ),
        "pct_nonwestern": (
            "Ikke-vestlige indvandrere og efterkommere (pct.)",
            "Indvandrere og efterkommere fra ikke-vestlige lande (pct.)",
            "Non-western immigrants and descendants (%)",
        ),
        "official_status": ("Status", "Liste", "Kategori", "Official status"),
        "latitude": ("Breddegrad", "Latitude"),
        "longitude": ("Længdegrad", "Longitude"),
    },
    "actors": {
        "actor_id": ("Aktør-id", "Actor id", "ID"),
        "name": ("Navn", "Label", "Name", "Aktør", "Actor"),
        "sector": ("Sektor", "Type", "Sector"),
        "area_id": ("Område", "Boligområde", "Area"),
        KOMMUNE: ("Kommune", "Municipality"),
        "centre_id": ("Center", "Centre"),
    },
    "ties": {
        "source_actor_id": ("Fra", "From", "Kilde", "Source"),
        "target_actor_id": ("Til", "To", "Mål", "Target"),
        "tie_type": ("Type", "Relation", "Relationstype", "Tie type"),
        "strength": ("Styrke", "Strength", "Weight", "Vægt"),
        "year": ("År", "Årstal", "Year"),
        KOMMUNE: ("Kommune", "Municipality"),
        AREA: ("Område", "Boligområde", "Area"),
    },
    "codebook": {
        "code": ("Kode", "Code"),
        "kind": ("Art", "Kind"),
        "label_da": ("Tekst (dansk)", "Dansk", "Danish"),
        "label_en": ("Tekst (engelsk)", "Engelsk", "English"),
        "description": ("Beskrivelse", "Description"),
    },
}

# Category columns whose catalogue labels (both languages) are accepted as values.
CATEGORY_LABELS = {"centre_type": "type", "respondent_role": "role", "sector": "sector", "tie_type": "tie"}
# Extra tables of every upload: the pseudo targets a table accepts besides its own columns.
EXTRA_TARGETS = {
    "centres": ("easting", "northing"),
    "areas": ("easting", "northing"),
    "survey_responses": (KOMMUNE,),
    "actors": (KOMMUNE,),
    "ties": (KOMMUNE, AREA),
}
_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")
# What a required column that no file column feeds needs (key of the explanation, and its values).
GENERATED = {
    "centres": {
        "centre_id": ("navn + kommune", "name + municipality"),
        "region": ("kommunen", "the municipality"),
        "municipality_code": ("kommunen", "the municipality"),
    },
    "survey_responses": {"response_id": ("svarene", "the answers")},
    "areas": {
        "area_id": ("navn + kommune", "name + municipality"),
        "region": ("kommunen", "the municipality"),
        "municipality_code": ("kommunen", "the municipality"),
    },
    "actors": {"actor_id": ("navn + område", "name + area")},
}


# --- the vocabulary of headers ------------------------------------------------------------------


def targets(table: str) -> list[str]:
    """The atlas columns (and helper targets) a file column of ``table`` may be mapped to."""
    return TABLES[table].names + list(EXTRA_TARGETS.get(table, ()))


def target_label(table: str, target: str, lang: str) -> str:
    """A target as the mapping step shows it: ``"rating_collaboration · Samarbejde"``."""
    if not isinstance(target, str) or target == IGNORE:
        return t("byod.target.ignore", lang)
    if ":" in target:
        column, code = target.split(":", 1)
        return t("byod.target.option", lang, column=column, option=code)
    if "@" in target:
        column, year = target.split("@", 1)
        return t("byod.target.year_value", lang, column=column, year=year)
    if target.startswith("_") or target in ("easting", "northing"):
        return t(f"byod.target.{target}", lang)
    spec = TABLES[table]
    if target in spec.names:
        doc = spec.column(target).doc_da if lang == "da" else spec.column(target).doc_en
        return f"{target} · {doc}" if doc else target
    return target


def _catalogue_labels(table: str) -> dict[str, list[str]]:
    """Atlas column -> its labels in the catalogue (both languages)."""
    cat = catalogue()
    out: dict[str, list[str]] = {}

    def add(column, key):
        if key in cat:
            out.setdefault(column, []).extend(v for v in cat[key].values() if v)

    if table == "survey_responses":
        for d in RATING_DIMENSIONS:
            add(f"rating_{d}", f"rating.{d}")
            add(f"rating_{d}", f"byod.q.rating_{d}")
        add("centre_id", "byod.q.centre")
        add(KOMMUNE, "byod.q.municipality")
        add("respondent_role", "byod.q.role")
        add("survey_year", "byod.q.year")
        add("comment", "byod.q.comment")
        add("response_id", "byod.q.respondent")
        add("advantages", "byod.q.advantages")
        add("drawbacks", "byod.q.drawbacks")
    if table == "areas":
        for ind in INDICATORS:
            add(ind, f"indicator.{ind}")
    return out


def header_labels(table: str) -> dict[str, str]:
    """Folded header text -> atlas column, for every header the mapping recognises without fuzziness.

    Examples
    --------
    >>> header_labels("areas")[fold("Antal beboere")]
    'population'
    """
    spec = TABLES[table]
    out: dict[str, str] = {}

    def put(text, column):
        key = fold(text)
        if key:
            out.setdefault(key, column)

    for col in spec.columns:
        put(col.name, col.name)
        put(col.name.replace("_", " "), col.name)
        for alias in col.aliases:
            put(alias, col.name)
    for column, labels in NATURAL_HEADERS.get(table, {}).items():
        for text in labels:
            put(text, column)
    for column, labels in _catalogue_labels(table).items():
        for text in labels:
            put(text, column)
    for col in spec.columns:  # the column documentation last: the least specific
        for doc in (col.doc_da, col.doc_en):
            if doc and len(doc) < 60:
                put(doc, col.name)
    return out


def _option_prefixes(table: str) -> dict[str, str]:
    if table != "survey_responses":
        return {}
    labels = header_labels(table)
    return {k: v for k, v in labels.items() if v in ("advantages", "drawbacks")}


def _category_lookup(column: str) -> dict[str, str]:
    spec = next(tbl for tbl in TABLES.values() if column in tbl.names)
    col = spec.column(column)
    lookup = {fold(a): a for a in col.allowed or ()}
    lookup.update({fold(k): v for k, v in col.value_aliases.items()})
    kind = CATEGORY_LABELS.get(column)
    cat = catalogue()
    for code in col.allowed or ():
        for text in cat.get(f"{kind}.{code}", {}).values():
            lookup.setdefault(fold(text), code)
        lookup.setdefault(fold(code.replace("_", " ")), code)
    return lookup


# --- choices and profiles ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Choices:
    """What the editor decided: file column -> target (``""`` = not used), and the area distance.

    Hashable, so the Data page can key its cache on it.

    Examples
    --------
    >>> Choices.from_pairs(["Hvordan går samarbejdet?=rating_collaboration"]).columns
    (('Hvordan går samarbejdet?', 'rating_collaboration'),)
    """

    columns: tuple[tuple[str, str], ...] = ()
    area_distance_km: float = DEFAULT_AREA_KM
    boundaries: tuple[str, bytes] | None = None  # (file name, content) of an area boundary layer

    @classmethod
    def from_pairs(cls, pairs, area_distance_km: float | None = None) -> Choices:
        """From ``"file column=atlas column"`` strings (the CLI's ``--map``); an empty target ignores the column."""
        out = []
        for pair in pairs or ():
            if "=" not in pair:
                raise AtlasError("byod.err.bad_map", value=str(pair)[:80])
            header, target = pair.rsplit("=", 1)
            out.append((header.strip(), target.strip()))
        return cls(tuple(out), DEFAULT_AREA_KM if area_distance_km is None else float(area_distance_km))

    def merged(self, other: Choices) -> Choices:
        """These choices overridden by ``other``'s (the distance too, when ``other`` sets one)."""
        mine = dict(self.columns)
        mine.update(dict(other.columns))
        distance = other.area_distance_km if other.area_distance_km != DEFAULT_AREA_KM else self.area_distance_km
        return Choices(tuple(mine.items()), distance, other.boundaries or self.boundaries)

    def to_json(self, table: str, name: str = "") -> str:
        """The choices as an import profile (JSON)."""
        body = {
            "name": name,
            "table": table,
            "columns": dict(self.columns),
            "area_distance_km": self.area_distance_km,
        }
        return json.dumps(body, ensure_ascii=False, indent=2)

    @classmethod
    def from_json(cls, text: str, *, name: str = "") -> tuple[str, Choices]:
        """``(table, choices)`` from an import profile's JSON."""
        try:
            body = json.loads(text)
            columns = body["columns"]
            if not isinstance(columns, dict) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in columns.items()
            ):
                raise TypeError("columns")
            table = str(body["table"])
            distance = float(body.get("area_distance_km", DEFAULT_AREA_KM))
        except (ValueError, KeyError, TypeError) as err:
            raise AtlasError("byod.err.bad_profile", value=name[:80], detail=type(err).__name__) from err
        return table, cls(tuple(columns.items()), distance)


def save_profile(engine, name: str, table: str, choices: Choices, *, editor: str) -> None:
    """Save (or replace) the import profile ``name`` in the database."""
    import sqlalchemy as sa

    from lib.data import store

    name = name.strip()[:100]
    if not name:
        raise AtlasError("byod.err.bad_profile", value="", detail="name")
    with engine.begin() as conn:
        conn.execute(sa.delete(store.profiles).where(store.profiles.c.name == name))
        conn.execute(
            store.profiles.insert().values(
                name=name,
                table_name=table,
                created_at=datetime.now(UTC),
                editor=editor[:200],
                body=choices.to_json(table, name),
            )
        )


def list_profiles(engine, table: str | None = None) -> list[str]:
    """Names of the saved import profiles (of ``table``), alphabetically."""
    import sqlalchemy as sa

    from lib.data import store

    query = sa.select(store.profiles.c.name).order_by(store.profiles.c.name)
    if table:
        query = query.where(store.profiles.c.table_name == table)
    with engine.connect() as conn:
        return [r[0] for r in conn.execute(query)]


def load_profile(engine, name_or_path: str, table: str | None = None) -> Choices:
    """The choices of a saved profile, or of a JSON file when ``name_or_path`` names one.

    Raises
    ------
    AtlasError
        ``byod.err.bad_profile`` when there is no such profile or it cannot be read;
        ``byod.err.profile_table`` when it was saved for another table.
    """
    import sqlalchemy as sa

    from lib.data import store

    path = Path(name_or_path)
    if name_or_path.lower().endswith(".json") or path.is_file():
        try:
            text = path.read_text(encoding="utf-8-sig")
        except OSError as err:
            raise AtlasError("byod.err.bad_profile", value=name_or_path[:80], detail=type(err).__name__) from err
    else:
        with engine.connect() as conn:
            text = conn.execute(sa.select(store.profiles.c.body).where(store.profiles.c.name == name_or_path)).scalar()
        if text is None:
            raise AtlasError("byod.err.bad_profile", value=name_or_path[:80], detail="?")
    saved_for, choices = Choices.from_json(text, name=name_or_path)
    if table is not None and saved_for != table:
        raise AtlasError("byod.err.profile_table", value=name_or_path[:80], table=saved_for, wanted=table)
    return choices


# --- the mapper ----------------------------------------------------------------------------------------


@dataclass
class ColumnMatch:
    """One file column and what it was matched to."""

    header: str
    position: int
    target: str | None  # atlas column, "advantages:<code>", "<indicator>@<year>", "_kommune", "" (ignored), None
    how: str  # "editor" | "alias" | "label" | "option" | "year" | "fuzzy" | "none"
    score: int = 100
    example: str = ""


@dataclass
class Mapper:
    """The mapping of one upload; pass it to ``ingest.read_file(remap=...)``, then call :meth:`finish`.

    Parameters
    ----------
    table : str
        The table the file is for.
    frames : dict, optional
        Current tables (the codebook turns option labels into codes).
    choices : Choices, optional
        The editor's choices.
    source : bytes, optional
        The file, for reading its other sheets (indicator tables with one sheet per year).
    """

    table: str
    frames: dict = field(default_factory=dict)
    choices: Choices = field(default_factory=Choices)
    source: bytes | None = None
    columns: list[ColumnMatch] = field(default_factory=list)
    problems: list[dict] = field(default_factory=list)
    carried: pd.DataFrame | None = None
    origin: list[int] | None = None  # file row number of each output row (when rows were rebuilt)
    header_row: int = 1
    sheets_stacked: tuple[str, ...] = ()
    applied: bool = False

    # the hook ------------------------------------------------------------------------------------
    def __call__(self, rows: list[list[str]], meta: dict) -> list[list[str]]:
        """Rewrite the raw rows of the file (see the module docstring); returns the rows ingest shapes."""
        rows = self._stack_year_sheets(rows, meta)
        labels = header_labels(self.table)
        index = self._find_header(rows, labels)
        if index is None:
            return rows  # nothing recognisable: ingest says so in its own words
        self.applied = True
        self.header_row = index + 1
        if self.table == "areas":
            self.set_wide_indicator(rows, meta.get("sheet"))
        header = [str(c) for c in rows[index]]
        body = rows[index + 1 :]
        self.columns = self._match(header, body, labels)
        return self._rewrite(rows, index, header, body)

    def _stack_year_sheets(self, rows, meta):
        sheets = meta.get("sheets") or ()
        if self.table != "areas" or self.source is None or len(sheets) < 2 or meta.get("format") != "xlsx":
            return rows
        if meta.get("sheet") != sheets[0] or not all(_YEAR.search(s) for s in sheets):
            return rows
        from lib.data import xlsx_fast

        stacked: list[list[str]] = []
        origin: list[int] = []
        labels = header_labels("areas")
        for name in sheets:
            sheet_rows = rows if name == sheets[0] else xlsx_fast.read_sheet(self.source, name)
            h = self._find_header(sheet_rows, labels)
            if h is None:
                continue
            year = _YEAR.search(name).group(1)
            head = [str(c) for c in sheet_rows[h]]
            if not stacked:
                stacked.append(head + ["År"])
                origin.append(h + 1)
            # later sheets may order their columns differently: align them by header text
            pos = {fold(c): j for j, c in enumerate(head)}
            order = [pos.get(fold(c)) for c in stacked[0][:-1]]
            for i, r in enumerate(sheet_rows[h + 1 :]):
                cells = [str(c) for c in r]
                aligned = [cells[j] if j is not None and j < len(cells) else "" for j in order]
                stacked.append(aligned + [year])
                origin.append(h + 2 + i)
        if len(stacked) <= 1:
            return rows
        self.sheets_stacked = tuple(sheets)
        self._stack_origin = origin
        return stacked

    def _find_header(self, rows, labels) -> int | None:
        prefixes = _option_prefixes(self.table)
        chosen = {fold(h) for h, _ in self.choices.columns}
        best, best_score = None, 0
        for i, row in enumerate(rows[:HEADER_SCAN_ROWS]):
            cells = [fold(c) for c in row]
            score = sum(1 for c in cells if c and (c in labels or c in chosen))
            score += sum(1 for c in row if sf.option_header(str(c), prefixes))
            if self.table == "areas":
                score += min(2, sum(1 for c in row if _YEAR.fullmatch(str(c).strip())))
            if score > best_score:
                best, best_score = i, score
        return best

    def _match(self, header, body, labels) -> list[ColumnMatch]:
        from lib.data import ingest

        known = {ingest.normalise_header(k): v for k, v in TABLES[self.table].aliases().items()}
        chosen = {h: target for h, target in self.choices.columns}
        chosen_folded = {fold(h): target for h, target in self.choices.columns}
        allowed = set(targets(self.table))
        prefixes = _option_prefixes(self.table)
        out: list[ColumnMatch] = []
        taken: set[str] = set()
        seen: dict[str, int] = {}
        for j, cell in enumerate(header):
            shown = cell.strip()
            n = seen.get(shown, 0)
            seen[shown] = n + 1
            key = shown if n == 0 else f"{shown} [{n + 1}]"
            example = next((str(r[j]).strip() for r in body[:50] if j < len(r) and str(r[j]).strip()), "")[:60]
            match = ColumnMatch(key, j, None, "none", 0, example)
            if not shown and not example:
                continue
            if key in chosen or fold(key) in chosen_folded:
                target = chosen.get(key, chosen_folded.get(fold(key)))
                self._check_target(target, allowed)
                match.target, match.how, match.score = target, "editor", 100
            else:
                norm = ingest.normalise_header(shown)
                folded = fold(shown)
                option = sf.option_header(shown, prefixes) if norm not in known else None
                if norm in known:
                    match.target, match.how = known[norm], "alias"
                elif option is not None:
                    match.target, match.how = f"{option[0]}:{self._option_code(option[0], option[1], j)}", "option"
                elif ingest._multi_select_target(norm) and self.table == "survey_responses":
                    match.target, match.how = (
                        f"{ingest._multi_select_target(norm)}:{ingest._multi_select_code(norm)}",
                        "alias",
                    )
                elif ingest._coord_kind(norm) and "easting" in allowed:
                    match.target, match.how = ingest._coord_kind(norm), "alias"
                elif folded in labels:
                    match.target, match.how = labels[folded], "label"
                elif self.table == "areas" and _YEAR.search(shown):
                    match.target, match.how = self._year_target(shown, header), "year"
                match.score = 100 if match.target else 0
            if match.target and match.how not in ("option", "year", "editor") and ":" not in match.target:
                if match.target in taken and match.target not in (IGNORE,):
                    match.how = "duplicate"
                taken.add(match.target)
            out.append(match)
        self._fuzzy(out, labels, taken)
        return out

    def _check_target(self, target: str, allowed: set[str]) -> None:
        base = target.split(":", 1)[0].split("@", 1)[0]
        if target != IGNORE and base not in allowed:
            raise AtlasError(
                "byod.err.unknown_target", value=target[:80], table=self.table, allowed=", ".join(sorted(allowed))
            )

    def _fuzzy(self, out: list[ColumnMatch], labels: dict[str, str], taken: set[str]) -> None:
        from rapidfuzz import fuzz, process

        keys = list(labels)
        for match in out:
            if match.target is not None or not match.header:
                continue
            query = fold(match.header)
            if len(query) < 4:
                continue
            hit = process.extractOne(query, keys, scorer=fuzz.token_sort_ratio, score_cutoff=FUZZY_CUTOFF)
            if hit is None:
                continue
            target = labels[hit[0]]
            if target in taken:
                continue
            match.target, match.how, match.score = target, "fuzzy", int(round(hit[1]))
            taken.add(target)

    def _option_code(self, column: str, option: str, position: int) -> str:
        codebook = self.frames.get("codebook")
        kind = "advantage" if column == "advantages" else "drawback"
        if codebook is None or codebook.empty:
            return option
        pool = codebook[codebook["kind"] == kind]
        by_label = {}
        for rec in pool.itertuples(index=False):
            for text in (rec.code, rec.label_da, rec.label_en):
                by_label.setdefault(fold(text), rec.code)
        code = by_label.get(fold(option))
        if code is not None:
            return code
        from rapidfuzz import fuzz, process

        hit = process.extractOne(fold(option), list(by_label), scorer=fuzz.WRatio, score_cutoff=70)
        suggestion = None
        if hit is not None:
            rec = pool[pool["code"] == by_label[hit[0]]].iloc[0]
            suggestion = f"{rec.label_da} / {rec.label_en} ({rec.code})"
        key = "byod.err.unknown_option" if suggestion else "byod.err.unknown_option_plain"
        self.problems.append(problem(self.table, None, column, option, key, suggestion=suggestion or "", kind=kind))
        return option

    def _year_target(self, header: str, all_headers: list[str]) -> str | None:
        year = _YEAR.search(header).group(1)
        rest = fold(_YEAR.sub(" ", header))
        labels = header_labels("areas")
        indicator = labels.get(rest) if rest else None
        if indicator is None and rest:
            from rapidfuzz import fuzz, process

            hit = process.extractOne(rest, list(labels), scorer=fuzz.token_sort_ratio, score_cutoff=FUZZY_CUTOFF)
            indicator = labels[hit[0]] if hit else None
        if indicator is None:
            indicator = self._wide_indicator
        if indicator in (None, "year", "name", "area_id", "municipality", "municipality_code", "region"):
            return None
        return f"{indicator}@{year}"

    _wide_indicator: str | None = None

    def set_wide_indicator(self, rows: list[list[str]], sheet: str | None) -> None:
        """The indicator of a wide table: from a title row above the header, else the sheet's name."""
        labels = header_labels("areas")
        texts = [str(c) for r in rows[: self.header_row - 1] for c in r if str(c).strip()] + [sheet or ""]
        for text in texts:
            hit = labels.get(fold(_YEAR.sub(" ", text)))
            if hit in INDICATORS or hit == "population":
                self._wide_indicator = hit
                return

    # rewriting -----------------------------------------------------------------------------------------
    def _rewrite(self, rows, index, header, body) -> list[list[str]]:
        n = len(body)
        offset = index + 1
        origin_in = getattr(self, "_stack_origin", None)
        file_row = (lambda i: origin_in[offset + i]) if origin_in else (lambda i: offset + 1 + i)
        width = len(header)
        if any(len(r) != width for r in body):
            body = [list(r) + [""] * (width - len(r)) if len(r) < width else list(r) for r in body]
            grid = np.array([r[:width] for r in body], dtype=object).reshape(n, width)
        else:  # one array: columns are cut out, not gathered row by row
            grid = np.array(body, dtype=object).reshape(n, width)

        def column(j):
            return pd.Series(grid[:, j], dtype=object)  # text already: no Arrow string conversion

        wide = [m for m in self.columns if m.how == "year" or (m.target and "@" in m.target)]
        keep: list[tuple[int, str]] = []  # (position, header written for ingest)
        carried: dict[str, pd.Series] = {}
        option_codes: dict[str, list[tuple[str, np.ndarray]]] = {}
        replaced: dict[int, pd.Series] = {}
        for m in self.columns:
            target = m.target
            if target is None or m.how == "duplicate" and target not in TABLES[self.table].names:
                keep.append((m.position, header[m.position]))  # ingest lists it as not used
                continue
            if target == IGNORE:
                continue
            if target in (KOMMUNE, AREA):
                carried[target] = column(m.position)
                continue
            if ":" in target:
                col, code = target.split(":", 1)
                label = m.header.split(":", 1)[-1].strip() if m.how == "option" else code
                chosen, bad = sf.option_chosen(column(m.position), label)
                for i in np.flatnonzero(bad):
                    self.problems.append(
                        problem(self.table, file_row(i), m.header, body[i][m.position], "byod.err.option_value")
                    )
                option_codes.setdefault(col, []).append((code, chosen))
                continue
            if "@" in target:
                continue  # melted below
            written = header[m.position] if m.how == "alias" else target
            if target in RATING_COLUMNS:
                values, bad = sf.rating_values(column(m.position))
                for i in np.flatnonzero(bad):
                    self.problems.append(
                        problem(
                            self.table,
                            file_row(i),
                            m.header,
                            body[i][m.position],
                            "byod.err.unknown_answer",
                            allowed=sf.ALLOWED_TEXT,
                        )
                    )
                    values.iloc[i] = ""
                replaced[m.position] = values
            elif target in CATEGORY_LABELS or target == "kind":
                lookup = _category_lookup(target)
                values = column(m.position)
                replaced[m.position] = values.map({v: lookup.get(fold(v), v) for v in pd.unique(values.to_numpy())})
            elif target in ("advantages", "drawbacks"):
                replaced[m.position] = self._labels_to_codes(target, column(m.position))
            keep.append((m.position, written))
        for col, items in option_codes.items():
            carried[col] = pd.Series(_joined_codes(items, n), dtype=object)
        if wide and any(m.target and "@" in m.target for m in self.columns):
            return self._melt(rows, index, header, body, keep, replaced, carried, file_row)
        out_header = [h for _, h in keep]
        positions = [p for p, _ in keep]
        out = np.empty((n, len(positions)), dtype=object)
        for k, p in enumerate(positions):
            out[:, k] = replaced[p].to_numpy(dtype=object) if p in replaced else grid[:, p]
        out_body = out.tolist()
        for i, r in enumerate(body):
            if len(r) > width:  # values beyond the header: ingest reports them
                out_body[i].extend(r[width:])
        self.carried = pd.DataFrame(carried, index=pd.RangeIndex(n)) if carried else None
        self.origin = [file_row(i) for i in range(n)]
        return [out_header] + out_body

    def _labels_to_codes(self, column: str, values: pd.Series) -> pd.Series:
        codebook = self.frames.get("codebook")
        if codebook is None or codebook.empty:
            return values
        kind = "advantage" if column == "advantages" else "drawback"
        pool = codebook[codebook["kind"] == kind]
        by_label = {}
        for rec in pool.itertuples(index=False):
            for text in (rec.code, rec.label_da, rec.label_en):
                by_label.setdefault(fold(text), rec.code)

        def convert(cell: str) -> str:
            parts = [p.strip() for p in re.split(r"[;\n]", cell) if p.strip()]
            out = []
            for part in parts:
                code = by_label.get(fold(part))
                if code is None and "," in part:
                    pieces = [by_label.get(fold(p)) for p in part.split(",")]
                    if all(pieces):
                        out.extend(pieces)
                        continue
                out.append(code or part)
            return ";".join(out)

        lookup = {v: convert(v) for v in pd.unique(values.to_numpy())}
        return values.map(lookup)

    def _melt(self, rows, index, header, body, keep, replaced, carried, file_row) -> list[list[str]]:
        fixed = [(p, h) for p, h in keep if h not in ("year", "År")]
        groups: dict[str, list[tuple[int, str]]] = {}
        for m in self.columns:
            if m.target and "@" in m.target:
                indicator, year = m.target.split("@", 1)
                groups.setdefault(year, []).append((m.position, indicator))
        indicators = list(dict.fromkeys(ind for items in groups.values() for _, ind in items))
        out_header = [h for _, h in fixed] + ["year"] + indicators
        out_body, origin = [], []
        for i, r in enumerate(body):
            base = [replaced[p].iloc[i] if p in replaced else r[p] for p, _ in fixed]
            for year, items in groups.items():
                values = dict.fromkeys(indicators, "")
                for p, ind in items:
                    values[ind] = r[p] if p < len(r) else ""
                if not any(str(v).strip() for v in values.values()):
                    continue
                out_body.append(base + [year] + [values[ind] for ind in indicators])
                origin.append(file_row(i))
        self.origin = origin
        self.carried = None
        return [out_header] + out_body

    # after ingest -------------------------------------------------------------------------------------
    def finish(self, read):
        """Translate row numbers back to the file's, attach carried columns and the mapping's problems."""
        from lib.data import ingest

        if not self.applied:
            return read
        grid_rows = read.rows.to_numpy()
        frame = read.frame
        if self.carried is not None:
            carried = self.carried.reindex(grid_rows - 2).reset_index(drop=True)
            for col in ("advantages", "drawbacks"):
                if col in carried.columns:
                    listed = frame[col].astype(str) if col in frame.columns else pd.Series("", index=frame.index)
                    frame[col] = _joined_lists(listed, carried[col].fillna("").astype(str))
            self.carried = carried.drop(columns=[c for c in ("advantages", "drawbacks") if c in carried.columns])
        if self.origin is not None:
            origin = np.asarray(self.origin)
            rows = pd.Series(origin[grid_rows - 2], name="row")
        else:
            rows = read.rows
        problems = read.problems
        if not problems.empty and self.origin is not None:
            origin = np.asarray(self.origin)
            fixed = problems["row"].map(
                lambda r: (
                    int(origin[int(r) - 2])
                    if r is not None and not pd.isna(r) and 2 <= int(r) < len(origin) + 2
                    else (self.header_row if r == 1 else r)
                )
            )
            problems = problems.assign(row=fixed)
        mine = pd.DataFrame(
            [{**p, "row": p["row"] if p["row"] is not None else self.header_row} for p in self.problems],
            columns=PROBLEM_COLUMNS,
        )
        if not mine.empty:
            problems = pd.concat([problems, mine], ignore_index=True) if not problems.empty else mine
        renamed = dict(read.report.renamed)
        for m in self.columns:
            if m.target and m.how != "alias" and m.target != IGNORE:
                renamed[m.header] = m.target
        report = replace(read.report, header_row=self.header_row, renamed=renamed)
        return ingest.ReadResult(frame=frame, rows=rows, problems=problems, report=report)

    # for the mapping step and the CLI -------------------------------------------------------------------
    def mapping_frame(self, lang: str) -> pd.DataFrame:
        """File column, atlas column, how it was recognised, an example value."""
        rows = []
        for m in self.columns:
            how = t(f"byod.how.{m.how}", lang, score=m.score) if m.how != "duplicate" else "duplicate"
            rows.append(
                {
                    "file_column": m.header,
                    "target": m.target if m.target is not None else None,
                    "how": how,
                    "example": m.example,
                }
            )
        frame = pd.DataFrame(rows, columns=["file_column", "target", "how", "example"], dtype=object)
        frame["target"] = pd.Series([r["target"] for r in rows], index=frame.index, dtype=object)  # None stays None
        return frame

    def mapped_targets(self) -> set[str]:
        """Atlas columns some file column feeds."""
        out = set()
        for m in self.columns:
            if m.target:
                out.add(m.target.split(":", 1)[0].split("@", 1)[0])
                if "@" in m.target:
                    out.add("year")
        if self.sheets_stacked:
            out.add("year")
        return out

    def missing(self, lang: str, *, area_km: float | None = None) -> list[tuple[str, str]]:
        """Required atlas columns no file column feeds, each with what happens or what to do."""
        spec = TABLES[self.table]
        have = self.mapped_targets()
        out = []
        generated = GENERATED.get(self.table, {})
        for col in spec.columns:
            if not col.required or col.name in have:
                continue
            if col.name in ("latitude", "longitude") and {"easting", "northing"} <= have:
                continue
            if col.name in generated:
                if col.name in ("municipality_code", "region") and not have & {"municipality", "municipality_code"}:
                    pass
                else:
                    key = "byod.need.derived" if col.name in ("region", "municipality_code") else "byod.need.generated"
                    words = generated[col.name][0 if lang == "da" else 1]
                    out.append((col.name, t(key, lang, keys=words)))
                    continue
            if self.table == "centres" and col.name == "area_id":
                out.append((col.name, t("byod.need.located", lang, km=_km(area_km or self.choices.area_distance_km))))
                continue
            if self.table == "areas" and col.name in ("latitude", "longitude", "region", "population"):
                out.append((col.name, t("byod.need.from_current", lang)))
                continue
            doc = col.doc_da if lang == "da" else col.doc_en
            header = NATURAL_HEADERS.get(self.table, {}).get(col.name, (col.name,))[0]
            out.append((col.name, t("byod.need.choose", lang, what=doc.lower() or col.name, header=header)))
        return out

    def used_choices(self) -> Choices:
        """The mapping as it stands, as choices to save in a profile (recognised columns included)."""
        pairs = tuple((m.header, m.target if m.target is not None else IGNORE) for m in self.columns)
        return Choices(pairs, self.choices.area_distance_km)


def _joined_lists(first: pd.Series, second: pd.Series) -> np.ndarray:
    """Each row's two ``;`` lists as one, empty parts dropped; each distinct pair is joined once.

    Examples
    --------
    >>> _joined_lists(pd.Series(["a", "", "a;"]), pd.Series(["b", "c", ""])).tolist()
    ['a;b', 'c', 'a']
    """
    a_codes, a_texts = factorize_values(first)
    b_codes, b_texts = factorize_values(second)
    width = len(b_texts) + 1
    pairs, inverse = np.unique(a_codes.astype(np.int64) * width + b_codes, return_inverse=True)
    texts = [re.sub(r";{2,}", ";", f"{a_texts[k // width]};{b_texts[k % width]}".strip(";")) for k in pairs.tolist()]
    return np.array(texts, dtype=object)[inverse.reshape(-1)]


def _joined_codes(items: list[tuple[str, np.ndarray]], n: int) -> np.ndarray:
    """Each row's chosen option codes joined by ``;`` (in column order), from one 0/1 mask per option.

    Rows share few patterns (ten options give at most 1,024), so each distinct pattern is joined once.

    Examples
    --------
    >>> _joined_codes([("a", np.array([True, False, True])), ("b", np.array([True, False, False]))], 3).tolist()
    ['a;b', '', 'a']
    """
    codes = [code for code, _ in items]
    if not codes:
        return np.full(n, "", dtype=object)
    matrix = np.column_stack([np.asarray(chosen, dtype=bool) for _, chosen in items]).reshape(n, len(codes))
    if len(codes) > 62:  # too many options for one integer per pattern: join row by row
        return np.array([";".join(compress(codes, r)).rstrip(";") for r in matrix.tolist()], dtype=object)
    pattern = matrix.astype(np.int64) @ np.left_shift(np.int64(1), np.arange(len(codes), dtype=np.int64))
    uniques, inverse = np.unique(pattern, return_inverse=True)
    texts = [";".join(c for j, c in enumerate(codes) if (u >> j) & 1).rstrip(";") for u in uniques.tolist()]
    return np.array(texts, dtype=object)[inverse.reshape(-1)]


def _km(value: float) -> str:
    return f"{value:g}".replace(".", ",")
