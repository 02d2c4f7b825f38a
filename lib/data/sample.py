"""Deterministic generator of the bundled illustrative dataset.

Real facts (area names, municipalities, kommunekoder, regions, the places of
the 16 library-based centres of 2008-2012, the four types) come from
``data/reference/`` (sources in data/README.md). Everything else -- centre
names and attributes, indicator values, survey answers, comments, actors and
ties -- is generated here and is illustrative only.

``generate(scale=k)`` repeats the real places k times (copies get new ids and
coordinates shifted a few km inland-safe, see ``_copy_offset``) so benchmarks
can run on x10 and x100 data with the same distributions.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from lib.schema import RATING_DIMENSIONS

REFERENCE_DIR = Path(__file__).resolve().parents[2] / "data" / "reference"
YEARS = tuple(range(2018, 2026))
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
        (~46 areas x 8 years, ~120 centres, ~3,000 responses, ~1,500 actors, ~4,000 ties).

    Returns
    -------
    dict of DataFrame keyed by table name.
    """
    rng = np.random.default_rng(seed)
    ref = load_reference()
    areas_ref = _area_frame(ref, scale, rng)
    areas = _areas(areas_ref, rng)
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
    # One small area per copy, to show the 1,000-resident rule.
    frame.loc[frame.index[5 :: len(ref)], "population"] = 940
    return frame


def _areas(base: pd.DataFrame, rng) -> pd.DataFrame:
    out = []
    for year in YEARS:
        k = year - YEARS[0]
        s = np.clip(base["severity"] + base["trend"] * k + rng.normal(0, 0.035, len(base)), 0, 1)
        nw = np.clip(s + base["nonwestern_bias"], 0, 1)
        frame = base[["area_id", "name", "municipality_code", "municipality", "region", "latitude", "longitude"]].copy()
        frame["year"] = year
        frame["population"] = (base["population"] * (1 + rng.normal(0, 0.02, len(base)))).round().astype(int)
        frame.loc[base["population"] == 940, "population"] = 940 + k * 3
        frame["pct_outside_labour_market"] = (24 + 26 * s + rng.normal(0, 1.8, len(base))).round(1)
        frame["convicted_ratio_national"] = (0.8 + 3.2 * s + rng.normal(0, 0.25, len(base))).clip(0.2).round(2)
        frame["pct_convicted"] = (frame["convicted_ratio_national"] * 0.9).round(2)
        frame["pct_basic_education_only"] = (38 + 32 * s + rng.normal(0, 2.5, len(base))).round(1)
        frame["income_pct_of_region"] = (72 - 27 * s + rng.normal(0, 2.0, len(base))).round(1)
        frame["pct_nonwestern"] = (22 + 50 * nw + rng.normal(0, 3, len(base))).clip(2, 95).round(1)
        frame["official_status"] = None
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
