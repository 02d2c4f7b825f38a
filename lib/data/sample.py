"""Deterministic generator of the bundled illustrative dataset.

Real facts (area names, municipalities, kommunekoder, regions, the places of
the 16 library-based centres of 2008-2012, the four types, and which area was
on which published list in which year) come from ``data/reference/`` (sources
in data/README.md). Everything else -- centre names and attributes, indicator
values, populations, survey answers, comments, actors and ties -- is generated
here and is illustrative only.

The indicator values are generated *to agree with the published lists*: in
every year the reference file covers, an area on the ghetto / parallelsamfund
list gets values that meet that list's criteria under the year's rule set, and
an area off the list values that do not. Years without a published list in the
file are filled in so that the multi-year statuses (hårdt ghettoområde,
omdannelsesområde) of the listed years come out as published; see
:func:`main_list_targets`.

``generate(scale=k)`` repeats the real places k times (copies get new ids and
coordinates shifted a few km inland-safe, see ``_copy_offset``) so benchmarks
can run on x10 and x100 data with the same distributions.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from lib import settings
from lib.analysis.criteria import HAARDT_GHETTO_READINGS, rule_set_for_year
from lib.data import official_lists
from lib.schema import RATING_DIMENSIONS

REFERENCE_DIR = Path(__file__).resolve().parents[2] / "data" / "reference"
#: Years of the areas table: from 2010, the first ghetto list, to the latest list year.
YEARS = tuple(range(2010, 2026))
#: The areas table once covered 2018-2025 and drew its noise from the generator that all tables share (7 draws
#: per year); the tables made after it keep their bytes because those draws are still made, and discarded.
_LEGACY_AREA_DRAWS = 8 * 7
#: The areas table draws from its own stream, so that its history can change without moving the other tables.
_AREAS_STREAM = 17
WAVES = (2021, 2023, 2025)
DEFAULT_SEED = 2026

# Share of centres per type (illustrative).
TYPE_WEIGHTS = {"library": 0.30, "health": 0.20, "association": 0.25, "housing_area": 0.25}

CODEBOOK = [
    # code, kind, label_da, label_en, description (project's own wording; illustrative codebook)
    (
        "adv_broad_reach",
        "advantage",
        "Når bredt ud til mange beboergrupper",
        "Reaches many resident groups",
        "Centret bruges af beboere på tværs af alder og baggrund.",
    ),
    (
        "adv_one_door",
        "advantage",
        "Én indgang til mange tilbud",
        "One door to many services",
        "Borgeren kan få hjælp til flere ting samme sted.",
    ),
    (
        "adv_new_residents",
        "advantage",
        "Trækker folk udefra ind i området",
        "Draws people from outside into the area",
        "Faciliteterne bruges også af byens øvrige borgere.",
    ),
    (
        "adv_volunteers",
        "advantage",
        "Let at engagere frivillige",
        "Easy to engage volunteers",
        "Foreninger og frivillige finder naturligt vej til huset.",
    ),
    (
        "adv_cross_sector",
        "advantage",
        "Fremmer samarbejde på tværs af sektorer",
        "Fosters cross-sector collaboration",
        "Boligsociale, kommunale og frivillige aktører arbejder sammen i hverdagen.",
    ),
    (
        "adv_stable_frame",
        "advantage",
        "Stabil, fast fysisk ramme",
        "Stable, permanent physical frame",
        "Huset består, selvom projekter kommer og går.",
    ),
    (
        "adv_facilities",
        "advantage",
        "Attraktive faciliteter",
        "Attractive facilities",
        "Lokaler og udstyr, som beboerne ellers ikke har adgang til.",
    ),
    (
        "adv_local_trust",
        "advantage",
        "Lokal tillid og kendskab",
        "Local trust and familiarity",
        "Medarbejderne kender beboerne, og beboerne kender huset.",
    ),
    (
        "drw_short_hours",
        "drawback",
        "For korte åbningstider",
        "Opening hours too short",
        "Huset er lukket, når mange beboere har tid.",
    ),
    (
        "drw_unclear_roles",
        "drawback",
        "Uklar rollefordeling",
        "Unclear division of roles",
        "Det er uklart, hvem der har ansvaret for hvad.",
    ),
    (
        "drw_funding",
        "drawback",
        "Usikker finansiering",
        "Uncertain funding",
        "Driften afhænger af tidsbegrænsede puljer.",
    ),
    (
        "drw_low_visibility",
        "drawback",
        "Lav synlighed i området",
        "Low visibility in the area",
        "Mange beboere kender ikke tilbuddene.",
    ),
    (
        "drw_few_groups",
        "drawback",
        "Bruges mest af få grupper",
        "Used mostly by a few groups",
        "Enkelte grupper dominerer brugen af huset.",
    ),
    ("drw_space", "drawback", "For lidt plads", "Too little space", "Lokalerne slår ikke til."),
    (
        "drw_coordination",
        "drawback",
        "Tung koordinering mellem mange aktører",
        "Heavy coordination between many actors",
        "Mange parter gør beslutninger langsomme.",
    ),
    (
        "drw_city_link",
        "drawback",
        "Svag kobling til resten af byen",
        "Weak link to the rest of the city",
        "Centret vender indad mod boligområdet.",
    ),
]

# Probability that a response cites a code, per type (illustrative, shaped by the
# points made in the published studies: see data/README.md).
CODE_PROBABILITIES = {
    "library": dict(
        adv_broad_reach=0.55,
        adv_one_door=0.35,
        adv_new_residents=0.30,
        adv_volunteers=0.30,
        adv_cross_sector=0.35,
        adv_stable_frame=0.40,
        adv_facilities=0.25,
        adv_local_trust=0.30,
        drw_short_hours=0.20,
        drw_unclear_roles=0.15,
        drw_funding=0.15,
        drw_low_visibility=0.15,
        drw_few_groups=0.10,
        drw_space=0.25,
        drw_coordination=0.15,
        drw_city_link=0.10,
    ),
    "health": dict(
        adv_broad_reach=0.30,
        adv_one_door=0.50,
        adv_new_residents=0.50,
        adv_volunteers=0.15,
        adv_cross_sector=0.40,
        adv_stable_frame=0.35,
        adv_facilities=0.55,
        adv_local_trust=0.20,
        drw_short_hours=0.10,
        drw_unclear_roles=0.20,
        drw_funding=0.10,
        drw_low_visibility=0.10,
        drw_few_groups=0.15,
        drw_space=0.08,
        drw_coordination=0.35,
        drw_city_link=0.08,
    ),
    "association": dict(
        adv_broad_reach=0.45,
        adv_one_door=0.20,
        adv_new_residents=0.15,
        adv_volunteers=0.60,
        adv_cross_sector=0.30,
        adv_stable_frame=0.20,
        adv_facilities=0.15,
        adv_local_trust=0.45,
        drw_short_hours=0.30,
        drw_unclear_roles=0.30,
        drw_funding=0.40,
        drw_low_visibility=0.25,
        drw_few_groups=0.25,
        drw_space=0.30,
        drw_coordination=0.20,
        drw_city_link=0.25,
    ),
    "housing_area": dict(
        adv_broad_reach=0.30,
        adv_one_door=0.25,
        adv_new_residents=0.08,
        adv_volunteers=0.35,
        adv_cross_sector=0.25,
        adv_stable_frame=0.15,
        adv_facilities=0.10,
        adv_local_trust=0.65,
        drw_short_hours=0.35,
        drw_unclear_roles=0.20,
        drw_funding=0.45,
        drw_low_visibility=0.20,
        drw_few_groups=0.30,
        drw_space=0.40,
        drw_coordination=0.10,
        drw_city_link=0.40,
    ),
}

# Mean rating (1-5) per type and dimension (illustrative).
RATING_MEANS = {
    "library": dict(
        collaboration=3.8,
        resident_reach=3.9,
        visibility=3.7,
        accessibility=4.1,
        coordination=3.5,
        funding_stability=3.6,
    ),
    "health": dict(
        collaboration=3.9,
        resident_reach=3.3,
        visibility=4.0,
        accessibility=3.7,
        coordination=3.2,
        funding_stability=3.9,
    ),
    "association": dict(
        collaboration=3.6,
        resident_reach=3.8,
        visibility=3.2,
        accessibility=3.6,
        coordination=3.4,
        funding_stability=2.7,
    ),
    "housing_area": dict(
        collaboration=3.4,
        resident_reach=4.0,
        visibility=3.3,
        accessibility=3.5,
        coordination=3.7,
        funding_stability=2.6,
    ),
}

COMMENTS_DA = {
    "adv_broad_reach": ["Her mødes unge, ældre og børnefamilier.", "Vi ser nye ansigter hver uge."],
    "adv_one_door": ["Det er nemt at henvise videre, når alle sidder i samme hus.", "Borgerne får hjælp ét sted."],
    "adv_new_residents": ["Folk fra resten af byen kommer for at bruge faciliteterne.", "Huset åbner området op."],
    "adv_volunteers": ["Frivillige melder sig af sig selv.", "Foreningerne bærer mange aktiviteter."],
    "adv_cross_sector": ["Samarbejdet med kommunen er blevet meget tættere.", "Vi planlægger aktiviteter sammen."],
    "adv_stable_frame": ["Huset er der stadig, når projektpengene slipper op.", "Beboerne ved, hvor de finder os."],
    "adv_facilities": ["Lokalerne er flotte og velholdte.", "Køkkenet og salen bruges hele tiden."],
    "adv_local_trust": ["Beboerne kender os og tør spørge.", "Vi har en stærk lokal forankring."],
    "drw_short_hours": ["Vi er lukket om aftenen, når folk har fri.", "Åbningstiderne passer ikke til de unge."],
    "drw_unclear_roles": ["Det er uklart, hvem der gør hvad.", "Ansvaret for huset er delt mellem for mange."],
    "drw_funding": ["Vi lever fra pulje til pulje.", "Det er svært at planlægge uden fast finansiering."],
    "drw_low_visibility": ["Mange beboere kender ikke huset.", "Vi skal blive bedre til at fortælle om tilbuddene."],
    "drw_few_groups": ["Det er mest de samme, der kommer.", "Nogle grupper føler sig ikke velkomne."],
    "drw_space": ["Vi mangler lokaler til lektiehjælp.", "Der er kø til de gode lokaler."],
    "drw_coordination": ["Møderne mellem alle parter tager lang tid.", "Det er tungt at koordinere mange aktører."],
    "drw_city_link": ["Byens øvrige borgere kommer sjældent herud.", "Vi er meget lukket om boligområdet."],
}

SECTOR_WEIGHTS = {
    "municipal": 0.16,
    "housing_social": 0.10,
    "volunteer": 0.20,
    "association": 0.20,
    "private": 0.08,
    "school": 0.08,
    "health": 0.08,
    "library": 0.04,
    "other": 0.06,
}
SECTOR_NAMES = {
    "municipal": ["Jobcenter", "Sundhedspleje", "SSP", "Socialforvaltning", "Fritidsklub", "Tandpleje"],
    "housing_social": ["Boligsocial helhedsplan", "Beboerrådgiver", "Afdelingsbestyrelse", "Ejendomskontor"],
    "volunteer": ["Lektiecafé", "Mentornetværk", "Besøgsvenner", "Nattevandrere", "Kvindenetværk", "Madklub"],
    "association": ["Fodboldklub", "Kulturforening", "Bokseklub", "Danseforening", "Forældreforening"],
    "private": ["Købmand", "Frisør", "Apotek", "Café"],
    "school": ["Skole", "Ungdomsskole", "Sprogcenter"],
    "health": ["Lægehus", "Sundhedshus", "Tandlæge", "Jordemodercenter"],
    "library": ["Bibliotek", "Bogbus"],
    "other": ["Kirke", "Moské", "Café-projekt"],
}
TYPE_NAME_DA = {
    "library": "Medborgercenter",
    "health": "Sundheds- og Medborgerhus",
    "association": "Foreningshus",
    "housing_area": "Beboerhus",
}


def load_reference() -> pd.DataFrame:
    """The real places (names, municipalities, codes, regions) with approximate coordinates."""
    return pd.read_csv(REFERENCE_DIR / "areas.csv", encoding="utf-8")


def _copy_offset(copy: int) -> tuple[float, float]:
    # Copies of a place are shifted along a small spiral towards land-ward offsets; the
    # offsets stay within ~4 km so scaled data keeps the same geography.
    if copy == 0:
        return 0.0, 0.0
    angle = copy * 2.399963
    radius = 0.004 + 0.0004 * copy
    return radius * np.sin(angle), radius * 1.7 * np.cos(angle)


def generate(seed: int = DEFAULT_SEED, scale: int = 1) -> dict[str, pd.DataFrame]:
    """Generate all six tables.

    Parameters
    ----------
    seed : int
        Same seed, same data (and same bytes once written by ``write``).
    scale : int
        Number of copies of the real places; 1 gives the bundled sample
        (~46 areas x 16 years, ~120 centres, ~3,000 responses, ~1,500 actors, ~4,000 ties).
        Copies follow the list history of their place but carry no published status (they are not real areas).

    Returns
    -------
    dict of DataFrame keyed by table name.
    """
    rng = np.random.default_rng(seed)
    ref = load_reference()
    areas_ref = _area_frame(ref, scale, rng)
    rng.standard_normal((_LEGACY_AREA_DRAWS, len(areas_ref)))  # see _LEGACY_AREA_DRAWS
    areas = _areas(areas_ref, ref, np.random.default_rng([seed, _AREAS_STREAM]))
    centres = _centres(areas_ref, rng)
    codebook = pd.DataFrame(CODEBOOK, columns=["code", "kind", "label_da", "label_en", "description"])
    responses = _responses(centres, rng)
    actors, ties = _network(areas_ref, centres, rng)
    return {
        "centres": centres,
        "survey_responses": responses,
        "codebook": codebook,
        "areas": areas,
        "actors": actors,
        "ties": ties,
    }


def _area_frame(ref: pd.DataFrame, scale: int, rng) -> pd.DataFrame:
    rows = []
    n = 0
    for copy in range(scale):
        dlat, dlon = _copy_offset(copy)
        for rec in ref.itertuples(index=False):
            n += 1
            rows.append(
                {
                    "area_id": f"A{n:02d}" if scale == 1 else f"A{n:05d}",
                    "name": rec.name if copy == 0 else f"{rec.name} ({copy + 1})",
                    "municipality_code": rec.municipality_code,
                    "municipality": rec.municipality,
                    "region": rec.region,
                    "latitude": round(rec.latitude + dlat, 5),
                    "longitude": round(rec.longitude + dlon, 5),
                }
            )
    frame = pd.DataFrame(rows)
    # Latent disadvantage spread evenly so the criteria classify a realistic mix.
    frame["severity"] = rng.permutation(np.linspace(0.12, 0.97, len(frame)))
    frame["nonwestern_bias"] = rng.normal(0, 0.12, len(frame))
    frame["trend"] = rng.normal(-0.018, 0.012, len(frame))
    frame["population"] = rng.integers(1300, 6500, len(frame))
    frame["place"] = np.tile(np.arange(len(ref)), scale)
    return frame


#: Areas known to have left every list in 2024 (official_lists.README.md, "Not found": the 2024 lists are
#: incomplete, so they are not in the file, but these two leavers are named). The generated 2024-2025 years
#: take them off the lists instead of carrying 2023 forward.
LEFT_IN_2024 = (("Vejleåparken", "Ishøj"), ("Motalavej", "Slagelse"))
#: Places with fewer than 1,000 residents, from the given year (illustrative counts). Mjølnerparken fell under
#: 1,000 residents in 2023 and so left the lists (official_lists.README.md); Ladegårdsparken, on no list in the
#: file, shows the rule in every year.
SMALL_FROM = {("Mjølnerparken", "København"): 2023, ("Ladegårdsparken", "Holbæk"): YEARS[0]}

#: Streak lengths the generated history must satisfy: the reading the published lists bear out for hårdt
#: ghettoområde (5 lists in a row) and the setting's default for omdannelsesområde.
_STREAK_NEED = {
    "haardt_ghetto": HAARDT_GHETTO_READINGS["lists"],
    "omdannelse": int(settings.BY_NAME["ATLAS_OMDANNELSE_YEARS"].default),
}
_STREAK_OF_MAIN = {"ghetto": "haardt_ghetto", "parallelsamfund": "omdannelse"}

_DIMS = ("L", "C", "E", "I")  # labour market, convictions, education, income: the four udsat criteria
#: Value ranges per band: "hi" meets the udsat criterion, "mid" only the lowered forebyggelse one, "lo" neither.
#: Every range keeps >= 0.5 from a threshold, so rounding never moves a value across it.
_BANDS = {
    "L": {"hi": (40.6, 52.0), "mid": (30.6, 39.4), "lo": (16.0, 29.4)},
    "C": {"hi": (3.06, 4.8), "mid": (2.06, 2.9), "lo": (0.5, 1.9)},  # multiple of the national average
    "E": {"hi": (60.6, 74.0), "mid": (50.6, 59.4), "lo": (32.0, 49.4)},
    "E2013": {"hi": (50.6, 68.0), "mid": (40.0, 49.4), "lo": (30.0, 39.4)},  # the 2013 threshold is 50, not 60
    "I": {"hi": (42.0, 54.4), "mid": (55.6, 64.4), "lo": (65.6, 84.0)},  # percent of the regional mean (low = met)
    "N": {"hi": (50.6, 86.0), "mid": (30.6, 49.4), "lo": (6.0, 29.4)},
}
#: Share of residents convicted = multiple of the national average x this illustrative national share (%), so
#: the 2013 threshold 2.7 % lines up with the later 3 x national average.
_NATIONAL_CONVICTED_PCT = 0.9


def _published(places: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The published status and main-list membership of each real place (``area_id`` = place index)."""
    lists = official_lists.load()
    return official_lists.published_status(lists, places), official_lists.on_main_list(lists, places)


