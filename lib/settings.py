"""The app's settings, declared as data: name, default, type and help.

Each setting is read from the environment first, then from a secrets mapping
(``.streamlit/secrets.toml``, passed in by the caller so this module stays free
of Streamlit), then falls back to its default. The README documents every
setting listed here (a test checks that).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Setting:
    """One configurable value."""

    name: str
    default: object
    kind: type
    help_en: str
    help_da: str
    secret: bool = False  # never shown, never logged


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "ATLAS_DATABASE_URL",
        "",
        str,
        "SQLAlchemy URL of the database (default: SQLite file .atlas/atlas.db, created and seeded on first start). "
        "Use postgresql+psycopg://user:pass@host/db for a deployment with several app replicas.",
        "SQLAlchemy-URL til databasen (standard: SQLite-filen .atlas/atlas.db, oprettes og fyldes med "
        "eksempeldata ved første start).",
    ),
    Setting(
        "ATLAS_EDITOR_PASSWORD",
        "",
        str,
        "Password that unlocks upload, import and rollback on the Data page. Unset: nobody can edit in the app.",
        "Adgangskode der åbner for upload, import og tilbagerulning på siden Data. Ikke sat: ingen kan redigere.",
        secret=True,
    ),
    Setting(
        "ATLAS_EDITOR_EMAILS",
        "",
        str,
        "With st.login (OIDC) configured: comma-separated e-mail addresses that may edit. Empty: any logged-in user.",
        "Med st.login (OIDC): kommaseparerede e-mailadresser der må redigere. Tom: alle der er logget ind.",
    ),
    Setting(
        "ATLAS_MAX_UPLOAD_MB",
        50,
        int,
        "Largest file accepted for upload, in MB; larger files are refused before they are read. "
        "Streamlit's own server.maxUploadSize (.streamlit/config.toml) must be at least as large.",
        "Største fil der modtages, i MB; større filer afvises før de læses.",
    ),
    Setting(
        "ATLAS_MAX_ROWS",
        1_000_000,
        int,
        "Largest number of data rows in one uploaded file; checked before the file is parsed.",
        "Største antal datarækker i én uploadet fil; tjekkes før filen læses.",
    ),
    Setting(
        "ATLAS_DEFAULT_LANGUAGE",
        "da",
        str,
        "Language a new session starts in: da or en.",
        "Sproget en ny session starter på: da eller en.",
    ),
    Setting(
        "ATLAS_HAARDT_GHETTO_YEARS",
        4,
        int,
        "Hårdt ghettoområde (2018-2020 lists): years in a row, counting the list year, that a ghetto area must "
        'have met the ghetto conditions. 4 reads sbst.dk\'s "the last 4 years" as including the list year; '
        '5 is the "5 consecutive lists" reading of the news reports, which the published lists bear out '
        "(data/reference/official_lists.README.md).",
        "Hårdt ghettoområde (listerne 2018-2020): antal år i træk, listeåret medregnet, hvor et ghettoområde skal "
        'have opfyldt betingelserne. 4 læser sbst.dk\'s "de seneste 4 år" inkl. listeåret; 5 er læsningen '
        '"5 lister i træk" fra nyhedsdækningen.',
    ),
    Setting(
        "ATLAS_OMDANNELSE_YEARS",
        5,
        int,
        "Omdannelsesområde (2021- lists): years in a row, counting the list year, that a parallelsamfund must have "
        'met the parallelsamfund conditions (sbst.dk: "the last 5 years"; 2018-2020 ghetto years count).',
        "Omdannelsesområde (listerne fra 2021): antal år i træk, listeåret medregnet, hvor et parallelsamfund skal "
        'have opfyldt betingelserne (sbst.dk: "de seneste 5 år"; ghettoår 2018-2020 tæller med).',
    ),
)
BY_NAME = {s.name: s for s in SETTINGS}


def get(name: str, *, env: Mapping[str, str] | None = None, secrets: Mapping | None = None):
    """The value of a setting: environment, then secrets, then the default.

    A value that cannot be read as the setting's type falls back to the default,
    so a typo in a deployment never stops the app.

    Examples
    --------
    >>> get("ATLAS_MAX_UPLOAD_MB", env={"ATLAS_MAX_UPLOAD_MB": "10"})
    10
    >>> get("ATLAS_MAX_UPLOAD_MB", env={})
    50
    """
    setting = BY_NAME[name]
    env = os.environ if env is None else env
    raw = env.get(name)
    if (raw is None or str(raw).strip() == "") and secrets is not None:
        try:
            raw = secrets.get(name)
        except Exception:  # noqa: BLE001 - a broken secrets file must not break the app
            raw = None
    if raw is None or str(raw).strip() == "":
        return setting.default
    if setting.kind is int:
        try:
            value = int(str(raw).strip())
        except ValueError:
            return setting.default
        return value if value > 0 else setting.default
    return str(raw).strip()


def max_upload_bytes(**kw) -> int:
    """``ATLAS_MAX_UPLOAD_MB`` in bytes."""
    return int(get("ATLAS_MAX_UPLOAD_MB", **kw)) * 1024 * 1024


def max_rows(**kw) -> int:
    """``ATLAS_MAX_ROWS``."""
    return int(get("ATLAS_MAX_ROWS", **kw))
