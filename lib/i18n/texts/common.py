"""Texts shared by every page: frame, navigation, filters, categories, validation, storage."""

TEXTS = {
    # --- app and navigation -------------------------------------------------
    "app.title": {"da": "Medborgercenter-atlas", "en": "Medborgercenter atlas"},
    "app.tagline": {
        "da": "Medborgercentre i udsatte boligområder: typer, områder, netværk",
        "en": "Community centres in vulnerable social-housing areas: types, areas, networks",
    },
    "nav.heading": {"da": "Sider", "en": "Pages"},
    "nav.overview": {"da": "Overblik", "en": "Overview"},
    "nav.compare": {"da": "Sammenlign typer", "en": "Compare types"},
    "nav.map": {"da": "Kort", "en": "Map"},
    "nav.areas": {"da": "Områder og kriterier", "en": "Areas and criteria"},
    "nav.network": {"da": "Netværk", "en": "Network"},
    "nav.data": {"da": "Data (redaktører)", "en": "Data (editors)"},
    "nav.present": {"da": "Præsentation", "en": "Present"},
    "lang.label": {"da": "Sprog / Language", "en": "Sprog / Language"},
    # --- filters --------------------------------------------------------------
    "filters.heading": {"da": "Filtre", "en": "Filters"},
    "filters.region": {"da": "Region", "en": "Region"},
    "filters.municipality": {"da": "Kommune", "en": "Municipality"},
    "filters.centre_type": {"da": "Centertype", "en": "Centre type"},
    "filters.area_status": {
        "da": "Områdestatus ({year}-listen, beregnet)",
        "en": "Area status ({year} list, computed)",
    },
    "filters.area_status_short": {"da": "Områdestatus", "en": "Area status"},
    "filters.published": {
        "da": "Status på den offentliggjorte liste ({year})",
        "en": "Status on the published list ({year})",
    },
    "filters.published_short": {"da": "Offentliggjort liste", "en": "Published list"},
    "filters.year": {"da": "Undersøgelsesår", "en": "Survey year"},
    "filters.all": {"da": "Alle", "en": "All"},
    "filters.reset": {"da": "Nulstil filtre", "en": "Reset filters"},
    "filters.summary_none": {"da": "Ingen filtre: hele landet", "en": "No filters: all of Denmark"},
    "filters.help": {
        "da": "Filtrene gælder på alle sider og gemmes i adressen, så et kopieret link åbner samme visning.",
        "en": "Filters apply on every page and are kept in the address, so a copied link reopens the same view.",
    },
    # --- notices -------------------------------------------------------------------
    "notice.sample": {
        "da": "**Illustrative eksempeldata.** Områdenavne, kommuner og de fire centertyper er virkelige; "
        "centre, indikatorværdier, svar og netværk er genereret til demonstration og er ikke "
        "rigtige undersøgelsesresultater.",
        "en": "**Illustrative sample data.** Area names, municipalities and the four centre types are real; "
        "centres, indicator values, answers and networks are generated for demonstration and are not "
        "real survey results.",
    },
    "notice.sample_short": {"da": "Illustrative eksempeldata", "en": "Illustrative sample data"},
    "notice.coming_soon": {"da": "Denne side er under udvikling.", "en": "This page is being built."},
    "notice.loading": {"da": "Indlæser data ...", "en": "Loading data ..."},
    "present.toggle": {"da": "Præsentationstilstand", "en": "Presentation mode"},
    "present.toggle_help": {
        "da": "Skjuler sidepanel og menuer og gør tekst og grafer større til projektor.",
        "en": "Hides the sidebar and menus and enlarges text and charts for a projector.",
    },
    "present.exit": {"da": "Afslut", "en": "Exit"},
    "notice.empty": {
        "da": "Ingen data passer til de valgte filtre. Fjern et filter i sidepanelet, eller nulstil filtrene.",
        "en": "No data matches the chosen filters. Remove a filter in the sidebar, or reset the filters.",
    },
    "notice.error": {
        "da": "Noget gik galt på denne side. Prøv at nulstille filtrene eller genindlæse siden. "
        "Fejlen er logget på serveren.",
        "en": "Something went wrong on this page. Try resetting the filters or reloading the page. "
        "The error has been logged on the server.",
    },
    "notice.db_unavailable": {
        "da": "Databasen kan ikke nås lige nu. Prøv igen om lidt, eller kontakt den ansvarlige for installationen.",
        "en": "The database cannot be reached right now. Try again shortly, or contact whoever runs this site.",
    },
    "version.caption": {
        "da": "Dataversioner: {versions}",
        "en": "Data versions: {versions}",
    },
    "version.provenance_sample": {
        "da": "Kilde: projektets illustrative eksempeldata, genereret til demonstration.",
        "en": "Source: the project's illustrative sample data, generated for demonstration.",
    },
    "version.provenance_upload": {
        "da": "Kilde: uploadede filer (se siden Data for versioner og revisionsspor).",
        "en": "Source: uploaded files (see the Data page for versions and audit trail).",
    },
    # --- chart block ---------------------------------------------------------------
    "chart.show_table": {"da": "Vis som tabel", "en": "Show as table"},
    "chart.download": {"da": "Hent", "en": "Download"},
    "chart.download_help": {
        "da": "Tallene som CSV, grafen som billede (PNG) eller som vektorgrafik (SVG) til slides og rapporter.",
        "en": "The numbers as CSV, the chart as an image (PNG) or as vector graphics (SVG) for slides and reports.",
    },
    "chart.download_csv": {"da": "Tallene (CSV)", "en": "The numbers (CSV)"},
    "chart.download_png": {"da": "Billede (PNG)", "en": "Image (PNG)"},
    "chart.download_svg": {"da": "Vektorgrafik (SVG)", "en": "Vector graphics (SVG)"},
    "table.download_help": {
        "da": "Tabellen som CSV eller som Excel-fil (XLSX).",
        "en": "The table as CSV or as an Excel file (XLSX).",
    },
    "chart.export_unavailable": {
        "da": "Billedeksport er ikke tilgængelig på denne installation (vl-convert mangler).",
        "en": "Image export is not available on this installation (vl-convert is missing).",
    },
    "chart.filters_subtitle": {"da": "Filtre: {filters}", "en": "Filters: {filters}"},
    "chart.sample_subtitle": {"da": "Illustrative eksempeldata", "en": "Illustrative sample data"},
    # --- categories: centre types, statuses, sectors, tie types, roles --------------
    "type.library": {"da": "Biblioteksbaseret", "en": "Library-based"},
    "type.health": {"da": "Sundhedsbaseret", "en": "Health-based"},
    "type.association": {"da": "Foreningsbaseret", "en": "Association-based"},
    "type.housing_area": {"da": "Boligområdebaseret", "en": "Housing-area-based"},
    "status.none": {"da": "Ikke på en liste", "en": "Not listed"},
    "status.too_small": {"da": "Under 1.000 beboere", "en": "Under 1,000 residents"},
    "status.ghetto": {"da": "Ghettoområde", "en": "Ghetto area"},
    "status.haardt_ghetto": {"da": "Hårdt ghettoområde", "en": "Hard ghetto area"},
    "status.udsat": {"da": "Udsat boligområde", "en": "Vulnerable area"},
    "status.parallelsamfund": {"da": "Parallelsamfund", "en": "Parallel society"},
    "status.omdannelse": {"da": "Omdannelsesområde", "en": "Transformation area"},
    "status.forebyggelse": {"da": "Forebyggelsesområde", "en": "Prevention area"},
    "sector.municipal": {"da": "Kommunal", "en": "Municipal"},
    "sector.housing_social": {"da": "Boligsocial", "en": "Housing-social"},
    "sector.volunteer": {"da": "Frivillig", "en": "Volunteer"},
    "sector.association": {"da": "Forening", "en": "Association"},
    "sector.private": {"da": "Privat", "en": "Private"},
    "sector.school": {"da": "Skole", "en": "School"},
    "sector.health": {"da": "Sundhed", "en": "Health"},
    "sector.library": {"da": "Bibliotek", "en": "Library"},
    "sector.other": {"da": "Andet", "en": "Other"},
    "tie.collaboration": {"da": "Samarbejde", "en": "Collaboration"},
    "tie.co_location": {"da": "Samlokalisering", "en": "Co-location"},
    "tie.referral": {"da": "Henvisning", "en": "Referral"},
    "tie.shared_activity": {"da": "Fælles aktivitet", "en": "Shared activity"},
    "role.staff": {"da": "Medarbejder", "en": "Staff"},
    "role.manager": {"da": "Leder", "en": "Manager"},
    "role.partner": {"da": "Samarbejdspartner", "en": "Partner"},
    "role.volunteer": {"da": "Frivillig", "en": "Volunteer"},
    "role.resident": {"da": "Beboer", "en": "Resident"},
    "indicator.pct_outside_labour_market": {
        "da": "Uden for arbejdsmarked/uddannelse (%)",
        "en": "Outside labour market/education (%)",
    },
    "indicator.convicted_ratio_national": {
        "da": "Dømte (gange landsgennemsnit)",
        "en": "Convictions (x national average)",
    },
    "indicator.pct_convicted": {"da": "Dømte (%)", "en": "Convicted (%)"},
    "indicator.pct_basic_education_only": {"da": "Kun grundskole (%)", "en": "Basic education only (%)"},
    "indicator.income_pct_of_region": {"da": "Indkomst (% af regionen)", "en": "Income (% of region)"},
    "indicator.pct_nonwestern": {"da": "Ikke-vestlig baggrund (%)", "en": "Non-western background (%)"},
    "rating.collaboration": {"da": "Samarbejde", "en": "Collaboration"},
    "rating.resident_reach": {"da": "Når beboerne", "en": "Resident reach"},
    "rating.visibility": {"da": "Synlighed", "en": "Visibility"},
    "rating.accessibility": {"da": "Tilgængelighed", "en": "Accessibility"},
    "rating.coordination": {"da": "Koordinering", "en": "Coordination"},
    "rating.funding_stability": {"da": "Stabil finansiering", "en": "Funding stability"},
    "table.centres": {"da": "Centre", "en": "Centres"},
    "table.survey_responses": {"da": "Spørgeskemasvar", "en": "Survey responses"},
    "table.codebook": {"da": "Kodebog", "en": "Codebook"},
    "table.areas": {"da": "Områder", "en": "Areas"},
    "table.actors": {"da": "Aktører", "en": "Actors"},
    "table.ties": {"da": "Relationer", "en": "Ties"},
    # --- validation messages (lib.schema) ----------------------------------------
    "schema.missing_column": {
        "da": "Kolonnen '{column}' mangler i filen (kræves).",
        "en": "Column '{column}' is missing from the file (required).",
    },
    "schema.required_value": {
        "da": "Feltet skal udfyldes.",
        "en": "This field is required.",
    },
    "schema.not_number": {"da": "'{value}' er ikke et tal.", "en": "'{value}' is not a number."},
    "schema.not_integer": {"da": "'{value}' er ikke et helt tal.", "en": "'{value}' is not a whole number."},
    "schema.not_bool": {
        "da": "'{value}' er ikke ja/nej (brug 1/0, ja/nej).",
        "en": "'{value}' is not yes/no (use 1/0, yes/no).",
    },
    "schema.out_of_range": {
        "da": "'{value}' ligger uden for det tilladte interval {min} til {max}.",
        "en": "'{value}' is outside the allowed range {min} to {max}.",
    },
    "schema.not_allowed": {
        "da": "'{value}' er ikke en tilladt værdi. Tilladt: {allowed}.",
        "en": "'{value}' is not an allowed value. Allowed: {allowed}.",
    },
    "schema.too_long": {
        "da": "Teksten er for lang (over 2.000 tegn).",
        "en": "The text is too long (over 2,000 characters).",
    },
    "schema.duplicate_key": {
        "da": "Nøglen '{value}' findes allerede tidligere i filen.",
        "en": "The key '{value}' already appears earlier in the file.",
    },
    "schema.unknown_reference": {
        "da": "'{value}' findes ikke i tabellen {table}.",
        "en": "'{value}' does not exist in the table {table}.",
    },
    "schema.unknown_code": {
        "da": "Koden '{value}' findes ikke i kodebogen som {kind}. Upload en kodebog med koden, eller ret koden.",
        "en": "Code '{value}' is not in the codebook as {kind}. Upload a codebook with the code, or fix the code.",
    },
    # --- storage (lib.data.store) ---------------------------------------------------------
    "store.concurrent_import": {
        "da": "Tabellen {table} blev ændret af en anden, mens du importerede. Intet er gemt: indlæs siden og prøv igen.",
        "en": "The table {table} was changed by someone else while you imported. Nothing was saved: "
        "reload the page and try again.",
    },
    "store.unknown_version": {
        "da": "Version {version} findes ikke for tabellen {table}.",
        "en": "Version {version} does not exist for the table {table}.",
    },
    "store.unknown_table": {"da": "Ukendt tabel: {table}.", "en": "Unknown table: {table}."},
    "store.invalid_frame": {
        "da": "Data for {table} er ikke gyldige ({n:num} {n:problem|problemer}). Intet er gemt.",
        "en": "The data for {table} are not valid ({n:num} {n:problem|problems}). Nothing was saved.",
    },
}