def main_list_targets(places: pd.DataFrame) -> tuple[dict[tuple[int, int], bool], pd.DataFrame]:
    """Whether each place meets the main list condition in each year, and the published statuses.

    In the years the reference file covers, the target is the published main list (ghetto up to 2020,
    parallelsamfund from 2021). The other years are generated: a year before or between covered years is on
    the list when both neighbouring covered years are (2010-2011 follow 2012); 2024-2025 follow 2023 except
    :data:`LEFT_IN_2024`. Then the published streak statuses are made to come out: a published hårdt
    ghettoområde / omdannelsesområde puts the years of its streak on the list, and a published ghetto area /
    parallelsamfund that is *not* a streak status gets one generated year off the list inside its streak window.

    Parameters
    ----------
    places : pandas.DataFrame
        ``name``, ``municipality``, one row per real place (``data/reference/areas.csv``).

    Returns
    -------
    (main, published)
        ``main[(place, year)]`` for every place and year of :data:`YEARS`; ``published`` from
        :func:`lib.data.official_lists.published_status` with integer ``place``.

    Raises
    ------
    ValueError
        When the published lists cannot be reproduced (a streak status whose streak meets a published year off
        the list, or a non-streak status whose whole window is published).
    """
    frame = places.assign(area_id=[str(i) for i in range(len(places))])
    published, on_main = _published(frame)
    published = published.assign(place=published["area_id"].astype(int))
    known = {(int(r.area_id), int(r.year)): bool(r.main) for r in on_main.itertuples(index=False)}
    covered = sorted({y for _, y in known})
    leavers = {(n, m) for n, m in LEFT_IN_2024}
    main: dict[tuple[int, int], bool] = {}
    for p, rec in enumerate(places.itertuples(index=False)):
        for year in YEARS:
            if (p, year) in known:
                main[(p, year)] = known[(p, year)]
                continue
            before = [y for y in covered if y < year]
            after = [y for y in covered if y > year]
            sides = ([before[-1]] if before else []) + ([after[0]] if after else [])
            value = all(known[(p, y)] for y in sides)
            if year >= 2024 and (rec.name, rec.municipality) in leavers:
                value = False
            main[(p, year)] = value

    status = {(int(r.place), int(r.year)): r.official_status for r in published.itertuples(index=False)}
    for _ in range(3):  # a fixed point is reached in one pass for the shipped file; the loop proves it
        changed = False
        for (p, year), code in sorted(status.items()):
            if code in _STREAK_NEED:
                for y in range(year - _STREAK_NEED[code] + 1, year + 1):
                    if (p, y) in known and not known[(p, y)]:
                        raise ValueError(f"place {p}: {code} in {year} needs {y} on the list, published off it")
                    changed |= not main[(p, y)]
                    main[(p, y)] = True
            elif code in _STREAK_OF_MAIN and rule_set_for_year(year) != "2013":
                window = range(year - _STREAK_NEED[_STREAK_OF_MAIN[code]] + 1, year + 1)
                if all(main.get((p, y), False) for y in window):
                    free = [y for y in window if (p, y) not in known]
                    if not free:
                        raise ValueError(
                            f"place {p}: {code} in {year} but published on the list all {len(window)} years"
                        )
                    main[(p, free[-1])] = False
                    changed = True
        if not changed:
            break
    else:
        raise ValueError("the published streak statuses cannot all be reproduced")
    return main, published


