"""Texts of the overview page (dashboard.py)."""

TEXTS = {
    "overview.title": {
        "da": "Medborgercentre i udsatte boligområder",
        "en": "Community centres in vulnerable housing areas",
    },
    "overview.lead": {
        "da": "Atlasset samler viden om medborgercentre: de fire centertyper, områdernes officielle indikatorer, "
        "aktørnetværket omkring centrene og nye spørgeskemasvar. Brug filtrene i sidepanelet; de følger med "
        "på alle sider.",
        "en": "The atlas brings together knowledge about community centres (medborgercentre): the four centre types, "
        "the areas' official indicators, the network of actors around the centres and new survey answers. Use the "
        "filters in the sidebar; they follow you to every page.",
    },
    "overview.guide_heading": {"da": "Det kan du her", "en": "What you can do here"},
    "overview.guide.compare": {
        "da": "Se hvilke fordele og ulemper svarpersonerne nævner for hver centertype.",
        "en": "See which advantages and drawbacks respondents report for each centre type.",
    },
    "overview.guide.map": {
        "da": "Se centrene på kortet mod områdernes indikatorer, og find områder uden et center i nærheden.",
        "en": "See the centres on the map against the area indicators, and find areas without a centre nearby.",
    },
    "overview.guide.areas": {
        "da": "Se hvilke områder der er på hvilke lister, hvor tæt de andre er, og hvad der ville flytte dem.",
        "en": "See which areas are on which lists, how close the others are, and what would move them.",
    },
    "overview.guide.network": {
        "da": "Se centrets plads i områdets netværk af aktører, blinde pletter og mulige nye partnerskaber.",
        "en": "See the centre's place in the area's network of actors, blind spots and possible new partnerships.",
    },
    "overview.guide.data": {
        "da": "Redaktører: upload nye svar og indikatorer, se versioner og rul tilbage.",
        "en": "Editors: upload new answers and indicators, see versions and roll back.",
    },
    "overview.guide.present": {
        "da": "Konsulenter: fastgør visninger, vis dem som præsentation og eksportér til PowerPoint.",
        "en": "Consultants: pin views, show them as a presentation and export to PowerPoint.",
    },
    "overview.headline": {"da": "Nøgletal", "en": "Key figures"},
    "overview.metric_centres": {"da": "Centre", "en": "Centres"},
    "overview.metric_areas": {"da": "Boligområder", "en": "Housing areas"},
    "overview.metric_listed": {
        "da": "Listet {year}, beregnet",
        "en": "Listed {year}, computed",
    },
    "overview.metric_listed_help": {
        "da": "Områder på en liste i {year}, beregnet af atlassets kriteriemotor ud fra indikatorerne i data (alle lister: også udsatte og "
        "forebyggelsesområder). Ikke den officielle liste.",
        "en": "Areas on a list in {year}, computed by the atlas's criteria engine from the indicators in the data (every list, vulnerable and "
        "prevention areas included). Not the official list.",
    },
    "overview.metric_published": {
        "da": "Listet {year}, officielt",
        "en": "Listed {year}, official",
    },
    "overview.metric_published_help": {
        "da": "Områder på de offentliggjorte lister i {year}, som offentliggjort pr. 1. december: områderne på ghetto-/parallelsamfundslisten (inkl. hårde "
        "ghetto- og omdannelsesområder), med en kilde for hver liste. Listerne over udsatte "
        "boligområder og forebyggelsesområder er ikke i atlasset, og kun områder i atlasset tælles med.",
        "en": "Areas on the published lists in {year}, as published on 1 December: the areas on the ghetto / parallel-society list (hard ghetto and "
        "transformation areas included), with a source for each list. The lists of "
        "vulnerable and prevention areas are not in the atlas, and only areas the atlas holds are counted.",
    },
    "overview.metric_responses": {"da": "Spørgeskemasvar", "en": "Survey responses"},
    "overview.centres_per_type": {"da": "Centre pr. type", "en": "Centres per type"},
    "overview.areas_per_status": {
        "da": "Områder pr. status ({year}, beregnet)",
        "en": "Areas per status ({year}, computed)",
    },
    "overview.responses_per_wave": {"da": "Svar pr. bølge og centertype", "en": "Responses per wave and centre type"},
    "overview.col_type": {"da": "Centertype", "en": "Centre type"},
    "overview.col_status": {"da": "Status", "en": "Status"},
    "overview.col_count": {"da": "Antal", "en": "Count"},
    "overview.col_year": {"da": "År", "en": "Year"},
    "overview.status_caption": {
        "da": "Status er beregnet af atlassets kriteriemotor ud fra indikatorerne i data, efter reglerne for året. "
        "Se siden Områder og kriterier.",
        "en": "Status is computed by the atlas's criteria engine from the indicators in the data, under the rules "
        "of the year. See the Areas and criteria page.",
    },
    "overview.about_heading": {"da": "Om data", "en": "About the data"},
    "overview.about": {
        "da": "Typologien (biblioteks-, sundheds-, forenings- og boligområdebaserede centre) stammer fra "
        "CFBU's kortlægning af medborgercentre i udsatte boligområder (2019). Kriterierne for listerne "
        "følger almenboligloven, og de offentliggjorte lister er ministeriets årlige lister (1. december). Danmarks omrids "
        "er fra Natural Earth (fri af ophavsret). Mens atlasset viser eksempeldata, er centre, indikatorværdier, svar "
        "og netværk genereret til demonstration.",
        "en": "The typology (library-, health-, association- and housing-area-based centres) comes from the "
        "Centre for Housing and Welfare's (CFBU) 2019 mapping of community centres in vulnerable areas. The list "
        "criteria follow the Danish social housing act (almenboligloven), and the published lists are the ministry's "
        "yearly lists (1 December). The outline of Denmark is from Natural Earth (public domain). While the "
        "atlas shows sample data, the centres, indicator values, answers and networks are generated for "
        "demonstration.",
    },
}
