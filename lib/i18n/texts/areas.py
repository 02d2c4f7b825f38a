"""Texts of the "Areas and criteria" page (pages/3_areas.py, lib/views/areas.py)."""

TEXTS = {
    "areas.title": {"da": "Områder og de officielle kriterier", "en": "Areas and the official criteria"},
    "areas.lead": {
        "da": "Hvilke boligområder er på hvilken liste, hvor tæt er de øvrige på grænserne, og hvad skulle der til "
        "for at flytte dem? Status er **beregnet** af atlasset ud fra indikatorerne og almenboliglovens kriterier "
        "for listens år; den er ikke den officielle liste.",
        "en": "Which housing areas are on which list, how close are the others to the thresholds, and what would "
        "move them? Status is **computed** by the atlas from the indicators and the criteria of the Social Housing "
        "Act for the list year; it is not the official list.",
    },
    "areas.rules_expander": {"da": "Sådan beregnes status: reglerne", "en": "How status is computed: the rules"},
    "areas.rules_caption": {
        "da": "Regelsættet vælges efter listens år. “Overstiger” er strengt over grænsen, “mindst” tæller lig med. "
        "Flerårige statusser bruger områdets egen historik; et manglende år bryder rækken.",
        "en": "The rule set is chosen by the list year. “Exceeds” is strictly above the threshold, “at least” "
        "counts equality. Multi-year statuses use the area's own history; a missing year breaks the run.",
    },
    "areas.period.open": {"da": "{start} og frem", "en": "{start} onwards"},
    "areas.empty": {
        "da": "Ingen områder passer til filtrene. Nulstil filtrene i sidepanelet.",
        "en": "No areas match the filters. Reset the filters in the sidebar.",
    },
    # --- 1. table ---------------------------------------------------------------------------------------------
    "areas.table.heading": {"da": "Områderne på listen for {year}", "en": "The areas on the {year} list"},
    "areas.table.year": {"da": "Listeår", "en": "List year"},
    "areas.table.caption": {
        "da": "{n:num} {n:område|områder} · regelsættet for {rule_set} · grænsen står i kolonneoverskriften, og et **farvet felt** "
        "betyder, at kriteriet er opfyldt (downloaden har en ✓-kolonne pr. kriterium). Klik på en overskrift for "
        "at sortere og på en række for at vælge området nedenfor.",
        "en": "{n:num} {n:area|areas} · the rule set for {rule_set} · the threshold is in the column header, and a **coloured "
        "cell** means the criterion is met (the download has a ✓ column per criterion). Click a header to sort and "
        "a row to pick the area below.",
    },
    "areas.table.caption_plain": {
        "da": "{n:num} {n:område|områder} · regelsættet for {rule_set} · grænsen står i kolonneoverskriften. Over {max} rækker "
        "farves felterne ikke (det ville gøre siden langsom); filtrér for at se farverne, eller brug downloaden, "
        "der har en ✓-kolonne pr. kriterium. Klik på en række for at vælge området nedenfor.",
        "en": "{n:num} {n:area|areas} · the rule set for {rule_set} · the threshold is in the column header. Above {max} rows "
        "the cells are not coloured (it would make the page slow); filter to see the colours, or use the download, "
        "which has a ✓ column per criterion. Click a row to pick the area below.",
    },
    "areas.table.mismatch": {
        "da": "{n:num} {n:område har|områder har} en offentliggjort status, der afviger fra den beregnede (røde felter, kolonnen "
        "“Afviger”): {names}.",
        "en": "{n:num} {n:area has|areas have} a published status that differs from the computed one (red cells, column "
        "“Differs”): {names}.",
    },
    "areas.table.file": {"da": "omraader_{year}", "en": "areas_{year}"},
    "areas.col.area_id": {"da": "Id", "en": "Id"},
    "areas.col.area": {"da": "Område", "en": "Area"},
    "areas.col.municipality": {"da": "Kommune", "en": "Municipality"},
    "areas.col.population": {"da": "Beboere", "en": "Residents"},
    "areas.col.status": {"da": "Status (beregnet)", "en": "Status (computed)"},
    "areas.col.n_met": {"da": "Kriterier (af {n})", "en": "Criteria (of {n})"},
    "areas.col.n_met_help": {
        "da": "Antal opfyldte kriterier. Udsat boligområde kræver mindst 2 af 4 (2013-2017: ghettoområde 3 af 5).",
        "en": "Number of criteria met. A vulnerable area needs at least 2 of 4 (2013-2017: ghetto area 3 of 5).",
    },
    "areas.col.streak_help": {
        "da": "Antal år i træk (til og med dette), hvor området opfyldte betingelserne for ghetto/parallelsamfund. "
        "Et manglende år i data bryder rækken.",
        "en": "Consecutive years (up to this one) in which the area met the ghetto/parallel-society conditions. "
        "A year missing from the data breaks the run.",
    },
    "areas.col.met": {"da": "✓ {indicator}", "en": "✓ {indicator}"},
    "areas.col.streak": {"da": "År i træk på listen", "en": "Years in a row listed"},
    "areas.col.note": {"da": "Bemærkning", "en": "Note"},
    "areas.col.official": {"da": "Offentliggjort status", "en": "Published status"},
    "areas.col.mismatch": {"da": "Afviger", "en": "Differs"},
    "areas.col.year": {"da": "År", "en": "Year"},
    "areas.short.pct_outside_labour_market": {"da": "Uden job/udd.", "en": "No job/educ."},
    "areas.short.convicted_ratio_national": {"da": "Dømte", "en": "Convictions"},
    "areas.short.pct_convicted": {"da": "Dømte", "en": "Convictions"},
    "areas.short.pct_basic_education_only": {"da": "Grundskole", "en": "Basic educ."},
    "areas.short.income_pct_of_region": {"da": "Indkomst", "en": "Income"},
    "areas.short.pct_nonwestern": {"da": "Ikke-vestl.", "en": "Non-west."},
    "areas.status.population_unknown": {"da": "Beboertal ukendt", "en": "Population unknown"},
    "areas.streak.reading": {
        "da": "Flerårige statusser: hårdt ghettoområde kræver **{hard} år i træk** med ghettobetingelserne, "
        "listeåret medregnet ({reading}); atlassets drift kan vælge den anden læsning ({other} år). "
        "Omdannelsesområde kræver **{omdannelse} år i træk** med parallelsamfundsbetingelserne "
        "(også en indstilling).",
        "en": "Multi-year statuses: a hard ghetto area needs **{hard} years in a row** on the ghetto conditions, the "
        "list year included ({reading}); whoever runs the atlas can choose the other reading ({other} years). A "
        "transformation area needs **{omdannelse} years in a row** on the parallel-society conditions "
        "(also a setting).",
    },
    "areas.streak.reading_sbst": {
        "da": "sbst.dk's “de seneste 4 år”; de offentliggjorte lister 2018-2020 følger dog læsningen “5 lister i træk”",
        "en": "sbst.dk's “the last 4 years”; the published lists 2018-2020 follow the “5 consecutive lists” reading",
    },
    "areas.streak.reading_lists": {
        "da": "“5 lister i træk” som i nyhedsdækningen; de offentliggjorte lister 2018-2020 følger denne læsning",
        "en": "“5 consecutive lists” as in the news reports; the published lists 2018-2020 follow this reading",
    },
    "areas.streak.reading_other": {"da": "en egen indstilling", "en": "a setting of its own"},
    # --- published lists --------------------------------------------------------------------------------------
    "areas.published.year_note": {
        "da": "**Offentliggjort status** står ved siden af den beregnede: de rigtige lister (ghetto-, hårde "
        "ghetto-, parallelsamfunds- og omdannelseslister) med kilder i atlassets referencedata. Fra 2018 "
        "er listerne over udsatte boligområder og forebyggelsesområder ikke i atlasset, så et tomt felt betyder "
        "“ikke på de lister, atlasset har”. Røde felter afviger fra den beregnede status.",
        "en": "**Published status** stands beside the computed one: the real lists (ghetto, hard ghetto, parallel "
        "society and transformation lists) with their sources in the atlas's reference data. From 2018 "
        "the lists of vulnerable and prevention areas are not in the atlas, so a blank means “not on the lists "
        "the atlas holds”. Red cells differ from the computed status.",
    },
    "areas.published.year_none": {
        "da": "Atlasset har ingen offentliggjort liste for {year}, så kun den beregnede status vises. Lister i "
        "atlasset: {years}.",
        "en": "The atlas holds no published list for {year}, so only the computed status is shown. Lists in the "
        "atlas: {years}.",
    },
    "areas.published.off_lists": {
        "da": "Ikke på de lister, atlasset har",
        "en": "Not on the lists the atlas holds",
    },
    "areas.published.no_list": {"da": "Ingen liste i atlasset", "en": "No list in the atlas"},
    "areas.published.track_published": {"da": "Offentliggjort", "en": "Published"},
    "areas.published.track_computed": {"da": "Beregnet", "en": "Computed"},
    "areas.published.title": {
        "da": "Offentliggjort og beregnet status: {name}",
        "en": "Published and computed status: {name}",
    },
    "areas.published.caption": {
        "da": "Øverst: områdets status på de offentliggjorte lister pr. 1. december (2012: 1. oktober); hvid: ikke "
        "på de lister, atlasset har; lysegrå: ingen liste i atlasset for året. Nederst: den beregnede status. "
        "“≠” markerer år, hvor de to afviger. Listerne før 2013 blev lavet efter ældre kriterier; atlasset beregner "
        "de år med 2013-reglerne.",
        "en": "Top: the area's status on the published lists of 1 December (2012: 1 October); white: not on the "
        "lists the atlas holds; light grey: no list in the atlas for the year. Bottom: the computed status. “≠” "
        "marks the years in which the two differ. The lists before 2013 were drawn up under older criteria; the "
        "atlas computes those years with the 2013 rules.",
    },
    "areas.published.summary": {
        "da": "**Offentliggjort ({year}-listen):** {published} · **beregnet:** {computed}",
        "en": "**Published ({year} list):** {published} · **computed:** {computed}",
    },
    "areas.published.summary_differs": {
        "da": "**Offentliggjort ({year}-listen):** {published} · **beregnet:** {computed} — **afviger (≠)**",
        "en": "**Published ({year} list):** {published} · **computed:** {computed} — **differs (≠)**",
    },
    # --- 2. one area --------------------------------------------------------------------------------------------
    "areas.area.heading": {"da": "Ét område over tid", "en": "One area over time"},
    "areas.area.select": {"da": "Område", "en": "Area"},
    "areas.area.summary": {
        "da": "**{name}**: {status} på {year}-listen ({n_met} af {n_total} kriterier opfyldt, {k} kræves).",
        "en": "**{name}**: {status} on the {year} list ({n_met} of {n_total} criteria met, {k} needed).",
    },
    "areas.area.summary_forebyggelse": {
        "da": "**{name}**: {status} på {year}-listen (over 30 % ikke-vestlige og {n_prevention} af 4 sænkede "
        "kriterier opfyldt, 2 kræves; {n_met} af {n_total} udsat-kriterier).",
        "en": "**{name}**: {status} on the {year} list (over 30 % non-western and {n_prevention} of 4 lowered "
        "criteria met, 2 needed; {n_met} of {n_total} vulnerable-area criteria).",
    },
    "areas.area.summary_none": {
        "da": "**{name}** er ikke på nogen liste i {year} ({n_met} af {n_total} kriterier opfyldt, {k} kræves).",
        "en": "**{name}** is on no list in {year} ({n_met} of {n_total} criteria met, {k} needed).",
    },
    "areas.area.summary_small": {
        "da": "**{name}** havde under 1.000 beboere i {year} og vurderes derfor ikke efter kriterierne "
        "({n_met} af {n_total} kriterier ville være opfyldt).",
        "en": "**{name}** had fewer than 1,000 residents in {year} and is therefore not assessed "
        "({n_met} of {n_total} criteria would be met).",
    },
    "areas.area.summary_population_unknown": {
        "da": "**{name}** har intet beboertal i data for {year}. Uden beboertal kan kravet om mindst 1.000 beboere "
        "ikke vises opfyldt, så området vurderes ikke ({n_met} af {n_total} kriterier ville være opfyldt).",
        "en": "**{name}** has no population in the data for {year}. Without it the minimum of 1,000 residents "
        "cannot be shown to be met, so the area is not assessed ({n_met} of {n_total} criteria would be met).",
    },
    "areas.area.to_map": {"da": "Vis på kortet", "en": "Show on the map"},
    "areas.area.centres": {"da": "Centre der betjener området", "en": "Centres serving the area"},
    "areas.area.no_centres": {
        "da": "Der er ingen centre registreret for dette område (med de valgte filtre).",
        "en": "No centres are registered for this area (with the chosen filters).",
    },
    "areas.history.history_too_short": {
        "da": "For kort historik til at afgøre en flerårig status: data for området starter i {first}, og "
        "{status} kræver {n} år i træk.",
        "en": "History too short to decide a multi-year status: the data for this area start in {first}, and "
        "{status} requires {n} years in a row.",
    },
    "areas.history.streak_broken_by_missing_year": {
        "da": "Et manglende år i data bryder rækken af år på listen, så {status} ({n} år i træk) er ikke opfyldt.",
        "en": "A year missing from the data breaks the run of listed years, so {status} ({n} years in a row) "
        "is not met.",
    },
    "areas.trend.title": {"da": "Indikatorer og grænser: {name}", "en": "Indicators and thresholds: {name}"},
    "areas.trend.caption": {
        "da": "Blå linje: områdets værdi. Stiplet sort: grænsen for udsat boligområde i årets regelsæt (springer, "
        "når reglerne skifter). Prikket gul: den sænkede grænse for forebyggelsesområder (fra 2021). Øverst: "
        "beregnet status pr. år.",
        "en": "Blue line: the area's value. Dashed black: the vulnerable-area threshold of the year's rule set "
        "(it jumps when the rules change). Dotted yellow: the lowered prevention-area threshold (from 2021). "
        "Top: computed status per year.",
    },
    "areas.trend.band_title": {"da": "Beregnet status pr. år", "en": "Computed status per year"},
    "areas.trend.value": {"da": "Værdi", "en": "Value"},
    "areas.trend.threshold": {"da": "Grænse", "en": "Threshold"},
    "areas.trend.threshold_prevention": {"da": "Grænse, forebyggelse", "en": "Threshold, prevention"},
    "areas.trend.indicator": {"da": "Indikator", "en": "Indicator"},
    # --- 3. national picture ------------------------------------------------------------------------------------
    "areas.national.heading": {"da": "Landsbilledet", "en": "The national picture"},
    "areas.national.title": {"da": "Områder pr. beregnet status og år", "en": "Areas per computed status and year"},
    "areas.national.y": {"da": "Antal områder", "en": "Number of areas"},
    "areas.national.caption": {
        "da": "Følger filtrene ({filters}). Til og med 2020 hed de tungeste lister ghetto- og hårde ghettoområder, "
        "fra 2021 parallelsamfund og omdannelsesområder.",
        "en": "Follows the filters ({filters}). Up to 2020 the heaviest lists were ghetto and hard ghetto areas, "
        "from 2021 parallel societies and transformation areas.",
    },
    # --- 4. what-if ---------------------------------------------------------------------------------------------
    "areas.whatif.heading": {"da": "Hvad nu hvis? (scenarie)", "en": "What if? (scenario)"},
    "areas.whatif.disclaimer": {
        "da": "**Scenarie, ikke en prognose.** Skyderne flytter indikatorerne for de filtrerede områder i det "
        "seneste år med det valgte antal point; tidligere år er uændrede. Resultatet viser, hvilke områder der "
        "ville skifte status efter reglerne.",
        "en": "**Scenario, not a forecast.** The sliders shift the indicators of the filtered areas in the latest "
        "year by the chosen amount; earlier years stay as recorded. The result shows which areas would change "
        "status under the rules.",
    },
    "areas.whatif.slider.pct_outside_labour_market": {
        "da": "Uden for arbejdsmarked/uddannelse (procentpoint)",
        "en": "Outside labour market/education (percentage points)",
    },
    "areas.whatif.slider.convicted_ratio_national": {
        "da": "Dømte (gange landsgennemsnittet)",
        "en": "Convictions (multiples of the national average)",
    },
    "areas.whatif.slider.pct_basic_education_only": {
        "da": "Kun grundskole (procentpoint)",
        "en": "Basic education only (percentage points)",
    },
    "areas.whatif.slider.income_pct_of_region": {
        "da": "Indkomst (procent af regionens gennemsnit)",
        "en": "Income (percent of the regional mean)",
    },
    "areas.whatif.slider.pct_nonwestern": {
        "da": "Ikke-vestlige (procentpoint)",
        "en": "Non-western (percentage points)",
    },
    "areas.whatif.reset": {"da": "Nulstil scenariet", "en": "Reset the scenario"},
    "areas.whatif.metric_changed": {"da": "Områder der skifter status", "en": "Areas changing status"},
    "areas.whatif.metric_listed_before": {"da": "På en liste før", "en": "Listed before"},
    "areas.whatif.metric_listed_after": {"da": "På en liste i scenariet", "en": "Listed in the scenario"},
    "areas.whatif.result": {
        "da": "I scenariet skifter **{changed:num} af {total:num}** områder status på {year}-listen.",
        "en": "In the scenario **{changed:num} of {total:num}** {total:area|areas} change status on the {year} list.",
    },
    "areas.whatif.no_shift": {
        "da": "Flyt en skyder for at se, hvilke områder der ville skifte status.",
        "en": "Move a slider to see which areas would change status.",
    },
    "areas.whatif.none_changed": {
        "da": "Ingen områder skifter status med disse ændringer.",
        "en": "No area changes status with these shifts.",
    },
    "areas.whatif.transitions": {"da": "Skift mellem statusser", "en": "Moves between statuses"},
    "areas.whatif.changed_areas": {"da": "Områder der skifter status", "en": "Areas that change status"},
    "areas.whatif.show_all": {"da": "Vis alle områder", "en": "Show all areas"},
    "areas.whatif.before": {"da": "Status nu", "en": "Status now"},
    "areas.whatif.after": {"da": "Status i scenariet", "en": "Status in scenario"},
    "areas.whatif.n_main": {"da": "Udsat-kriterier (nu → scenarie)", "en": "Vulnerable-area criteria (now → scenario)"},
    "areas.whatif.n_prevention": {
        "da": "Forebyggelseskriterier (nu → scenarie)",
        "en": "Prevention criteria (now → scenario)",
    },
    "areas.whatif.count": {"da": "Antal områder", "en": "Number of areas"},
    "areas.whatif.file": {"da": "scenarie", "en": "scenario"},
    "areas.centres.name": {"da": "Center", "en": "Centre"},
    "areas.centres.type": {"da": "Type", "en": "Type"},
    "areas.centres.opened": {"da": "Åbnet", "en": "Opened"},
    "areas.centres.organisations": {"da": "Organisationer under taget", "en": "Organisations under the roof"},
}