def _kind(main: bool, year: int, severity: float) -> str:
    """The status the generated values aim at: "listed" (main list) or an off-list status."""
    if main:
        return "listed"
    rule_set = rule_set_for_year(year)
    if rule_set == "2013":
        return "none"  # the 2013 rules have no lighter list
    if severity > 0.55:
        return "udsat"
    if rule_set == "2021" and severity > 0.35:
        return "forebyggelse"
    return "none"


def _plan(kind: str, year: int, latent: dict) -> dict[str, str]:
    """Band per dimension ("hi", "mid", "lo") that gives ``kind`` under the rules of ``year``."""
    order, s = latent["order"], latent["severity"]
    rule_set = rule_set_for_year(year)
    bands = {d: latent["rest"] for d in _DIMS}
    if kind == "listed":
        bands["N"] = "hi"
        for d in order[: latent["k_listed"]]:
            bands[d] = "hi"
    elif kind == "udsat":
        bands["N"] = "mid"
        for d in order[: 2 + (s > 0.75)]:
            bands[d] = "hi"
    elif kind == "forebyggelse":
        # one udsat criterion met, two more only at the lowered thresholds (education has no lower one)
        bands = {d: "lo" for d in _DIMS}
        bands["N"] = "hi" if latent["n_band"] == "hi" else "mid"
        bands[order[0]] = "hi"
        for d in [d for d in order[1:] if d != "E"][:2]:
            bands[d] = "mid"
    else:  # none
        bands["N"] = latent["n_band"]
        hi_allowed = 2 - (bands["N"] == "hi") if rule_set == "2013" else 1
        if s > 0.45 and hi_allowed:
            bands[order[0]] = "hi"
        if rule_set == "2021" and bands["N"] != "lo":  # past the non-western gate: keep lowered criteria <= 1
            bands.update({d: "lo" for d in order[1:]})
    return bands


