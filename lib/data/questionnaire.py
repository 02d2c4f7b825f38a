"""The survey template: a questionnaire whose question texts are exactly the headers the import recognises.

A survey tool set up from it (SurveyXact, Qualtrics, SurveyCTO) exports columns the
column-mapping step (:mod:`lib.data.mapping`) matches without a choice: the question
texts live in the catalogue (``byod.q.*``) and the mapping reads them from there.
"""

from __future__ import annotations

import io

import pandas as pd

from lib.i18n import t
from lib.schema import RATING_DIMENSIONS, RESPONDENT_ROLES


def question_texts(lang: str) -> dict[str, str]:
    """Atlas column -> the question text of the template (also a recognised header)."""
    out = {
        "centre_id": t("byod.q.centre", lang),
        "_kommune": t("byod.q.municipality", lang),
        "respondent_role": t("byod.q.role", lang),
        "survey_year": t("byod.q.year", lang),
    }
    out.update({f"rating_{d}": t(f"byod.q.rating_{d}", lang) for d in RATING_DIMENSIONS})
    out["comment"] = t("byod.q.comment", lang)
    return out


def questionnaire_frame(codebook: pd.DataFrame, lang: str = "da") -> pd.DataFrame:
    """The questionnaire as a table: column header, answers, atlas column (one row per question or option)."""
    rows = []
    roles = ", ".join(t(f"role.{r}", lang) for r in RESPONDENT_ROLES)
    answers = {
        "centre_id": t("byod.tpl.centres", lang),
        "_kommune": t("byod.tpl.centres", lang),
        "respondent_role": t("byod.tpl.roles", lang, labels=roles),
        "survey_year": "2026",
        "comment": t("byod.tpl.free_text", lang),
    }
    for column, text in question_texts(lang).items():
        rows.append((text, answers.get(column, t("byod.q.scale", lang)), column))
    label = "label_da" if lang == "da" else "label_en"
    for column, kind in (("advantages", "advantage"), ("drawbacks", "drawback")):
        question = t(f"byod.q.{column}", lang)
        for rec in codebook[codebook["kind"] == kind].itertuples(index=False):
            rows.append((f"{question}: {getattr(rec, label)}", "1 / 0", f"{column}:{rec.code}"))
    return pd.DataFrame(
        rows,
        columns=[t("byod.tpl.col_question", lang), t("byod.tpl.col_answers", lang), t("byod.tpl.col_column", lang)],
    )


def questionnaire_xlsx(codebook: pd.DataFrame, lang: str = "da") -> bytes:
    """A survey template workbook: an answer sheet headed by the question texts, and the questions explained.

    Examples
    --------
    >>> from lib.data import store
    >>> questionnaire_xlsx(store.read_sample("codebook"), "da")[:2]
    b'PK'
    """
    from lib.data import export

    questions = questionnaire_frame(codebook, lang)
    headers = questions.iloc[:, 0].tolist()
    answers = pd.DataFrame(columns=headers)
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        answers.to_excel(writer, index=False, sheet_name=t("byod.tpl.sheet_answers", lang))
        export.neutralise_formulas(questions).to_excel(
            writer, index=False, sheet_name=t("byod.tpl.sheet_questions", lang)
        )
        sheet = writer.sheets[t("byod.tpl.sheet_questions", lang)]
        for letter, width in zip("ABC", (70, 60, 30), strict=True):
            sheet.column_dimensions[letter].width = width
    return buf.getvalue()
