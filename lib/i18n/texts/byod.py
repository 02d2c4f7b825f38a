"""Texts of "bring your own data" (issue 14): column mapping, natural keys, survey/network formats, integrity.

The questionnaire texts (``byod.q.*``) are also headers the import recognises: a survey
exported from a questionnaire built on the template maps without any choice.
"""

from lib.schema import RATING_DIMENSIONS

_QUESTIONS = {
    "collaboration": (
        "Hvordan vurderer du samarbejdet mellem aktørerne i centret?",
        "How do you rate the collaboration between the actors in the centre?",
    ),
    "resident_reach": (
        "Hvordan vurderer du centrets evne til at nå beboerne?",
        "How do you rate the centre's reach among residents?",
    ),
    "visibility": ("Hvordan vurderer du centrets synlighed i området?", "How do you rate the centre's visibility?"),
    "accessibility": ("Hvordan vurderer du centrets tilgængelighed?", "How do you rate the centre's accessibility?"),
    "coordination": (
        "Hvordan vurderer du koordineringen mellem tilbuddene i centret?",
        "How do you rate the coordination between the services in the centre?",
    ),
    "funding_stability": (
        "Hvordan vurderer du stabiliteten i centrets finansiering?",
        "How do you rate the stability of the centre's funding?",
    ),
}