def _value(dim: str, band: str, q: float) -> float:
    low, high = _BANDS[dim][band]
    return low + (high - low) * min(max(q, 0.0), 1.0)


def _areas(base: pd.DataFrame, ref: pd.DataFrame, rng) -> pd.DataFrame:
    main, published = main_list_targets(ref)
    official = {(int(r.place), int(r.year)): r.official_status for r in published.itertuples(index=False)}
    names = list(zip(ref["name"], ref["municipality"], strict=True))
    small_from = {names.index(k): y for k, y in SMALL_FROM.items() if k in names}
    n = len(base)
    places = base["place"].to_numpy()
    dims = (*_DIMS, "N")
    latents = []
    for severity, bias in zip(base["severity"].to_numpy(), base["nonwestern_bias"].to_numpy(), strict=True):
        s = float(severity)
        latents.append(
            {
                "order": [_DIMS[i] for i in rng.permutation(len(_DIMS))],
                "severity": s,
                "k_listed": 2 + int(s > 0.5) + int(s > 0.8),
                "rest": "mid" if s > 0.45 else "lo",
                "n_band": "hi" if bias > 0.08 else ("lo" if bias < -0.08 else "mid"),
            }
        )
    position = rng.uniform(0.2, 0.8, (n, len(dims)))  # where in its band each area sits, kept over the years
    population = rng.integers(1300, 6500, n)
    out = []
    for year in YEARS:
        noise = rng.normal(0, 0.06, (n, len(dims)))
        pop_noise = rng.normal(0, 0.02, n)
        education = "E2013" if rule_set_for_year(year) == "2013" else "E"
        low, high = np.empty((n, len(dims))), np.empty((n, len(dims)))
        small = np.zeros(n, dtype=bool)
        for i in range(n):
            place = int(places[i])
            small[i] = year >= small_from.get(place, YEARS[-1] + 1)
            # A place that fell under 1,000 residents keeps the indicators of its list years: only its size changed.
            on_list = main[(place, year)] or (small[i] and main.get((place, small_from[place] - 1), False))
            bands = _plan(_kind(on_list, year, latents[i]["severity"]), year, latents[i])
            for j, dim in enumerate(dims):
                low[i, j], high[i, j] = _BANDS[education if dim == "E" else dim][bands[dim]]
        values = low + (high - low) * np.clip(position + noise, 0.0, 1.0)
        frame = base[["area_id", "name", "municipality_code", "municipality", "region", "latitude", "longitude"]].copy()
        frame["year"] = year
        frame["population"] = np.where(
            small, 940 + 3 * (year - YEARS[0]), np.round(population * (1 + pop_noise))
        ).astype(int)
        ratio = np.round(values[:, 1], 2)
        frame["pct_outside_labour_market"] = np.round(values[:, 0], 1)
        frame["convicted_ratio_national"] = ratio
        frame["pct_convicted"] = np.round(ratio * _NATIONAL_CONVICTED_PCT, 2)
        frame["pct_basic_education_only"] = np.round(values[:, 2], 1)
        frame["income_pct_of_region"] = np.round(values[:, 3], 1)
        frame["pct_nonwestern"] = np.round(values[:, 4], 1)
        # Real areas carry the published status; copies (scale > 1) are not real areas.
        status = [official.get((int(places[i]), year)) if i < len(ref) else None for i in range(n)]
        frame["official_status"] = [None if v is None or pd.isna(v) else str(v) for v in status]
        out.append(frame)
    return pd.concat(out, ignore_index=True)


