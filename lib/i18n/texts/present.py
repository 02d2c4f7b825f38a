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
    "present.pinned": {"da": "Fastgjort: {title} ({n} i alt)", "en": "Pinned: {title} ({n} in total)"},
    "present.pinned_count": {"da": "{n} fastgjorte visninger", "en": "{n} pinned views"},
    "present.export_page": {"da": "Denne side som slides", "en": "This page as slides"},
    "present.pptx": {"da": "PPTX", "en": "PPTX"},
    "present.pdf": {"da": "PDF", "en": "PDF"},
    # --- presentation header ---------------------------------------------------------------
    "present.header_version": {"da": "Data: {versions}", "en": "Data: {versions}"},
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
        "da": "Siden havde ingen grafer, da den blev fastgjort. Kortet kommer med i slides, når "
        "»{toggle}« er slået til på siden Kort, før du fastgør.",
        "en": "The page had no charts when it was pinned. The map goes into slides when "
        '"{toggle}" is switched on on the Map page before you pin.',
    },
    "present.view_filters": {"da": "Filtre: {filters}", "en": "Filters: {filters}"},
    "present.start": {"da": "Start præsentation", "en": "Start presentation"},
    "present.start_help": {
        "da": "Viser visningerne én ad gangen på fuld skærm. Pil venstre/højre skifter visning.",
        "en": "Shows the views one at a time full screen. Left/right arrow keys change view.",
    },
    "present.prev": {"da": "Forrige", "en": "Previous"},
    "present.next": {"da": "Næste", "en": "Next"},
    "present.position": {"da": "Visning {i} af {n}", "en": "View {i} of {n}"},
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
    "present.preview": {"da": "Vis graferne ({n})", "en": "Show the charts ({n})"},
    "present.pinned_at": {"da": "fastgjort {time}", "en": "pinned {time}"},
    # --- slides -------------------------------------------------------------------------------
    "present.slide.filters": {"da": "Filtre: {filters}", "en": "Filters: {filters}"},
    "present.slide.data": {
        "da": "Data: {versions}. {provenance}",
        "en": "Data: {versions}. {provenance}",
    },
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
        "da": "{n} visninger fra atlasset · {date}",
        "en": "{n} views from the atlas · {date}",
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
        "da": "(de første {shown} af {total} rækker)",
        "en": "(the first {shown} of {total} rows)",
    },
    "present.slide.page": {"da": "Side: {page}", "en": "Page: {page}"},
    "present.slide.link": {"da": "Levende visning: {url}", "en": "Live view: {url}"},
    "present.slide.no_chart": {
        "da": "Ingen graf i denne visning.",
        "en": "No chart in this view.",
    },
}