TEXTS = {
    # --- questionnaire (template and recognised headers) ------------------------------------------
    **{f"byod.q.rating_{d}": {"da": _QUESTIONS[d][0], "en": _QUESTIONS[d][1]} for d in RATING_DIMENSIONS},
    "byod.q.centre": {"da": "Hvilket medborgercenter svarer du for?", "en": "Which centre are you answering for?"},
    "byod.q.municipality": {"da": "Centrets kommune", "en": "The centre's municipality"},
    "byod.q.role": {"da": "Hvad er din rolle i centret?", "en": "What is your role in the centre?"},
    "byod.q.year": {"da": "Årstal", "en": "Year"},
    "byod.q.advantages": {"da": "Fordele", "en": "Advantages"},
    "byod.q.drawbacks": {"da": "Ulemper", "en": "Drawbacks"},
    "byod.q.comment": {"da": "Har du andre kommentarer?", "en": "Any other comments?"},
    "byod.q.respondent": {"da": "Respondent-id", "en": "Respondent id"},
    "byod.q.scale": {
        "da": "Svarmuligheder: Meget godt, Godt, Hverken godt eller dårligt, Dårligt, Meget dårligt, Ved ikke",
        "en": "Answers: Very good, Good, Neither good nor poor, Poor, Very poor, Don't know",
    },
    "byod.q.options": {
        "da": "Én kolonne pr. svarmulighed: '{question}: <svarmulighed>' med 1 (valgt) eller tom",
        "en": "One column per option: '{question}: <option>' with 1 (chosen) or blank",
    },
    "byod.tpl.sheet_questions": {"da": "spørgsmål", "en": "questions"},
    "byod.tpl.sheet_answers": {"da": "svar", "en": "answers"},
    "byod.tpl.col_question": {"da": "Spørgsmål (kolonneoverskrift)", "en": "Question (column header)"},
    "byod.tpl.col_answers": {"da": "Svarmuligheder", "en": "Answers"},
    "byod.tpl.col_column": {"da": "Atlaskolonne", "en": "Atlas column"},
    "byod.tpl.roles": {"da": "Rolle: {labels}", "en": "Role: {labels}"},
    "byod.tpl.centres": {"da": "Centrets navn som i atlasset", "en": "The centre's name as in the atlas"},
    "byod.tpl.free_text": {"da": "Fritekst", "en": "Free text"},
    # --- mapping: targets that are not atlas columns -------------------------------------------
    "byod.target._kommune": {"da": "Kommune (til navneopslag)", "en": "Municipality (for name look-up)"},
    "byod.target._area": {"da": "Område (til navneopslag)", "en": "Area (for name look-up)"},
    "byod.target.easting": {"da": "Øst (UTM 32N, meter)", "en": "Easting (UTM 32N, metres)"},
    "byod.target.northing": {"da": "Nord (UTM 32N, meter)", "en": "Northing (UTM 32N, metres)"},
    "byod.target.ignore": {"da": "(bruges ikke)", "en": "(not used)"},
    "byod.target.option": {"da": "{column}: svarmulighed '{option}'", "en": "{column}: option '{option}'"},
    "byod.target.year_value": {"da": "{column} for år {year}", "en": "{column} for the year {year}"},
    "byod.how.alias": {"da": "kendt overskrift", "en": "known header"},
    "byod.how.label": {"da": "atlassets betegnelse", "en": "atlas label"},
    "byod.how.fuzzy": {"da": "ligner ({score} %)", "en": "similar ({score} %)"},
    "byod.how.editor": {"da": "valgt", "en": "chosen"},
    "byod.how.profile": {"da": "fra profil", "en": "from profile"},
    "byod.how.option": {"da": "svarmulighed", "en": "option"},
    "byod.how.year": {"da": "år-kolonne (bred tabel)", "en": "year column (wide table)"},
    "byod.how.none": {"da": "ikke genkendt", "en": "not recognised"},
    # what to do about a required atlas column that no file column feeds
    "byod.need.generated": {
        "da": "dannes automatisk ud fra {keys}",
        "en": "generated from {keys}",
    },
    "byod.need.located": {
        "da": "findes ud fra koordinaterne (nærmeste område inden for {km} km)",
        "en": "found from the coordinates (nearest area within {km} km)",
    },
    "byod.need.derived": {"da": "udledes af kommunen", "en": "derived from the municipality"},
    "byod.need.from_current": {
        "da": "hentes fra områdets nuværende række",
        "en": "taken from the area's current row",
    },
    "byod.need.choose": {
        "da": "mangler: vælg den kolonne i filen der har {what}, eller tilføj en kolonne '{header}'",
        "en": "missing: choose the file column that holds {what}, or add a column '{header}'",
    },
    # --- row problems --------------------------------------------------------------------------
    "byod.err.unknown_centre": {
        "da": "'{value}' findes ikke blandt centrene i atlasset.",
        "en": "'{value}' does not exist among the atlas's centres.",
    },
    "byod.err.unknown_centre_suggest": {
        "da": "'{value}' findes ikke blandt centrene i atlasset; mente du '{suggestion}'?",
        "en": "'{value}' does not exist among the atlas's centres; did you mean '{suggestion}'?",
    },
    "byod.err.unknown_area": {
        "da": "'{value}' findes ikke blandt områderne i atlasset.",
        "en": "'{value}' does not exist among the atlas's areas.",
    },
    "byod.err.unknown_area_suggest": {
        "da": "'{value}' findes ikke blandt områderne i atlasset; mente du '{suggestion}'?",
        "en": "'{value}' does not exist among the atlas's areas; did you mean '{suggestion}'?",
    },
    "byod.err.unknown_actor": {
        "da": "'{value}' findes ikke blandt aktørerne i atlasset.",
        "en": "'{value}' does not exist among the atlas's actors.",
    },
    "byod.err.unknown_actor_suggest": {
        "da": "'{value}' findes ikke blandt aktørerne i atlasset; mente du '{suggestion}'?",
        "en": "'{value}' does not exist among the atlas's actors; did you mean '{suggestion}'?",
    },
    "byod.err.ambiguous_name": {
        "da": "'{value}' findes flere steder ({options}). Tilføj en kolonne med kommunen (eller området).",
        "en": "'{value}' exists in several places ({options}). Add a column with the municipality (or area).",
    },
    "byod.err.unknown_municipality": {
        "da": "Kommunen '{value}' kendes ikke{hint}. Brug kommunens navn eller kommunekode.",
        "en": "The municipality '{value}' is unknown{hint}. Use the municipality's name or code.",
    },
    "byod.err.unknown_answer": {
        "da": "'{value}' i '{column}' er ikke en kendt svarkategori. Tilladt: {allowed}.",
        "en": "'{value}' in '{column}' is not a known answer. Allowed: {allowed}.",
    },
    "byod.err.unknown_option": {
        "da": "Svarmuligheden '{value}' (kolonne '{column}') findes ikke i kodebogen som {kind}; "
        "mente du '{suggestion}'? Ret overskriften, eller tilføj koden til kodebogen.",
        "en": "The option '{value}' (column '{column}') is not in the codebook as a {kind}; did you mean "
        "'{suggestion}'? Fix the header, or add the code to the codebook.",
    },
    "byod.err.unknown_option_plain": {
        "da": "Svarmuligheden '{value}' (kolonne '{column}') findes ikke i kodebogen som {kind}. Ret overskriften, "
        "eller tilføj koden til kodebogen.",
        "en": "The option '{value}' (column '{column}') is not in the codebook as a {kind}. Fix the header, or add "
        "the code to the codebook.",
    },
    "byod.err.option_value": {
        "da": "'{value}' i '{column}' skal være 1/x/svarmuligheden (valgt) eller 0/tom (ikke valgt).",
        "en": "'{value}' in '{column}' must be 1/x/the option's text (chosen) or 0/blank (not chosen).",
    },
    "byod.err.no_area": {
        "da": "Intet område inden for {km} km (nærmeste: {nearest}, {distance}). Centret får intet område; angiv "
        "et område i filen eller hæv afstanden.",
        "en": "No area within {km} km (nearest: {nearest}, {distance}). The centre gets no area; name an area "
        "in the file or raise the distance.",
    },
    "byod.err.no_area_coords": {
        "da": "Centret har hverken område eller koordinater, så intet område kan findes.",
        "en": "The centre has neither an area nor coordinates, so no area can be found.",
    },
    "byod.err.not_a_year": {
        "da": "Arket '{value}' har intet årstal i navnet; ark med årstal læses som ét år hver.",
        "en": "The sheet '{value}' has no year in its name; sheets named by year are read one year each.",
    },
    "byod.err.unknown_target": {
        "da": "'{value}' er ikke en kolonne i tabellen {table}. Mulige: {allowed}.",
        "en": "'{value}' is not a column of the table {table}. Possible: {allowed}.",
    },
    "byod.err.unknown_header": {
        "da": "Kolonnen '{value}' findes ikke i filen. Kolonnerne er: {headers}.",
        "en": "The column '{value}' is not in the file. Its columns are: {headers}.",
    },
    "byod.err.bad_map": {
        "da": "'{value}' skal skrives 'filkolonne=atlaskolonne'.",
        "en": "'{value}' must be written 'file column=atlas column'.",
    },
    "byod.err.bad_profile": {
        "da": "Importprofilen '{value}' findes ikke eller kan ikke læses ({detail}).",
        "en": "The import profile '{value}' does not exist or cannot be read ({detail}).",
    },
    "byod.err.profile_table": {
        "da": "Importprofilen '{value}' er til tabellen {table}, ikke {wanted}.",
        "en": "The import profile '{value}' is for the table {table}, not {wanted}.",
    },
    "byod.err.sav": {
        "da": "SPSS-filen kan ikke læses ({detail}). Gem den igen fra SPSS som .sav, eller eksportér til XLSX.",
        "en": "The SPSS file cannot be read ({detail}). Save it again from SPSS as .sav, or export to XLSX.",
    },
    "byod.err.kumu_sheets": {
        "da": "Arbejdsbogen skal have arkene 'Elements' og 'Connections' (som Kumu eksporterer); den har: {sheets}.",
        "en": "The workbook must have the sheets 'Elements' and 'Connections' (as Kumu exports); it has: {sheets}.",
    },
    "byod.err.kumu_columns": {
        "da": "Arket '{sheet}' mangler kolonnen '{column}'.",
        "en": "The sheet '{sheet}' lacks the column '{column}'.",
    },
    "byod.err.graph_file": {
        "da": "Netværksfilen kan ikke læses som {format} ({detail}).",
        "en": "The network file cannot be read as {format} ({detail}).",
    },
    "byod.err.no_area_for_actor": {
        "da": "Aktøren '{value}' har intet område: tilføj kolonnen 'Område', eller vælg et område for hele filen.",
        "en": "The actor '{value}' has no area: add the column 'Område' (area), or choose an area for the file.",
    },
    "byod.err.unknown_element": {
        "da": "Forbindelsen peger på '{value}', som ikke er et element i arket Elements.",
        "en": "The connection points to '{value}', which is not an element of the Elements sheet.",
    },
    # --- integrity ----------------------------------------------------------------------------
    "byod.integrity.broken": {
        "da": "{n:num} {n:række|rækker} i {table} peger på {target} der ikke findes ({column}), fx {examples}.",
        "en": "{n:num} {n:row|rows} of {table} point to {target} that do not exist ({column}), e.g. {examples}.",
    },
    "byod.integrity.would_break": {
        "da": "Efter denne ændring peger {n:num} {n:række|rækker} i {table} på {target} der ikke findes ({column}), fx {examples}. "
        "De tælles ikke med på siderne, før {target} findes igen.",
        "en": "After this change {n:num} {n:row|rows} of {table} point to {target} that do not exist ({column}), e.g. "
        "{examples}. The pages leave them out until the {target} exist again.",
    },
    "byod.integrity.proceed": {
        "da": "Fortsæt alligevel (referencerne kan rettes senere)",
        "en": "Proceed anyway (the references can be fixed later)",
    },
    "byod.integrity.page_notice": {
        "da": "{n:num} spørgeskemasvar peger på centre der ikke findes og indgår ikke i tallene. Ret centrene eller "
        "svarene på siden Data.",
        "en": "{n:num} survey responses point to centres that do not exist and are left out of the figures. Fix the "
        "centres or the responses on the Data page.",
    },
    # --- the mapping step on the Data page ------------------------------------------------------
    "byod.mapping_heading": {"da": "Kolonner i filen", "en": "Columns in the file"},
    "byod.mapping_help": {
        "da": "Hver kolonne i filen er koblet til en kolonne i atlasset. Ret koblingen hvor den er forkert, eller "
        "vælg '(bruges ikke)'. Filen kontrolleres igen med det samme.",
        "en": "Each file column is matched to an atlas column. Change a match where it is wrong, or choose "
        "'(not used)'. The file is checked again right away.",
    },
    "byod.col_file": {"da": "Kolonne i filen", "en": "File column"},
    "byod.col_target": {"da": "Atlaskolonne", "en": "Atlas column"},
    "byod.col_how": {"da": "Genkendt som", "en": "Recognised as"},
    "byod.col_example": {"da": "Eksempel", "en": "Example"},
    "byod.missing_heading": {
        "da": "Atlaskolonner uden en kolonne i filen",
        "en": "Atlas columns without a file column",
    },
    "byod.profile_heading": {"da": "Importprofil", "en": "Import profile"},
    "byod.profile_use": {"da": "Brug en gemt profil", "en": "Use a saved profile"},
    "byod.profile_none": {"da": "(ingen)", "en": "(none)"},
    "byod.profile_name": {"da": "Gem koblingen som profil", "en": "Save the mapping as a profile"},
    "byod.profile_save": {"da": "Gem profil", "en": "Save profile"},
    "byod.profile_saved": {
        "da": "Profilen '{name}' er gemt. Brug den næste gang, eller fra kommandolinjen med --profile '{name}'.",
        "en": "The profile '{name}' is saved. Use it next time, or from the command line with --profile '{name}'.",
    },
    "byod.profile_download": {"da": "Hent profilen som JSON", "en": "Download the profile as JSON"},
    "byod.distance": {"da": "Største afstand til et område (km)", "en": "Largest distance to an area (km)"},
    "byod.distance_help": {
        "da": "Et center uden område får det nærmeste område inden for denne afstand.",
        "en": "A centre without an area gets the nearest area within this distance.",
    },
    "byod.boundaries": {
        "da": "Områdegrænser (valgfri: GeoJSON, GeoPackage eller zippet shapefil)",
        "en": "Area boundaries (optional: GeoJSON, GeoPackage or zipped shapefile)",
    },
    "byod.assign_heading": {"da": "Områder fundet for centrene", "en": "Areas found for the centres"},
    "byod.assign.centre": {"da": "Center", "en": "Centre"},
    "byod.assign.area": {"da": "Område", "en": "Area"},
    "byod.assign.method": {"da": "Hvordan", "en": "How"},
    "byod.assign.distance": {"da": "Afstand", "en": "Distance"},
    "byod.method.given": {"da": "angivet i filen", "en": "given in the file"},
    "byod.method.boundary": {"da": "inden for områdets grænse", "en": "inside the area's boundary"},
    "byod.method.nearest": {"da": "nærmeste område", "en": "nearest area"},
    "byod.method.none": {"da": "intet område", "en": "no area"},
    "byod.method.current": {"da": "som nu i atlasset", "en": "as now in the atlas"},
    "byod.kumu_found": {
        "da": "Filen er en netværksarbejdsbog (Kumu): {actors:num} {actors:aktør|aktører} og {ties:num} {ties:forbindelse|forbindelser} importeres sammen "
        "som nye versioner af Aktører og Relationer.",
        "en": "The file is a network workbook (Kumu): {actors:num} {actors:actor|actors} and {ties:num} {ties:connection|connections} are imported together "
        "as new versions of Actors and Ties.",
    },
    "byod.network_imported": {
        "da": "Importeret: Aktører version {actors} og Relationer version {ties} er nu gældende.",
        "en": "Imported: Actors version {actors} and Ties version {ties} are now current.",
    },
    "byod.questionnaire": {"da": "Spørgeskemaskabelon (XLSX)", "en": "Questionnaire template (XLSX)"},
    "byod.questionnaire_help": {
        "da": "Spørgsmålenes tekster er præcis de overskrifter importen genkender: et spørgeskema bygget på "
        "skabelonen kan indlæses uden at koble kolonner.",
        "en": "The question texts are exactly the headers the import recognises: a questionnaire built on the "
        "template loads without mapping columns.",
    },
    "byod.kumu_export": {
        "da": "Hent områdets netværk som Kumu-arbejdsbog",
        "en": "Download the area's network as a Kumu workbook",
    },
    "byod.area": {"da": "Område", "en": "Area"},
}
