"""The six tables of the atlas, each declared once.

One declaration per column drives everything that needs to know the tables:
validation (types, ranges, allowed values, uniqueness, references), the
Danish header aliases and category labels accepted on upload, the upload
templates and the column documentation. Validation collects *all* problems
as rows of (table, row, column, value, message_da, message_en), where ``row``
is the row number as the user sees it in the file (header = row 1).

We use a small declarative layer instead of pandera because the same
declaration must also produce bilingual messages, aliases and templates;
pandera would cover only the checks and speak English.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from lib.errors import PROBLEM_COLUMNS, problem

# --- Real codes (FACTS.md: DAGI regionskoder, kommunekoder) -----------------
REGIONS: dict[int, str] = {
    1081: "Nordjylland",
    1082: "Midtjylland",
    1083: "Syddanmark",
    1084: "Hovedstaden",
    1085: "Sjælland",
}
REGION_NAMES = tuple(REGIONS.values())

CENTRE_TYPES = ("library", "health", "association", "housing_area")
CENTRE_TYPE_ALIASES = {
    "biblioteksbaseret": "library",
    "biblioteksbaserede": "library",
    "bibliotek": "library",
    "sundhedsbaseret": "health",
    "sundhedsbaserede": "health",
    "sundhed": "health",
    "foreningsbaseret": "association",
    "foreningsbaserede": "association",
    "forening": "association",
    "boligområdebaseret": "housing_area",
    "boligområdebaserede": "housing_area",
    "boligomradebaseret": "housing_area",
    "boligområde": "housing_area",
    "housing-area": "housing_area",
    "housing area": "housing_area",
}
RESPONDENT_ROLES = ("staff", "manager", "partner", "volunteer", "resident")
RESPONDENT_ROLE_ALIASES = {
    "medarbejder": "staff",
    "leder": "manager",
    "samarbejdspartner": "partner",
    "partner": "partner",
    "frivillig": "volunteer",
    "beboer": "resident",
}
SECTORS = (
    "municipal",
    "housing_social",
    "volunteer",
    "association",
    "private",
    "school",
    "health",
    "library",
    "other",
)
SECTOR_ALIASES = {
    "kommunal": "municipal",
    "kommune": "municipal",
    "boligsocial": "housing_social",
    "frivillig": "volunteer",
    "forening": "association",
    "privat": "private",
    "skole": "school",
    "sundhed": "health",
    "bibliotek": "library",
    "andet": "other",
}
TIE_TYPES = ("collaboration", "co_location", "referral", "shared_activity")
TIE_TYPE_ALIASES = {
    "samarbejde": "collaboration",
    "samlokalisering": "co_location",
    "henvisning": "referral",
    "fælles aktivitet": "shared_activity",
    "faelles aktivitet": "shared_activity",
}
CODE_KINDS = ("advantage", "drawback")
CODE_KIND_ALIASES = {"fordel": "advantage", "ulempe": "drawback"}
RATING_DIMENSIONS = (
    "collaboration",
    "resident_reach",
    "visibility",
    "accessibility",
    "coordination",
    "funding_stability",
)
RATING_COLUMNS = tuple(f"rating_{d}" for d in RATING_DIMENSIONS)
PARTNER_FLAGS = (
    "has_library",
    "has_health_services",
    "has_housing_social_plan",
    "has_associations",
    "has_municipal_services",
)
#: Indicator columns of the areas table that the official criteria read, in display order
#: (``pct_convicted`` only by the 2013-2017 rules, ``convicted_ratio_national`` from 2018).
INDICATORS: tuple[str, ...] = (
    "pct_outside_labour_market",
    "convicted_ratio_national",
    "pct_convicted",
    "pct_basic_education_only",
    "income_pct_of_region",
    "pct_nonwestern",
)

#: Area status codes from most to least severe. Pages sort, colour and count by this order.
STATUS_ORDER: tuple[str, ...] = (
    "omdannelse",
    "haardt_ghetto",
    "parallelsamfund",
    "ghetto",
    "udsat",
    "forebyggelse",
    "none",
    "too_small",
)


def statuses_in_order(values) -> list[str]:
    """The status codes that occur in ``values``, most severe first (legends, filter options).

    Examples
    --------
    >>> statuses_in_order(["udsat", "ghetto", None, "udsat"])
    ['ghetto', 'udsat']
    """
    occurring = set(values)
    return [s for s in STATUS_ORDER if s in occurring]


# Denmark's bounding box with a margin; coordinates outside it are a typo.
LAT_RANGE = (54.4, 57.9)
LON_RANGE = (7.9, 15.3)


@dataclass(frozen=True)
class Column:
    """One column of a table: its type, rules, aliases and documentation."""

    name: str
    dtype: str  # "str" | "int" | "float" | "bool" | "codes"
    required: bool = True  # must be present in the file
    nullable: bool = False  # blank values allowed
    min: float | None = None
    max: float | None = None
    allowed: tuple[str, ...] | None = None
    value_aliases: dict[str, str] = field(default_factory=dict)
    aliases: tuple[str, ...] = ()
    unique: bool = False
    doc_da: str = ""
    doc_en: str = ""
    example: object = ""


@dataclass(frozen=True)
class Reference:
    """A foreign key: every value of ``column`` must be a key of ``table``."""

    column: str
    table: str
    target: str


@dataclass(frozen=True)
class Table:
    """A table: its columns, primary key and references to other tables."""

    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    references: tuple[Reference, ...] = ()

    @property
    def names(self) -> list[str]:
        """The canonical column names, in order."""
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        """The column called ``name``."""
        return next(c for c in self.columns if c.name == name)

    def aliases(self) -> dict[str, str]:
        """Map every accepted header spelling (lower case) to the canonical name."""
        out = {}
        for c in self.columns:
            out[c.name.lower()] = c.name
            for a in c.aliases:
                out[a.lower()] = c.name
        return out


def _bool(name, doc_da, doc_en, example=0, **kw):
    return Column(name, "bool", doc_da=doc_da, doc_en=doc_en, example=example, **kw)


CENTRES = Table(
    "centres",
    (
        Column(
            "centre_id",
            "str",
            unique=True,
            aliases=("center_id", "centerid", "medborgercenter_id", "id"),
            doc_da="Centrets entydige id",
            doc_en="Unique centre id",
            example="MC001",
        ),
        Column(
            "name",
            "str",
            aliases=("navn", "centernavn"),
            doc_da="Centrets navn",
            doc_en="Centre name",
            example="Medborgercenter Eksempel",
        ),
        Column(
            "centre_type",
            "str",
            allowed=CENTRE_TYPES,
            value_aliases=CENTRE_TYPE_ALIASES,
            aliases=("type", "centertype", "center_type"),
            doc_da="Type: library/biblioteksbaseret, health/sundhedsbaseret, association/foreningsbaseret, "
            "housing_area/boligområdebaseret",
            doc_en="Type: library, health, association, housing_area (Danish labels accepted)",
            example="library",
        ),
        Column(
            "municipality_code",
            "int",
            min=101,
            max=999,
            aliases=("kommunekode", "kommune_kode"),
            doc_da="Kommunekode (3 cifre)",
            doc_en="Municipality code (kommunekode)",
            example=101,
        ),
        Column(
            "municipality",
            "str",
            aliases=("kommune", "kommunenavn"),
            doc_da="Kommunens navn",
            doc_en="Municipality name",
            example="København",
        ),
        Column(
            "region",
            "str",
            allowed=REGION_NAMES,
            value_aliases={f"region {n.lower()}": n for n in REGION_NAMES},
            doc_da="Region (Hovedstaden, Sjælland, Syddanmark, Midtjylland, Nordjylland)",
            doc_en="Region (Danish name)",
            example="Hovedstaden",
        ),
        Column(
            "area_id",
            "str",
            nullable=True,  # a centre outside every listed area has none (lib.data.locate warns)
            aliases=("omraade_id", "område_id", "boligomraade_id"),
            doc_da="Id på boligområdet centret ligger i",
            doc_en="Id of the housing area the centre serves",
            example="A01",
        ),
        Column(
            "latitude",
            "float",
            min=LAT_RANGE[0],
            max=LAT_RANGE[1],
            aliases=("lat", "breddegrad"),
            doc_da="Breddegrad (WGS84)",
            doc_en="Latitude (WGS84)",
            example=55.6995,
        ),
        Column(
            "longitude",
            "float",
            min=LON_RANGE[0],
            max=LON_RANGE[1],
            aliases=("lon", "lng", "længdegrad"),
            doc_da="Længdegrad (WGS84)",
            doc_en="Longitude (WGS84)",
            example=12.5433,
        ),
        Column(
            "opened_year",
            "int",
            required=False,
            nullable=True,
            min=1900,
            max=2100,
            aliases=("aabnet", "åbnet"),
            doc_da="Åbningsår",
            doc_en="Year opened",
            example=2010,
        ),
        Column(
            "floor_area_m2",
            "float",
            required=False,
            nullable=True,
            min=0,
            max=100000,
            aliases=("areal_m2", "etageareal"),
            doc_da="Areal i m²",
            doc_en="Floor area in m²",
            example=850,
        ),
        Column(
            "weekly_opening_hours",
            "float",
            required=False,
            nullable=True,
            min=0,
            max=168,
            aliases=("aabningstimer", "åbningstimer"),
            doc_da="Åbningstimer pr. uge",
            doc_en="Opening hours per week",
            example=45,
        ),
        Column(
            "n_organisations",
            "int",
            required=False,
            nullable=True,
            min=0,
            max=500,
            aliases=("antal_organisationer",),
            doc_da="Antal organisationer under samme tag",
            doc_en="Number of organisations under the roof",
            example=6,
        ),
        Column(
            "host_organisation",
            "str",
            required=False,
            nullable=True,
            aliases=("vaert", "vært", "ejer"),
            doc_da="Værtsorganisation",
            doc_en="Host organisation",
            example="Kommunens biblioteker",
        ),
        *(
            _bool(
                f,
                "Partner under samme tag (1/0, ja/nej)",
                "Partner under the roof (1/0, yes/no)",
                required=False,
                nullable=True,
            )
            for f in PARTNER_FLAGS
        ),
    ),
    key=("centre_id",),
    references=(Reference("area_id", "areas", "area_id"),),
)

SURVEY_RESPONSES = Table(
    "survey_responses",
    (
        Column(
            "response_id",
            "str",
            unique=True,
            aliases=("svar_id", "besvarelse_id", "respondent_id"),
            doc_da="Besvarelsens entydige id",
            doc_en="Unique response id",
            example="R900001",
        ),
        Column(
            "centre_id",
            "str",
            aliases=("center_id", "medborgercenter_id"),
            doc_da="Centrets id",
            doc_en="Centre id",
            example="MC001",
        ),
        Column(
            "survey_year",
            "int",
            min=2000,
            max=2100,
            aliases=("aar", "år", "year", "bølge", "wave"),
            doc_da="Undersøgelsesår (bølge)",
            doc_en="Survey year (wave)",
            example=2025,
        ),
        Column(
            "respondent_role",
            "str",
            allowed=RESPONDENT_ROLES,
            value_aliases=RESPONDENT_ROLE_ALIASES,
            aliases=("rolle",),
            doc_da="Rolle: staff/medarbejder, manager/leder, partner, volunteer/frivillig, resident/beboer",
            doc_en="Role: staff, manager, partner, volunteer, resident",
            example="staff",
        ),
        *(
            Column(
                c,
                "int",
                required=False,
                nullable=True,
                min=1,
                max=5,
                aliases=(c.replace("rating_", "vurdering_"),),
                doc_da="Vurdering 1-5 (tom tilladt)",
                doc_en="Rating 1-5 (blank allowed)",
                example=4,
            )
            for c in RATING_COLUMNS
        ),
        Column(
            "advantages",
            "codes",
            required=False,
            nullable=True,
            aliases=("fordele",),
            doc_da="Fordele: koder fra kodebogen adskilt af ;",
            doc_en="Advantages: codebook codes separated by ;",
            example="adv_broad_reach;adv_one_door",
        ),
        Column(
            "drawbacks",
            "codes",
            required=False,
            nullable=True,
            aliases=("ulemper",),
            doc_da="Ulemper: koder fra kodebogen adskilt af ;",
            doc_en="Drawbacks: codebook codes separated by ;",
            example="drw_short_hours",
        ),
        Column(
            "comment",
            "str",
            required=False,
            nullable=True,
            aliases=("kommentar", "bemaerkning", "bemærkning"),
            doc_da="Fritekstkommentar",
            doc_en="Free-text comment",
            example="Godt samarbejde med biblioteket.",
        ),
    ),
    key=("response_id",),
    references=(Reference("centre_id", "centres", "centre_id"),),
)

CODEBOOK = Table(
    "codebook",
    (
        Column("code", "str", unique=True, aliases=("kode",), doc_da="Kode", doc_en="Code", example="adv_broad_reach"),
        Column(
            "kind",
            "str",
            allowed=CODE_KINDS,
            value_aliases=CODE_KIND_ALIASES,
            aliases=("art", "type"),
            doc_da="advantage/fordel eller drawback/ulempe",
            doc_en="advantage or drawback",
            example="advantage",
        ),
        Column(
            "label_da",
            "str",
            aliases=("tekst_da", "label"),
            doc_da="Dansk tekst",
            doc_en="Danish label",
            example="Når bredt ud",
        ),
        Column(
            "label_en",
            "str",
            aliases=("tekst_en",),
            doc_da="Engelsk tekst",
            doc_en="English label",
            example="Reaches broadly",
        ),
        Column(
            "description",
            "str",
            required=False,
            nullable=True,
            aliases=("beskrivelse",),
            doc_da="Beskrivelse",
            doc_en="Description",
            example="",
        ),
    ),
    key=("code",),
)

AREAS = Table(
    "areas",
    (
        Column(
            "area_id", "str", aliases=("omraade_id", "område_id"), doc_da="Områdets id", doc_en="Area id", example="A01"
        ),
        Column(
            "name",
            "str",
            aliases=("navn", "omraade", "område", "boligomraade", "boligområde"),
            doc_da="Områdets navn",
            doc_en="Area name",
            example="Mjølnerparken",
        ),
        Column(
            "municipality_code",
            "int",
            min=101,
            max=999,
            aliases=("kommunekode",),
            doc_da="Kommunekode",
            doc_en="Municipality code",
            example=101,
        ),
        Column(
            "municipality",
            "str",
            required=False,
            nullable=True,
            aliases=("kommune",),
            doc_da="Kommune",
            doc_en="Municipality",
            example="København",
        ),
        Column(
            "region",
            "str",
            allowed=REGION_NAMES,
            value_aliases={f"region {n.lower()}": n for n in REGION_NAMES},
            doc_da="Region",
            doc_en="Region",
            example="Hovedstaden",
        ),
        Column(
            "latitude",
            "float",
            min=LAT_RANGE[0],
            max=LAT_RANGE[1],
            aliases=("lat", "breddegrad"),
            doc_da="Breddegrad (WGS84)",
            doc_en="Latitude (WGS84)",
            example=55.6995,
        ),
        Column(
            "longitude",
            "float",
            min=LON_RANGE[0],
            max=LON_RANGE[1],
            aliases=("lon", "lng", "længdegrad"),
            doc_da="Længdegrad (WGS84)",
            doc_en="Longitude (WGS84)",
            example=12.5433,
        ),
        Column("year", "int", min=2000, max=2100, aliases=("aar", "år"), doc_da="År", doc_en="Year", example=2025),
        Column(
            "population",
            "int",
            min=0,
            max=100000,
            aliases=("beboere", "indbyggere", "antal_beboere"),
            doc_da="Antal beboere",
            doc_en="Residents",
            example=2400,
        ),
        Column(
            "pct_outside_labour_market",
            "float",
            min=0,
            max=100,
            nullable=True,
            aliases=("uden_for_arbejdsmarkedet_pct", "pct_uden_for_arbejdsmarked"),
            doc_da="% 18-64-årige uden for arbejdsmarked/uddannelse",
            doc_en="% aged 18-64 outside labour market or education",
            example=41.2,
        ),
        Column(
            "convicted_ratio_national",
            "float",
            min=0,
            max=50,
            nullable=True,
            required=False,
            aliases=("domfaeldte_gange_landsgns", "dømte_gange_landsgennemsnit"),
            doc_da="Andel dømte som multiplum af landsgennemsnittet",
            doc_en="Convicted share as a multiple of the national average",
            example=2.1,
        ),
        Column(
            "pct_convicted",
            "float",
            min=0,
            max=100,
            nullable=True,
            required=False,
            aliases=("pct_domfaeldte", "pct_dømte"),
            doc_da="% dømte (ældre regelsæt)",
            doc_en="% convicted (older rule sets)",
            example=1.9,
        ),
        Column(
            "pct_basic_education_only",
            "float",
            min=0,
            max=100,
            nullable=True,
            aliases=("kun_grundskole_pct", "pct_grundskole"),
            doc_da="% 30-59-årige med kun grundskole",
            doc_en="% aged 30-59 with basic education only",
            example=55.0,
        ),
        Column(
            "income_pct_of_region",
            "float",
            min=0,
            max=400,
            nullable=True,
            aliases=("indkomst_pct_af_region", "indkomst_pct"),
            doc_da="Gns. bruttoindkomst i % af regionens",
            doc_en="Mean gross income as % of the regional mean",
            example=54.0,
        ),
        Column(
            "pct_nonwestern",
            "float",
            min=0,
            max=100,
            nullable=True,
            aliases=("ikke_vestlige_pct", "pct_ikke_vestlige"),
            doc_da="% indvandrere/efterkommere fra ikke-vestlige lande",
            doc_en="% non-western immigrants and descendants",
            example=62.0,
        ),
        Column(
            "official_status",
            "str",
            required=False,
            nullable=True,
            aliases=("officiel_status", "status"),
            doc_da="Offentliggjort status (valgfri)",
            doc_en="Published status (optional)",
            example="",
        ),
    ),
    key=("area_id", "year"),
)

ACTORS = Table(
    "actors",
    (
        Column(
            "actor_id",
            "str",
            unique=True,
            aliases=("aktoer_id", "aktør_id"),
            doc_da="Aktørens id",
            doc_en="Actor id",
            example="ACT00001",
        ),
        Column("name", "str", aliases=("navn",), doc_da="Navn", doc_en="Name", example="Lektiecafé"),
        Column(
            "sector",
            "str",
            allowed=SECTORS,
            value_aliases=SECTOR_ALIASES,
            aliases=("sektor",),
            doc_da="Sektor: " + ", ".join(SECTORS),
            doc_en="Sector: " + ", ".join(SECTORS),
            example="volunteer",
        ),
        Column(
            "area_id", "str", aliases=("omraade_id", "område_id"), doc_da="Områdets id", doc_en="Area id", example="A01"
        ),
        Column(
            "centre_id",
            "str",
            required=False,
            nullable=True,
            aliases=("center_id",),
            doc_da="Centrets id (hvis knyttet til et center)",
            doc_en="Centre id (if linked to a centre)",
            example="MC001",
        ),
        _bool(
            "in_centre",
            "Under centrets tag (1/0)",
            "Under the centre's roof (1/0)",
            required=False,
            nullable=True,
            aliases=("i_centret",),
        ),
    ),
    key=("actor_id",),
    references=(Reference("area_id", "areas", "area_id"), Reference("centre_id", "centres", "centre_id")),
)

TIES = Table(
    "ties",
    (
        Column(
            "source_actor_id",
            "str",
            aliases=("fra_aktoer", "fra"),
            doc_da="Fra aktør",
            doc_en="From actor",
            example="ACT00001",
        ),
        Column(
            "target_actor_id",
            "str",
            aliases=("til_aktoer", "til"),
            doc_da="Til aktør",
            doc_en="To actor",
            example="ACT00002",
        ),
        Column(
            "tie_type",
            "str",
            allowed=TIE_TYPES,
            value_aliases=TIE_TYPE_ALIASES,
            aliases=("relation", "type"),
            doc_da="Relation: " + ", ".join(TIE_TYPES),
            doc_en="Tie type: " + ", ".join(TIE_TYPES),
            example="collaboration",
        ),
        Column(
            "strength", "int", min=1, max=3, aliases=("styrke",), doc_da="Styrke 1-3", doc_en="Strength 1-3", example=2
        ),
        Column("year", "int", min=2000, max=2100, aliases=("aar", "år"), doc_da="År", doc_en="Year", example=2025),
    ),
    key=("source_actor_id", "target_actor_id", "tie_type", "year"),
    references=(
        Reference("source_actor_id", "actors", "actor_id"),
        Reference("target_actor_id", "actors", "actor_id"),
    ),
)

TABLES: dict[str, Table] = {tbl.name: tbl for tbl in (CENTRES, SURVEY_RESPONSES, CODEBOOK, AREAS, ACTORS, TIES)}
TABLE_NAMES = tuple(TABLES)

_TRUE = {"1", "true", "ja", "yes", "x", "sand", "j", "y"}
_FALSE = {"0", "false", "nej", "no", "falsk", "n", ""}


def factorize_values(values: pd.Series | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(codes, uniques)`` of a column, the uniques as a NumPy object array, a missing value coded -1.

    Arrow-backed text is encoded by Arrow itself: making 200,000 Python strings out of it first
    cost more than the factorizing.

    Examples
    --------
    >>> codes, uniques = factorize_values(pd.Series(["b", "a", "b", None], dtype="str"))
    >>> codes.tolist(), uniques.tolist()
    ([0, 1, 0, -1], ['b', 'a'])
    """
    if isinstance(values, pd.Series) and isinstance(values.dtype, pd.StringDtype) and values.dtype.storage == "pyarrow":
        codes, uniques = pd.factorize(values)
        return codes, np.asarray(uniques, dtype=object)
    array = values.to_numpy(dtype=object) if isinstance(values, pd.Series) else np.asarray(values, dtype=object)
    return pd.factorize(array)