def _centres(base: pd.DataFrame, rng) -> pd.DataFrame:
    library_places = set(pd.read_csv(REFERENCE_DIR / "library_programme.csv")["place"])
    rows = []
    n = 0
    types = list(TYPE_WEIGHTS)
    weights = np.array(list(TYPE_WEIGHTS.values()))
    names = base["name"].str.split(" (", regex=False).str[0].str.split("/").str[0]
    in_programme = names.map(lambda f: any(f.startswith(p) or p.startswith(f) for p in library_places))
    # About one listed area in eight has no centre at all: what the map's gap analysis looks for.
    candidates = np.flatnonzero(~in_programme.to_numpy())
    without = set(rng.choice(candidates, size=max(1, len(base) // 8), replace=False).tolist())
    for i, rec in enumerate(base.itertuples(index=False)):
        k = 0 if i in without else int(rng.choice([1, 2, 3, 4], p=[0.05, 0.25, 0.42, 0.28]))
        for j in range(k):
            n += 1
            if j == 0 and in_programme.iloc[i]:
                ctype = "library"
            else:
                ctype = str(rng.choice(types, p=weights))
            lat = rec.latitude + rng.uniform(-0.0018, 0.0018)
            lon = rec.longitude + rng.uniform(-0.003, 0.003)
            profile = _centre_profile(ctype, rng)
            rows.append(
                {
                    "centre_id": f"MC{n:03d}" if len(base) < 100 else f"MC{n:06d}",
                    "name": f"{TYPE_NAME_DA[ctype]} {rec.name}" + (f" {j + 1}" if j else ""),
                    "centre_type": ctype,
                    "municipality_code": rec.municipality_code,
                    "municipality": rec.municipality,
                    "region": rec.region,
                    "area_id": rec.area_id,
                    "latitude": round(lat, 5),
                    "longitude": round(lon, 5),
                    **profile,
                }
            )
    return pd.DataFrame(rows)


def _centre_profile(ctype: str, rng) -> dict:
    floor = {"library": (600, 1600), "health": (1500, 4500), "association": (300, 1200), "housing_area": (120, 500)}
    hours = {"library": (45, 65), "health": (40, 55), "association": (25, 50), "housing_area": (15, 35)}
    orgs = {"library": (4, 10), "health": (6, 14), "association": (8, 22), "housing_area": (2, 6)}
    flags = {
        "library": (0.95, 0.30, 0.60, 0.55, 0.70),
        "health": (0.25, 0.95, 0.50, 0.40, 0.80),
        "association": (0.20, 0.15, 0.55, 0.95, 0.35),
        "housing_area": (0.10, 0.15, 0.95, 0.50, 0.30),
    }[ctype]
    host = {
        "library": "Kommunens biblioteker",
        "health": "Kommunens sundhedsforvaltning",
        "association": "Lokale foreninger",
        "housing_area": "Boligorganisationen",
    }[ctype]
    names = (
        "has_library",
        "has_health_services",
        "has_housing_social_plan",
        "has_associations",
        "has_municipal_services",
    )
    return {
        "opened_year": int(rng.integers(1998, 2023)),
        "floor_area_m2": float(round(rng.uniform(*floor[ctype]), -1)),
        "weekly_opening_hours": float(round(rng.uniform(*hours[ctype]))),
        "n_organisations": int(rng.integers(orgs[ctype][0], orgs[ctype][1] + 1)),
        "host_organisation": host,
        **{name: bool(rng.random() < p) for name, p in zip(names, flags, strict=True)},
    }


def _responses(centres: pd.DataFrame, rng) -> pd.DataFrame:
    roles = ["staff", "manager", "partner", "volunteer", "resident"]
    role_p = [0.30, 0.08, 0.22, 0.18, 0.22]
    codes = [c[0] for c in CODEBOOK]
    rows = []
    n = 0
    for wave in WAVES:
        for rec in centres.itertuples(index=False):
            k = int(rng.poisson(8.3))
            ctype = rec.centre_type
            probs = np.array([CODE_PROBABILITIES[ctype][c] for c in codes])
            centre_shift = rng.normal(0, 0.25)
            for _ in range(k):
                n += 1
                cited = [c for c, hit in zip(codes, rng.random(len(codes)) < probs, strict=True) if hit]
                ratings = {}
                for dim in RATING_DIMENSIONS:
                    if dim == "funding_stability" and wave == WAVES[0]:
                        ratings[f"rating_{dim}"] = None  # not asked in the first wave
                        continue
                    if rng.random() < 0.07:
                        ratings[f"rating_{dim}"] = None
                        continue
                    value = RATING_MEANS[ctype][dim] + centre_shift + rng.normal(0, 0.85)
                    ratings[f"rating_{dim}"] = int(np.clip(round(value), 1, 5))
                comment = None
                if cited and rng.random() < 0.3:
                    code = cited[int(rng.integers(len(cited)))]
                    options = COMMENTS_DA[code]
                    comment = options[int(rng.integers(len(options)))]
                rows.append(
                    {
                        "response_id": f"R{n:06d}" if len(centres) < 10000 else f"R{n:08d}",
                        "centre_id": rec.centre_id,
                        "survey_year": wave,
                        "respondent_role": roles[int(rng.choice(len(roles), p=role_p))],
                        **ratings,
                        "advantages": ";".join(c for c in cited if c.startswith("adv_")),
                        "drawbacks": ";".join(c for c in cited if c.startswith("drw_")),
                        "comment": comment,
                    }
                )
    frame = pd.DataFrame(rows)
    for col in [c for c in frame.columns if c.startswith("rating_")]:
        frame[col] = frame[col].astype("Int64")
    return frame


def _network(base: pd.DataFrame, centres: pd.DataFrame, rng) -> tuple[pd.DataFrame, pd.DataFrame]:
    sectors = list(SECTOR_WEIGHTS)
    sector_p = np.array(list(SECTOR_WEIGHTS.values()))
    # Centres reach a larger share of actors when they house many organisations (illustrative).
    reach = {"library": 0.55, "health": 0.6, "association": 0.5, "housing_area": 0.4}
    actor_rows, tie_rows = [], []
    n = 0
    big = len(base) >= 100
    by_area = {a: g for a, g in centres.groupby("area_id")}
    for rec in base.itertuples(index=False):
        area_centres = by_area.get(rec.area_id)
        ids = []
        centre_nodes = []
        if area_centres is not None:
            for c in area_centres.itertuples(index=False):
                actor_rows.append(
                    {
                        "actor_id": c.centre_id,
                        "name": c.name,
                        "sector": "other",
                        "area_id": rec.area_id,
                        "centre_id": c.centre_id,
                        "in_centre": True,
                    }
                )
                centre_nodes.append((c.centre_id, c.centre_type, c.n_organisations))
        n_actors = int(rng.integers(24, 36))
        area_short = rec.name.split("/")[0]
        for _ in range(n_actors):
            n += 1
            sector = sectors[int(rng.choice(len(sectors), p=sector_p))]
            stem = SECTOR_NAMES[sector][int(rng.integers(len(SECTOR_NAMES[sector])))]
            actor_id = f"ACT{n:05d}" if not big else f"ACT{n:07d}"
            actor_rows.append(
                {
                    "actor_id": actor_id,
                    "name": f"{stem} {area_short}",
                    "sector": sector,
                    "area_id": rec.area_id,
                    "centre_id": None,
                    "in_centre": False,
                }
            )
            ids.append(actor_id)
        year = 2025
        edges: set[tuple[str, str]] = set()

        def add(a, b, tie_type, strength, edges=edges, year=year):
            key = (min(a, b), max(a, b))
            if a == b or key in edges:
                return
            edges.add(key)
            tie_rows.append(
                {
                    "source_actor_id": a,
                    "target_actor_id": b,
                    "tie_type": tie_type,
                    "strength": int(strength),
                    "year": year,
                }
            )

        order = list(rng.permutation(ids))
        cursor = 0
        for centre_id, ctype, n_orgs in centre_nodes:
            housed = order[cursor : cursor + min(max(1, n_orgs // 3), 5)]
            cursor += len(housed)
            for a in housed:
                for row in actor_rows[-n_actors:]:
                    if row["actor_id"] == a:
                        row["in_centre"] = True
                        row["centre_id"] = centre_id
                add(centre_id, a, "co_location", 3)
            for a in ids:
                if a not in housed and rng.random() < reach[ctype] * 0.45:
                    add(
                        centre_id,
                        a,
                        str(rng.choice(["collaboration", "referral", "shared_activity"])),
                        rng.integers(1, 4),
                    )
        # Ties among actors: a sparse random graph; a few actors stay isolated (blind spots).
        isolated = set(order[-2:])
        for _ in range(int(len(ids) * 2.6)):
            a, b = rng.choice(ids, 2, replace=False)
            if a in isolated or b in isolated:
                continue
            add(
                str(a),
                str(b),
                str(rng.choice(["collaboration", "referral", "shared_activity"], p=[0.5, 0.25, 0.25])),
                rng.integers(1, 4),
            )
    actors = pd.DataFrame(actor_rows)
    ties = pd.DataFrame(tie_rows)
    return actors, ties


def write(directory: Path, seed: int = DEFAULT_SEED, scale: int = 1) -> dict[str, Path]:
    """Write the tables as UTF-8 CSV files (``<table>.csv``) and return their paths."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, frame in generate(seed, scale).items():
        path = directory / f"{name}.csv"
        frame.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
        paths[name] = path
    return paths
