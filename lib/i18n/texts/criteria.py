"""Texts of the criteria engine (lib/analysis/criteria.py): rule-table wording, notes and errors.

The criterion labels themselves live in the rule table (lib.analysis.criteria.RULES) so the rules read as one table.
Status and indicator labels are the shared ones of lib/i18n/texts/common.py (``status.*``, ``indicator.*``), exposed
here under ``criteria.*`` too, so the engine's texts are complete in one module without a second wording.
"""

from lib.i18n.texts.common import TEXTS as _COMMON
from lib.schema import INDICATORS, STATUS_ORDER

TEXTS = {
    # Criteria groups as shown in the rules table.
    "criteria.group.listed": {"da": "Ghettoområde (3 af 5)", "en": "Ghetto area (3 of 5)"},
    "criteria.group.udsat": {"da": "Udsat (2 af 4)", "en": "Vulnerable (2 of 4)"},
    "criteria.group.ethnic": {"da": "Tillægskriterium", "en": "Additional criterion"},
    "criteria.group.prevention_gate": {"da": "Forebyggelse: forudsætning", "en": "Prevention: precondition"},
    "criteria.group.prevention": {"da": "Forebyggelse (2 af 4)", "en": "Prevention (2 of 4)"},
    # How a listing combines groups.
    "criteria.requires.listed": {"da": "mindst {k} af de 5 kriterier", "en": "at least {k} of the 5 criteria"},
    "criteria.requires.udsat": {
        "da": "mindst {k} af de 4 udsat-kriterier",
        "en": "at least {k} of the 4 vulnerable-area criteria",
    },
    "criteria.requires.ethnic": {"da": "over 50 % ikke-vestlige", "en": "over 50 % non-western"},
    "criteria.requires.prevention_gate": {"da": "over 30 % ikke-vestlige", "en": "over 30 % non-western"},
    "criteria.requires.prevention": {
        "da": "mindst {k} af de 4 sænkede kriterier",
        "en": "at least {k} of the 4 lowered criteria",
    },
    "criteria.requires.streak": {
        "da": "betingelserne opfyldt hvert af de seneste {n} år (inkl. i år)",
        "en": "conditions met in each of the last {n} years (incl. this year)",
    },
    "criteria.requires.population": {"da": "mindst {n:num} beboere", "en": "at least {n:num} residents"},
    # Operators, as the law words them.
    "criteria.opnote.>": {"da": "overstiger (strengt over)", "en": "exceeds (strictly above)"},
    "criteria.opnote.>=": {"da": "mindst (lig med tæller med)", "en": "at least (equal counts)"},
    "criteria.opnote.<": {"da": "mindre end (strengt under)", "en": "less than (strictly below)"},
    "criteria.note.avg2": {"da": "gennemsnit over 2 år", "en": "2-year average"},
    "criteria.note.excl_students": {"da": "ekskl. uddannelsessøgende", "en": "excluding students"},
    "criteria.note.verify": {
        "da": "tærskel tjekket mod almenboligloven § 61 b (LBK nr. 1171 af 11/11/2024); genbekræft ved lovændringer",
        "en": "threshold checked against almenboligloven § 61 b (LBK no. 1171 of 11/11/2024); "
        "re-check when the law changes",
    },
    # Rules-table columns.
    "criteria.col.rule_set": {"da": "Regelsæt", "en": "Rule set"},
    "criteria.col.list": {"da": "Liste / gruppe", "en": "List / group"},
    "criteria.col.criterion": {"da": "Kriterium", "en": "Criterion"},
    "criteria.col.indicator": {"da": "Indikator (kolonne)", "en": "Indicator (column)"},
    "criteria.col.rule": {"da": "Regel", "en": "Rule"},
    "criteria.col.note": {"da": "Bemærkning", "en": "Note"},
    # History notes (lib.analysis.criteria.classify: history_note).
    "criteria.history.history_too_short": {
        "da": "For kort historik til at afgøre en flerårig status",
        "en": "History too short to decide a multi-year status",
    },
    "criteria.history.streak_broken_by_missing_year": {
        "da": "Et manglende år bryder rækken af år på listen",
        "en": "A missing year breaks the run of listed years",
    },
    # Errors (lib.errors.AtlasError keys).
    "criteria.missing_columns": {
        "da": "Områdetabellen mangler kolonnerne: {columns}",
        "en": "The areas table lacks the columns: {columns}",
    },
    "criteria.duplicate_area_year": {
        "da": "{n:num} {n:række|rækker} har samme område og år (fx {area_id} i {year}); hvert område må kun optræde én gang pr. år",
        "en": "{n:num} {n:row shares|rows share} area and year (e.g. {area_id} in {year}); each area may occur once per year",
    },
    "criteria.unknown_indicator": {
        "da": "Ukendt indikator: {indicators}",
        "en": "Unknown indicator: {indicators}",
    },
}

# Same wording as the shared labels, so a status reads the same on every page.
TEXTS.update({f"criteria.status.{code}": dict(_COMMON[f"status.{code}"]) for code in STATUS_ORDER})
TEXTS.update({f"criteria.indicator.{ind}": dict(_COMMON[f"indicator.{ind}"]) for ind in INDICATORS})

__all__ = ["TEXTS"]
