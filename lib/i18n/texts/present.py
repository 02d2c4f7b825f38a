"""Texts of presentation mode, share links, the storyboard (Present page) and slide export."""

TEXTS = {
    # --- sidebar tools -------------------------------------------------------------------
    "present.tools": {"da": "Del og præsenter", "en": "Share and present"},
    "present.share": {"da": "Kopiér link", "en": "Copy link"},
    "present.share_help": {
        "da": "Laver et link, der åbner denne side med de samme filtre, sprog og valg.",
        "en": "Makes a link that reopens this page with the same filters, language and selections.",
    },
    "present.share_caption": {
        "da": "Kopiér linket med knappen i feltets hjørne.",
        "en": "Copy the link with the button in the box's corner.",
    },
    "present.share_label": {"da": "Link til denne visning", "en": "Link to this view"},
    "present.pin": {"da": "Fastgør visning", "en": "Pin this view"},
    "present.pin_short": {"da": "Fastgør", "en": "Pin"},
    "present.pin_help": {
        "da": "Gemmer siden, filtrene og graferne i storyboardet på siden Præsentation.",
        "en": "Saves the page, the filters and the charts to the storyboard on the Present page.",
    },
    "present.pinned": {"da": "Fastgjort: {title} ({n:num} i alt)", "en": "Pinned: {title} ({n:num} in total)"},
    "present.pinned_count": {
        "da": "{n:num} {n:fastgjort visning|fastgjorte visninger}",
        "en": "{n:num} pinned {n:view|views}",
    },
    "present.export_page": {"da": "Denne side som slides", "en": "This page as slides"},
    "present.pptx": {"da": "PPTX", "en": "PPTX"},
    "present.pdf": {"da": "PDF", "en": "PDF"},
    # --- presentation header and layout -------------------------------------------------------
    "present.settings": {"da": "Indstillinger", "en": "Settings"},
    "present.header_version": {"da": "Data: {versions}", "en": "Data: {versions}"},
    "present.header_date": {"da": "data pr. {date}", "en": "data as of {date}"},
    # --- Present page -----------------------------------------------------------------------
    "present.title": {"da": "Præsentation", "en": "Present"},
    "present.lead": {
        "da": "Fastgør visninger med **Fastgør visning** i sidepanelet på de andre sider. Her kan du ordne dem, "
        "vise dem én ad gangen på fuld skærm og hente dem som PowerPoint eller PDF.",
        "en": "Pin views with **Pin this view** in the sidebar of the other pages. Here you can order them, "
        "show them one at a time full screen, and download them as PowerPoint or PDF.",
    },
    "present.empty": {
        "da": "Ingen fastgjorte visninger endnu. Gå til en side, vælg filtre, og tryk **Fastgør visning** i "
        "sidepanelet.",
        "en": "No pinned views yet. Go to a page, choose filters and press **Pin this view** in the sidebar.",
    },
    "present.storyboard": {"da": "Storyboard", "en": "Storyboard"},
    "present.up": {"da": "Op", "en": "Up"},
    "present.down": {"da": "Ned", "en": "Down"},
    "present.remove": {"da": "Fjern", "en": "Remove"},
    "present.clear": {"da": "Fjern alle", "en": "Remove all"},
    "present.open_live": {"da": "Åbn siden", "en": "Open the page"},
    "present.open_live_help": {
        "da": "Åbner siden med de filtre og valg, visningen blev fastgjort med.",
        "en": "Opens the page with the filters and selections the view was pinned with.",
    },
    "present.charts": {"da": "Grafer på sliden", "en": "Charts on the slide"},
    "present.no_charts": {
        "da": "Siden havde ingen grafer, da den blev fastgjort.",
        "en": "The page had no charts when it was pinned.",
    },
    "present.view_filters": {"da": "Filtre: {filters}", "en": "Filters: {filters}"},
    "present.start": {"da": "Start præsentation", "en": "Start presentation"},
    "present.start_help": {
        "da": "Viser visningerne én ad gangen på fuld skærm. Pil venstre/højre skifter visning.",
        "en": "Shows the views one at a time full screen. Left/right arrow keys change view.",
    },
    "present.prev": {"da": "Forrige", "en": "Previous"},
    "present.next": {"da": "Næste", "en": "Next"},
    "present.position": {"da": "Visning {i:num} af {n:num}", "en": "View {i:num} of {n:num}"},
    "present.keys_hint": {
        "da": "Tastatur: ← forrige, → næste.",
        "en": "Keyboard: ← previous, → next.",
    },
    "present.export": {"da": "Hent som slides", "en": "Download as slides"},
    "present.export_help": {
        "da": "Én slide pr. visning med graf, filtre, dataversion og kilde; talerens noter har nøgletallene.",
        "en": "One slide per view with chart, filters, data version and source; speaker notes hold the key numbers.",
    },
    "present.download_pptx": {"da": "PowerPoint (.pptx)", "en": "PowerPoint (.pptx)"},
    "present.download_pdf": {"da": "PDF", "en": "PDF"},
    "present.preview": {"da": "Vis graferne ({n:num})", "en": "Show the charts ({n:num})"},
    "present.pinned_at": {"da": "fastgjort {time}", "en": "pinned {time}"},
    # --- slides -------------------------------------------------------------------------------
    "present.slide.filters": {"da": "Filtre: {filters}", "en": "Filters: {filters}"},
    "present.slide.choices": {"da": "Valg på siden: {choices}", "en": "Choices on the page: {choices}"},
    "present.slide.scenario": {"da": "Scenarie: {scenario}", "en": "Scenario: {scenario}"},
    "present.slide.on": {"da": "til", "en": "on"},
    "present.slide.off": {"da": "fra", "en": "off"},
    "present.slide.source": {"da": "Kilde: Medborgercenter-atlas", "en": "Source: Medborgercenter atlas"},
    "present.slide.data_date": {"da": "data pr. {date}", "en": "data as of {date}"},
    "present.slide.versions": {"da": "Dataversioner: {versions}", "en": "Data versions: {versions}"},
    "present.slide.method": {"da": "Metode:", "en": "Method:"},
    "present.slide.sample_notice": {
        "da": "Illustrative eksempeldata: centre, tal, svar og netværk er genereret til demonstration og er ikke "
        "rigtige undersøgelsesresultater.",
        "en": "Illustrative sample data: centres, figures, answers and networks are generated for demonstration "
        "and are not real survey results.",
    },
    "present.slide.sample_note": {
        "da": "sig det højt: tallene er ikke rigtige.",
        "en": "say so out loud: the figures are not real.",
    },
    "present.slide.deck_subtitle": {
        "da": "{n:num} {n:visning|visninger} fra atlasset · {date}",
        "en": "{n:num} {n:view|views} from the atlas · {date}",
    },
    "present.slide.deck_subtitle_one": {
        "da": "1 visning fra atlasset · {date}",
        "en": "1 view from the atlas · {date}",
    },
    "present.slide.title_notes": {
        "da": "Lavet med Medborgercenter-atlas. Hver slide har et link til den levende visning i noterne.",
        "en": "Made with the Medborgercenter atlas. Each slide's notes hold a link to the live view.",
    },
    "present.slide.key_numbers": {"da": "Nøgletal:", "en": "Key numbers:"},
    "present.slide.rows_more": {
        "da": "(de første {shown:num} af {total:num} rækker)",
        "en": "(the first {shown:num} of {total:num} rows)",
    },
    "present.slide.page": {"da": "Side: {page}", "en": "Page: {page}"},
    "present.slide.link": {"da": "Levende visning: {url}", "en": "Live view: {url}"},
    "present.slide.no_chart": {
        "da": "Ingen graf i denne visning.",
        "en": "No chart in this view.",
    },
    # --- the method in the speaker notes, per page ------------------------------------------------
    "present.method.overview": {
        "da": "Antal centre pr. type og antal boligområder pr. beregnet status på den seneste liste, efter filtrene. "
        "Status beregnes af atlasset ud fra indikatorerne og lovens kriterier for listens år; den er ikke den "
        "officielle liste.",
        "en": "Number of centres per type and of housing areas per computed status on the latest list, after the "
        "filters. The atlas computes the status from the indicators and the law's criteria for the list's year; it "
        "is not the official list.",
    },
    "present.method.compare": {
        "da": "Andelen af svar fra hver centertype, der nævner hver fordel og ulempe, med 95 %-interval (Wilson). "
        "En andel vises kun, når mindst det valgte mindste antal svar ligger bag. Forskelle mellem typerne er "
        "testet med chi-i-anden-test og Holms korrektion; svar fra samme center ligner hinanden, så læs testen som "
        "et fingerpeg. Vurderinger: gennemsnit på skalaen 1-5 med 95 %-interval.",
        "en": "The share of responses from each centre type that name each advantage and drawback, with a 95% "
        "(Wilson) interval. A share is shown only when at least the chosen minimum number of responses lies behind "
        "it. Differences between types are tested with chi-squared tests and Holm's correction; responses from one "
        "centre resemble each other, so read the test as a pointer. Ratings: mean on the 1-5 scale with a 95% "
        "interval.",
    },
    "present.method.map": {
        "da": "Centrene (prikker) efter type; boligområderne (cirkler, størrelse efter beboertal) farvet efter "
        "indikatorens afstand til lovens grænse, eller efter beregnet status. Kortet viser udsnittet, som filtrene "
        "vælger. Huller i dækningen: områder, der opfylder mindst det valgte antal kriterier og ikke har et center "
        "inden for den valgte afstand (målt i EPSG:25832).",
        "en": "Centres (dots) by type; housing areas (circles sized by residents) coloured by the indicator's "
        "distance from the legal threshold, or by computed status. The map shows the extent the filters select. "
        "Gaps in coverage: areas that meet at least the chosen number of criteria and have no centre within the "
        "chosen distance (measured in EPSG:25832).",
    },
    "present.method.areas": {
        "da": "Status beregnes for hvert år med det regelsæt, der gjaldt da (almenboligloven), ud fra områdets "
        "indikatorer. Scenariet flytter indikatorerne for de filtrerede områder i det seneste år og beregner "
        "status igen; det er et regneeksempel, ikke en prognose.",
        "en": "Status is computed for each year with the rule set in force then (the social housing act) from the "
        "area's indicators. The scenario shifts the indicators of the filtered areas in the latest year and "
        "computes the status again; it is an illustration, not a forecast.",
    },
    "present.method.network": {
        "da": "Aktører og relationer i centrets område. Rækkevidde: andelen af områdets aktører, centret når i ét "
        "eller to skridt. Placering som bindeled: eksakt betweenness-centralitet; placering efter antal partnere: "
        "grad. Blinde pletter: aktører mere end tre skridt væk eller uden forbindelse.",
        "en": "Actors and ties in the centre's area. Reach: the share of the area's actors the centre reaches in "
        "one or two steps. Rank as a bridge: exact betweenness centrality; rank by number of partners: degree. "
        "Blind spots: actors more than three steps away or not connected.",
    },
}