def _blank(series: pd.Series) -> pd.Series:
    return series.isna() | (series.astype("string").str.strip() == "")


def _coerce(col: Column, raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Coerce ``raw`` to the column type; return (values, mask of values that could not be read).

    A column of text with repeated values (answers, roles, centre ids) is coerced once per
    distinct value and spread back: the rule is per cell, so the result is the same.
    """
    if len(raw) > 64 and (raw.dtype == object or isinstance(raw.dtype, pd.StringDtype)):
        codes, uniques = factorize_values(raw)
        if len(uniques) * 4 < len(raw) and not (codes < 0).any() and all(v.__class__ is str for v in uniques):
            values, bad = _coerce_cells(col, pd.Series(uniques, dtype=raw.dtype))
            return (
                pd.Series(values.array.take(codes), index=raw.index, name=raw.name, dtype=values.dtype),
                pd.Series(bad.array.take(codes), index=raw.index, dtype=bad.dtype),
            )
    return _coerce_cells(col, raw)


def _coerce_cells(col: Column, raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    blank = _blank(raw)
    text = raw.astype("string").str.strip()
    if col.dtype in ("str", "codes"):
        values = text.where(~blank, None)
        if col.allowed is not None:
            # categories: accept any casing and the Danish labels, store the canonical code
            lookup = {a.lower(): a for a in col.allowed}
            lookup.update({k.lower(): v for k, v in col.value_aliases.items()})
            lowered = values.str.lower()
            values = lowered.map(lambda v: lookup.get(v, v) if isinstance(v, str) else None)
        if col.dtype == "codes":
            # "a ; b;;c;" -> "a;b;c", on whole columns (a per-row join took half the validation time)
            values = (
                values.astype("string")
                .fillna("")
                .str.replace(r"\s*;[\s;]*", ";", regex=True)
                .str.strip()
                .str.strip(";")
            )
        values = values.astype(object)
        return values.where(values.notna(), None), pd.Series(False, index=raw.index)
    if col.dtype == "bool":
        lowered = text.str.lower().fillna("")
        bad = ~lowered.isin(_TRUE | _FALSE) & ~blank
        values = lowered.isin(_TRUE)
        return values.astype("boolean").where(~blank), bad
    # numbers: accept Danish decimal comma when the reader left strings behind
    if raw.dtype == object or isinstance(raw.dtype, pd.StringDtype):
        text = text.str.replace("\u00a0", "", regex=False).str.replace(" ", "", regex=False)
        has_comma = text.str.contains(",", regex=False, na=False)
        text = text.where(~has_comma, text.str.replace(".", "", regex=False).str.replace(",", ".", regex=False))
        numbers = pd.to_numeric(text, errors="coerce")
    else:
        numbers = pd.to_numeric(raw, errors="coerce")
    bad = numbers.isna() & ~blank
    if col.dtype == "int":
        frac = numbers.notna() & (numbers % 1 != 0)
        bad = bad | frac
        numbers = numbers.where(~frac)
        return numbers.round().astype("Int64"), bad
    return numbers.astype("Float64").astype(float), bad


def validate(
    table: str | Table,
    frame: pd.DataFrame,
    *,
    others: dict[str, pd.DataFrame] | None = None,
    row_numbers: pd.Series | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Check a frame against its table declaration and collect every problem.

    Parameters
    ----------
    table : str or Table
        Which table the frame is.
    frame : DataFrame
        Columns already renamed to canonical names (see ``lib.data.ingest``).
    others : dict, optional
        Current versions of the other tables, for reference checks. A reference
        to a table not given is not checked.
    row_numbers : Series, optional
        Row number of each frame row as the user sees it in the file. Default:
        index position + 2 (header is row 1).

    Returns
    -------
    (clean, problems) : tuple of DataFrame
        ``clean`` holds the canonical columns with coerced types; ``problems``
        has the columns of ``PROBLEM_COLUMNS`` and is empty when all is well.

    Examples
    --------
    >>> clean, problems = validate("codebook", pd.DataFrame({"code": ["a"], "kind": ["fordel"],
    ...     "label_da": ["x"], "label_en": ["y"]}))
    >>> problems.empty, clean.loc[0, "kind"]
    (True, 'advantage')
    """
    spec = TABLES[table] if isinstance(table, str) else table
    frame = frame.reset_index(drop=True)
    rows = (
        pd.Series(np.arange(len(frame)) + 2, index=frame.index)
        if row_numbers is None
        else pd.Series(np.asarray(row_numbers), index=frame.index)
    )
    problems: list[dict] = []
    missing = [c.name for c in spec.columns if c.required and c.name not in frame.columns]
    for name in missing:
        problems.append(problem(spec.name, 1, name, None, "schema.missing_column"))
    unknown = [c for c in frame.columns if c not in spec.names]
    clean = pd.DataFrame(index=frame.index)
    for col in spec.columns:
        if col.name not in frame.columns:
            clean[col.name] = pd.Series([None] * len(frame), index=frame.index, dtype=object)
            if col.dtype == "bool":
                clean[col.name] = clean[col.name].astype("boolean")
            elif col.dtype in ("int",):
                clean[col.name] = clean[col.name].astype("Int64")
            elif col.dtype == "float":
                clean[col.name] = clean[col.name].astype(float)
            elif col.dtype == "codes":
                clean[col.name] = ""
            continue
        values, bad = _coerce(col, frame[col.name])
        raw = frame[col.name]
        for i in np.flatnonzero(bad.to_numpy()):
            key = "schema.not_number" if col.dtype in ("int", "float") else "schema.not_bool"
            if col.dtype == "int":
                key = "schema.not_integer"
            problems.append(problem(spec.name, rows.iloc[i], col.name, raw.iloc[i], key))
        is_blank = _blank(raw) if col.dtype != "codes" else pd.Series(False, index=raw.index)
        if not col.nullable:
            for i in np.flatnonzero((is_blank & ~bad).to_numpy()):
                problems.append(problem(spec.name, rows.iloc[i], col.name, None, "schema.required_value"))
        if col.min is not None or col.max is not None:
            num = pd.to_numeric(values, errors="coerce")
            out = pd.Series(False, index=raw.index)
            if col.min is not None:
                out |= num < col.min
            if col.max is not None:
                out |= num > col.max
            for i in np.flatnonzero(out.fillna(False).to_numpy()):
                problems.append(
                    problem(
                        spec.name,
                        rows.iloc[i],
                        col.name,
                        raw.iloc[i],
                        "schema.out_of_range",
                        min=_fmt(col.min),
                        max=_fmt(col.max),
                    )
                )
        if col.allowed is not None:
            notin = values.notna() & ~values.isin(col.allowed)
            for i in np.flatnonzero(notin.to_numpy()):
                problems.append(
                    problem(
                        spec.name,
                        rows.iloc[i],
                        col.name,
                        raw.iloc[i],
                        "schema.not_allowed",
                        allowed=", ".join(col.allowed),
                    )
                )
        if col.dtype == "str":
            too_long = values.notna() & (values.astype("string").str.len() > 2000)
            for i in np.flatnonzero(too_long.fillna(False).to_numpy()):
                problems.append(problem(spec.name, rows.iloc[i], col.name, raw.iloc[i], "schema.too_long"))
        clean[col.name] = values
    key_cols = [k for k in spec.key if k in frame.columns]
    if len(key_cols) == len(spec.key) and len(frame):
        dup = clean.duplicated(subset=list(spec.key), keep="first")
        for i in np.flatnonzero(dup.to_numpy()):
            shown = " / ".join(str(clean.iloc[i][k]) for k in spec.key)
            problems.append(problem(spec.name, rows.iloc[i], ",".join(spec.key), shown, "schema.duplicate_key"))
    for ref in spec.references:
        if ref.column not in frame.columns:
            continue
        target = None
        if ref.table == spec.name:
            target = clean[ref.target]
        elif others is not None and ref.table in others and others[ref.table] is not None:
            target = others[ref.table][ref.target]
        if target is None:
            continue
        present = clean[ref.column].notna()
        missing_ref = present & ~clean[ref.column].isin(set(target.dropna().astype(str)))
        for i in np.flatnonzero(missing_ref.to_numpy()):
            problems.append(
                problem(
                    spec.name,
                    rows.iloc[i],
                    ref.column,
                    clean.iloc[i][ref.column],
                    "schema.unknown_reference",
                    table=ref.table,
                )
            )
    if spec.name == "survey_responses" and others and others.get("codebook") is not None:
        problems.extend(_check_codes(clean, others["codebook"], rows))
    clean = clean[spec.names]
    result = pd.DataFrame(problems, columns=PROBLEM_COLUMNS)
    if unknown:
        result.attrs["ignored_columns"] = unknown
    if not result.empty:
        result = result.sort_values(["row", "column"], kind="stable").reset_index(drop=True)
    return clean.reset_index(drop=True), result


def _check_codes(clean: pd.DataFrame, codebook: pd.DataFrame, rows: pd.Series) -> list[dict]:
    problems = []
    for column, kind in (("advantages", "advantage"), ("drawbacks", "drawback")):
        valid = set(codebook.loc[codebook["kind"] == kind, "code"])
        # the same few hundred code lists repeat over 200,000 responses: each distinct list is split once
        values = clean[column].fillna("")
        codes, uniques = factorize_values(values)
        if not (codes < 0).any() and all(v.__class__ is str for v in uniques):
            unknown = [[c for c in u.split(";") if c != "" and c not in valid] for u in uniques.tolist()]
            flagged = np.array([bool(u) for u in unknown], dtype=bool)
            for i in np.flatnonzero(flagged[codes]):
                idx = clean.index[i]
                for code in unknown[codes[i]]:
                    problems.append(
                        problem("survey_responses", rows.loc[idx], column, code, "schema.unknown_code", kind=kind)
                    )
            continue
        exploded = values.str.split(";").explode()
        exploded = exploded[exploded.fillna("") != ""]
        for idx, code in exploded[~exploded.isin(valid)].items():
            problems.append(problem("survey_responses", rows.loc[idx], column, code, "schema.unknown_code", kind=kind))
    return problems


def _fmt(x):
    if x is None:
        return "-"
    return f"{x:g}"


def empty_frame(table: str) -> pd.DataFrame:
    """An empty frame with the table's canonical columns."""
    return pd.DataFrame({c: pd.Series(dtype=object) for c in TABLES[table].names})
