"""Texts of the "Compare types" page (keys ``compare.*``)."""

TEXTS = {
    "compare.title": {"da": "Sammenlign centertyper", "en": "Compare centre types"},
    "compare.intro": {
        "da": "Hvordan adskiller de fire typer medborgercentre sig? Grafen viser, hvor stor en andel af "
        "svarene fra hver type der nævner hver fordel (til højre) og hver ulempe (til venstre). "
        "Øverst står de punkter, hvor typerne adskiller sig mest.",
        "en": "How do the four types of community centre differ? The chart shows the share of the "
        "responses from each type that name each advantage (right) and each drawback (left). "
        "The points on which the types differ most are at the top.",
    },
    # --- settings ------------------------------------------------------------------------
    "compare.focus_label": {"da": "Fokus på én type", "en": "Focus on one type"},
    "compare.focus_all": {"da": "Alle typer", "en": "All types"},
    "compare.focus_help": {
        "da": "Vælg en type for at se den over for alle andre typer samlet (puljet fra antallene).",
        "en": "Pick a type to see it against all other types together (pooled from the counts).",
    },
    "compare.min_n_label": {"da": "Mindste antal svar pr. celle", "en": "Minimum answers per cell"},
    "compare.min_n_help": {
        "da": "Andele og gennemsnit bygget på færre svar end dette vises ikke.",
        "en": "Shares and means based on fewer answers than this are not shown.",
    },
    # --- items chart ---------------------------------------------------------------------
    "compare.items_heading": {"da": "Fordele og ulemper pr. type", "en": "Advantages and drawbacks per type"},
    "compare.items_title": {
        "da": "Andel af svar, der nævner punktet, pr. centertype",
        "en": "Share of responses naming each point, per centre type",
    },
    "compare.items_title_focus": {
        "da": "{type} over for alle andre typer: andel af svar, der nævner punktet",
        "en": "{type} against all other types: share of responses naming each point",
    },
    "compare.advantages": {"da": "Fordele →", "en": "Advantages →"},
    "compare.drawbacks": {"da": "← Ulemper", "en": "← Drawbacks"},
    "compare.axis_share": {"da": "% af svarene", "en": "% of responses"},
    "compare.others": {"da": "Alle andre typer", "en": "All other types"},
    "compare.too_few_short": {"da": "for få svar (n={n:num})", "en": "too few answers (n={n:num})"},
    "compare.no_answers_short": {"da": "ingen svar", "en": "no answers"},
    "compare.all_suppressed": {
        "da": "Alle celler har færre end {min_n:num} svar med de valgte filtre, så ingen andele vises. "
        "Udvid filtrene eller sænk grænsen for mindste antal svar.",
        "en": "Every cell has fewer than {min_n:num} {min_n:answer|answers} with the chosen filters, so no shares are shown. "
        "Widen the filters or lower the minimum number of answers.",
    },
    "compare.n_line": {
        "da": "Antal svar bag hver søjle: {counts}. Sorte streger: 95 %-interval (Wilson).",
        "en": "Responses behind each bar: {counts}. Black lines: 95 % interval (Wilson).",
    },
    "compare.suppression_rule": {
        "da": "**Regel for små tal:** En andel vises kun, når mindst {min_n:num} svar ligger bag; ellers står "
        'der "for få svar". Antallet af svar (n) vises altid. Grænsen ændres i feltet '
        '"Mindste antal svar pr. celle" øverst på siden.',
        "en": "**Small-numbers rule:** a share is shown only when at least {min_n:num} {min_n:response|responses} lie behind "
        'it; otherwise the chart says "too few answers". The number of responses (n) is always '
        "shown. The threshold is set in the "
        'field "Minimum answers per cell" at the top of the page.',
    },
    "compare.sorted_note": {
        "da": "Sorteret efter forskellen mellem højeste og laveste andel blandt de viste typer.",
        "en": "Sorted by the gap between the highest and lowest share among the types shown.",
    },
    "compare.sorted_note_focus": {
        "da": "Sorteret efter forskellen mellem {type} og de øvrige typer. Forskellen og dens "
        "95 %-interval (Newcombe) står i tabellen og i værktøjstippet.",
        "en": "Sorted by the difference between {type} and the other types. The difference and its "
        "95 % interval (Newcombe) are in the table and the tooltip.",
    },
    "compare.sample_line": {
        "da": "Bemærk: grafen bygger på illustrative eksempeldata, ikke på rigtige svar.",
        "en": "Note: this chart is built on illustrative sample data, not on real answers.",
    },
    "compare.test_note": {
        "da": "Test: for hvert punkt en chi-i-anden-test af type x nævnt (kun typer med nok svar, og kun "
        "når alle forventede antal er mindst 5), korrigeret for mange test med Holms metode. "
        "{n_differ:num} af {n_tested:num} testede punkter viser en forskel mellem typerne (p < 0,05). "
        "Svar fra samme center ligner hinanden, så testen er for optimistisk: læs den som et "
        "fingerpeg, ikke som bevis.",
        "en": "Test: for each point a chi-square test of type x named (only types with enough answers, "
        "and only when every expected count is at least 5), corrected for multiple testing with "
        "Holm's method. {n_differ:num} of {n_tested:num} tested {n_tested:point|points} show a difference between the types "
        "(p < 0.05). Answers from the same centre resemble each other, so the test is optimistic: "
        "read it as a hint, not as proof.",
    },
    "compare.test_note_none": {
        "da": "Test: ingen test er mulig her. Testen sammenligner typerne og kræver mindst to typer med nok "
        "svar; vælg flere typer i filteret, eller sænk grænsen for mindste antal svar.",
        "en": "Test: no test is possible here. The test compares the types and needs at least two types "
        "with enough answers; choose more types in the filter, or lower the minimum number of answers.",
    },
    "compare.test_differs": {"da": "Typerne er forskellige (p < 0,05)", "en": "Types differ (p < 0.05)"},
    "compare.test_no_difference": {
        "da": "Ingen påvist forskel",
        "en": "No difference shown",
    },
    "compare.test_not_tested": {"da": "Ikke testet (for få svar)", "en": "Not tested (too few answers)"},
    "compare.tt_item": {"da": "Punkt", "en": "Point"},
    "compare.tt_group": {"da": "Type", "en": "Type"},
    "compare.tt_share": {"da": "Andel", "en": "Share"},
    "compare.tt_interval": {"da": "95 %-interval", "en": "95 % interval"},
    "compare.tt_k": {"da": "Svar der nævner det", "en": "Responses naming it"},
    "compare.tt_n": {"da": "Svar i alt (n)", "en": "Responses (n)"},
    "compare.tt_test": {"da": "Test", "en": "Test"},
    "compare.tt_difference": {"da": "Forskel (95 %-interval)", "en": "Difference (95 % interval)"},
    "compare.difference_fmt": {
        "da": "{d} procentpoint (95 %-interval: {lo} til {hi})",
        "en": "{d} percentage points (95 % interval: {lo} to {hi})",
    },
    "compare.tt_dimension": {"da": "Vurdering", "en": "Rating"},
    "compare.tt_mean": {"da": "Gennemsnit (1-5)", "en": "Mean (1-5)"},
    "compare.tt_median": {"da": "Median", "en": "Median"},
    "compare.tt_q1": {"da": "Nedre kvartil", "en": "Lower quartile"},
    "compare.tt_q3": {"da": "Øvre kvartil", "en": "Upper quartile"},
    "compare.tt_centres": {"da": "Centre", "en": "Centres"},
    "compare.tt_partner": {"da": "Partner", "en": "Partner"},
    "compare.tt_share_centres": {"da": "Andel af centrene", "en": "Share of centres"},
    # --- ratings -------------------------------------------------------------------------
    "compare.ratings_heading": {"da": "Vurderinger pr. type", "en": "Ratings per type"},
    "compare.ratings_title": {
        "da": "Gennemsnitlig vurdering (1 = meget dårligt, 5 = meget godt) med 95 %-interval",
        "en": "Mean rating (1 = very poor, 5 = very good) with 95 % interval",
    },
    "compare.ratings_caption": {
        "da": "Prik: gennemsnit; streg: 95 %-interval (t-fordeling). Blanke svar tæller ikke med. "
        "Færre end {min_n:num} {min_n:vurdering|vurderinger}: ingen prik.",
        "en": "Dot: mean; line: 95 % interval (t distribution). Blank answers are left out. "
        "Fewer than {min_n:num} {min_n:rating|ratings}: no dot.",
    },
    "compare.axis_rating": {"da": "Gennemsnit (1-5)", "en": "Mean (1-5)"},
    # --- profiles ------------------------------------------------------------------------
    "compare.profiles_heading": {"da": "Sådan ser centrene ud", "en": "What the centres look like"},
    "compare.profiles_title": {
        "da": "Størrelse, åbningstid og organisationer under taget: median og midterste halvdel",
        "en": "Size, opening hours and organisations under the roof: median and middle half",
    },
    "compare.profiles_caption": {
        "da": "Fra centertabellen ({n:num} {n:center|centre} i udvalget), ikke fra spørgeskemaet. Prik: median; "
        "streg: de midterste 50 % af centrene (kvartiler).",
        "en": "From the centres table ({n:num} {n:centre|centres} in the selection), not from the survey. Dot: "
        "median; line: the middle 50 % of centres (quartiles).",
    },
    "compare.partners_title": {
        "da": "Andel af centrene med hver slags partner under taget",
        "en": "Share of centres with each kind of partner under the roof",
    },
    "compare.metric.floor_area_m2": {"da": "Areal (m²)", "en": "Floor area (m²)"},
    "compare.metric.weekly_opening_hours": {"da": "Åbent (timer/uge)", "en": "Open (hours/week)"},
    "compare.metric.n_organisations": {"da": "Organisationer", "en": "Organisations"},
    "compare.flag.has_library": {"da": "Bibliotek", "en": "Library"},
    "compare.flag.has_health_services": {"da": "Sundhedstilbud", "en": "Health services"},
    "compare.flag.has_housing_social_plan": {"da": "Boligsocial plan", "en": "Housing-social plan"},
    "compare.flag.has_associations": {"da": "Foreninger", "en": "Associations"},
    "compare.flag.has_municipal_services": {"da": "Kommunale tilbud", "en": "Municipal services"},
    # --- type cards ----------------------------------------------------------------------
    "compare.cards_heading": {"da": "De fire typer kort fortalt", "en": "The four types in brief"},
    "compare.cards_badge": {
        "da": "Sammenfatning af offentliggjorte undersøgelser, ikke data fra spørgeskemaet",
        "en": "Summary of published studies, not survey data",
    },
    "compare.card.library": {
        "da": "Bygget op om et bibliotek. Henvender sig bredt til alle borgere og egner sig derfor godt "
        "som mødested mellem nye og gamle beboere. Staten støttede 16 biblioteksbaserede "
        "medborgercentre i 2008-2012; et år efter arbejdede alle med frivillige, og de fleste havde "
        "fået nye samarbejdspartnere.",
        "en": "Built around a library. Speaks to citizens broadly, which makes it a natural meeting "
        "place for new and long-standing residents. The state funded 16 library-based centres in "
        "2008-2012; a year on, all of them worked with volunteers and most had new partners.",
    },
    "compare.card.health": {
        "da": "Ofte store huse med attraktive faciliteter og sundhedstilbud. Kan trække nye brugere "
        "til området og binde det sammen med resten af byen.",
        "en": "Often large buildings with attractive facilities and health services. Can draw new "
        "users into the area and tie it to the rest of the city.",
    },
    "compare.card.association": {
        "da": "Drives med foreningerne som omdrejningspunkt. Samler mange forskellige grupper af beboere under ét tag.",
        "en": "Run with the local associations at its core. Brings many different groups of "
        "residents together under one roof.",
    },
    "compare.card.housing_area": {
        "da": "Drives fra boligområdet selv, typisk af den boligsociale helhedsplan. Typen nævnes af "
        "rapportens hovedforfatter i et interview.",
        "en": "Run from the housing area itself, typically by its housing-social master plan. The "
        "type is named by the report's lead author in an interview.",
    },
    "compare.cards_common": {
        "da": "Fælles for alle typer: det er huset som en fast og stabil ramme, der gør centret til en "
        "platform for samarbejde på tværs af frivillige, boligsociale og kommunale aktører.",
        "en": "Common to all types: it is the house as a permanent, stable frame that makes the centre "
        "a platform for collaboration across volunteer, housing-social and municipal actors.",
    },
    "compare.cards_source": {
        "da": "Kilde: projektets egen sammenfatning af CFBU's rapport \"Medborgercentre i udsatte "
        'boligområder" (aug. 2019), CFBU-nyheder 19.8.2019 og 27.2.2020, og Slots- og '
        'Kulturstyrelsens side "Medborgercentre" (2020). Formuleringerne er vores egne.',
        "en": "Source: the project's own summary of the CFBU report \"Medborgercentre i udsatte "
        'boligområder" (Aug 2019), CFBU news of 19 Aug 2019 and 27 Feb 2020, and the Danish Agency '
        'for Culture and Palaces page "Medborgercentre" (2020). The wording is ours.',
    },
    # --- comments ------------------------------------------------------------------------
    "compare.comments_heading": {"da": "Kommentarer fra svarene", "en": "Comments from the responses"},
    "compare.comments_intro": {
        "da": "Kommentarerne vises kun med centertype og år, aldrig med center eller besvarelse, for at "
        "beskytte dem, der har svaret. Typer med færre end {min_n:num} svar i udvalget vises ikke.",
        "en": "Comments are shown only with centre type and year, never with the centre or response, "
        "to protect the respondents. Types with fewer than {min_n:num} {min_n:response|responses} in the selection are "
        "left out.",
    },
    "compare.comment_query": {"da": "Søg i kommentarerne", "en": "Search the comments"},
    "compare.comment_query_help": {
        "da": "Alle ord skal forekomme (store og små bogstaver er ligegyldige).",
        "en": "Every word must occur (upper or lower case does not matter).",
    },
    "compare.comment_code": {"da": "Kun svar, der nævner", "en": "Only responses naming"},
    "compare.comment_type": {"da": "Kun typen", "en": "Only the type"},
    "compare.any": {"da": "(alle)", "en": "(any)"},
    "compare.comments_count": {
        "da": "{n:num} {n:kommentar|kommentarer} fundet (højst {shown:num} vises).",
        "en": "{n:num} {n:comment|comments} found (at most {shown:num} shown).",
    },
    "compare.comments_none": {
        "da": "Ingen kommentarer passer til søgningen.",
        "en": "No comments match the search.",
    },
    "compare.col_comment": {"da": "Kommentar", "en": "Comment"},
    # --- table and CSV columns (lib/views/compare.py TABLE_COLUMNS) ------------------------------
    "compare.col.item": {"da": "Punkt", "en": "Point"},
    "compare.col.kind": {"da": "Fordel eller ulempe", "en": "Advantage or drawback"},
    "compare.kind.advantage": {"da": "Fordel", "en": "Advantage"},
    "compare.kind.drawback": {"da": "Ulempe", "en": "Drawback"},
    "compare.col.group": {"da": "Type", "en": "Type"},
    "compare.col.dimension": {"da": "Vurdering", "en": "Rating"},
    "compare.col.n": {"da": "Svar i alt (n)", "en": "Responses (n)"},
    "compare.col.k": {"da": "Svar der nævner punktet", "en": "Responses naming the point"},
    "compare.col.share_pct": {"da": "Andel (%)", "en": "Share (%)"},
    "compare.col.lo_pct": {"da": "95 %-interval, fra (%)", "en": "95 % interval, from (%)"},
    "compare.col.hi_pct": {"da": "95 %-interval, til (%)", "en": "95 % interval, to (%)"},
    "compare.col.spread": {
        "da": "Forskel mellem højeste og laveste type (procentpoint)",
        "en": "Gap between highest and lowest type (percentage points)",
    },
    "compare.col.test": {"da": "Test", "en": "Test"},
    "compare.col.difference": {"da": "Forskel (95 %-interval)", "en": "Difference (95 % interval)"},
    "compare.col.mean": {"da": "Gennemsnit (1-5)", "en": "Mean (1-5)"},
    "compare.col.ci_lo": {"da": "95 %-interval, fra", "en": "95 % interval, from"},
    "compare.col.ci_hi": {"da": "95 %-interval, til", "en": "95 % interval, to"},
    "compare.col.suppressed": {"da": "Skjult (for få svar)", "en": "Hidden (too few answers)"},
    "compare.col.n_centres": {"da": "Centre", "en": "Centres"},
    "compare.col.stat_median": {"da": "{metric}: median", "en": "{metric}: median"},
    "compare.col.stat_q1": {"da": "{metric}: nedre kvartil", "en": "{metric}: lower quartile"},
    "compare.col.stat_q3": {"da": "{metric}: øvre kvartil", "en": "{metric}: upper quartile"},
    "compare.col.stat_n": {"da": "{metric}: centre med tal", "en": "{metric}: centres with a figure"},
    "compare.col.partner_pct": {"da": "{partner} (% af centrene)", "en": "{partner} (% of centres)"},
    "compare.col_type": {"da": "Type", "en": "Type"},
    "compare.col_year": {"da": "År", "en": "Year"},
    "compare.settings": {"da": "Indstillinger", "en": "Settings"},
    "compare.no_responses": {
        "da": "Ingen svar i det valgte udvalg. Fjern et filter i sidepanelet.",
        "en": "No responses in the current selection. Remove a filter in the sidebar.",
    },
}
