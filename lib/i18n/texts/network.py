"""Texts of the network page and the plain-language explanations of the network measures."""

TEXTS = {
    # --- page -----------------------------------------------------------------
    "network.title": {"da": "Netværk omkring centret", "en": "The network around the centre"},
    "network.intro": {
        "da": (
            "Hvem arbejder centret sammen med, og hvem når det ikke? Hver prik er en aktør i området "
            "(forening, kommunal indsats, boligsocial helhedsplan, frivillige ...), hver streg en relation. "
            "Siden bygger på tre af de fire studier bag atlasset: kortlægning af et områdes ressourcer (2017), "
            "redskaber til tværgående partnerskaber (2019) og netværksanalysen af et medborgercenter (2020)."
        ),
        "en": (
            "Whom does the centre work with, and whom does it not reach? Each dot is an actor in the area "
            "(association, municipal service, housing-social master plan, volunteers ...), each line a tie. "
            "The page builds on three of the four studies behind the atlas: mapping an area's resources (2017), "
            "tools for cross-organisation partnerships (2019) and the network analysis of a community centre (2020)."
        ),
    },
    "network.pick_centre": {"da": "Center", "en": "Centre"},
    "network.pick_centre_help": {
        "da": "Netværket viser alle aktører i centrets område. Et center valgt på kortet åbnes her.",
        "en": "The network shows every actor in the centre's area. A centre chosen on the map opens here.",
    },
    "network.pick_municipality": {"da": "Kommune", "en": "Municipality"},
    "network.pick_municipality_help": {
        "da": "{n:num} centre at vælge imellem: vælg kommunen først, så dens centre. Filtrene i sidepanelet gør listen kortere.",
        "en": "{n:num} centres to choose from: pick the municipality first, then its centres. The sidebar filters shorten the list.",
    },
    "network.sectors": {"da": "Sektorer", "en": "Sectors"},
    "network.sectors_help": {
        "da": "Vis kun aktører fra disse sektorer (centret vises altid). Tomt = alle.",
        "en": "Show only actors from these sectors (the centre is always shown). Empty = all.",
    },
    "network.tie_types": {"da": "Relationstyper", "en": "Tie types"},
    "network.tie_types_help": {
        "da": "Medtag kun disse typer relationer. Tomt = alle.",
        "en": "Include only these kinds of tie. Empty = all.",
    },
    "network.year": {"da": "År for relationerne", "en": "Year of the ties"},
    "network.no_centres": {
        "da": "Ingen centre med aktørdata passer til de valgte filtre. Nulstil filtrene eller upload aktører og relationer.",
        "en": "No centre with actor data matches the chosen filters. Reset the filters or upload actors and ties.",
    },
    "network.summary": {
        "da": "Område {area}: {n_actors:num} {n_actors:aktør|aktører} og {n_ties:num} {n_ties:relation|relationer}. "
        "Sammenhængende grupper: {n_components:num}.",
        "en": "Area {area}: {n_actors:num} {n_actors:actor|actors} and {n_ties:num} {n_ties:tie|ties}. "
        "Connected groups: {n_components:num}.",
    },
    "network.filtered_note": {
        "da": (
            "Filtreret visning: tallene, tegningen og listerne for centret gælder kun de valgte sektorer og "
            "relationstyper. Sammenligningen nederst bruger alle sektorer."
        ),
        "en": (
            "Filtered view: the figures, drawing and lists for the centre cover only the chosen sectors and tie "
            "types. The comparison at the bottom uses all sectors."
        ),
    },
    "network.sample_note": {
        "da": "Eksempeldata: aktørerne og relationerne er opdigtede til illustration.",
        "en": "Sample data: the actors and ties are invented for illustration.",
    },
    # --- drawing --------------------------------------------------------------
    "network.drawing_title": {"da": "Netværket", "en": "The network"},
    "network.drawing_caption": {
        "da": (
            "Farve = sektor; stor rude med ring = centret; firkant = aktør under centrets tag; "
            "tykkere streg = stærkere relation. Navne står kun ved centret og op til {n:num} af de aktører, der oftest "
            "binder andre sammen (ikke hvor navne ville overlappe); peg på en prik for at se resten. "
            "Aktører uden forbindelse til den største gruppe står nederst."
        ),
        "en": (
            "Colour = sector; large diamond with ring = the centre; square = actor under the centre's roof; "
            "thicker line = stronger tie. Names are shown only for the centre and up to {n:num} of the actors that most "
            "often connect others (not where names would overlap); point at a dot to see the rest. "
            "Actors not connected to the largest group are shown at the bottom."
        ),
    },
    "network.col.name": {"da": "Aktør", "en": "Actor"},
    "network.col.sector": {"da": "Sektor", "en": "Sector"},
    "network.col.in_centre": {"da": "Under centrets tag", "en": "Under the centre's roof"},
    "network.col.tie_type": {"da": "Relation", "en": "Tie"},
    "network.col.distance": {"da": "Skridt til centret", "en": "Steps to the centre"},
    "network.col.reason": {"da": "Hvorfor", "en": "Why"},
    "network.tie.several": {"da": "Flere typer", "en": "Several types"},
    "network.shape.centre": {"da": "Centret", "en": "The centre"},
    "network.shape.in_centre": {"da": "Under centrets tag", "en": "Under the centre's roof"},
    "network.shape.other": {"da": "Øvrige aktører", "en": "Other actors"},
    "network.col.kind": {"da": "Placering", "en": "Position"},
    # --- centre's position ---------------------------------------------------
    "network.position_title": {"da": "Centrets position", "en": "The centre's position"},
    "network.reach_1": {"da": "Direkte kontakt", "en": "Direct contact"},
    "network.reach_1_help": {
        "da": "Andel af områdets øvrige aktører, som centret har en direkte relation til ({n:num} af {total:num}).",
        "en": "Share of the area's other actors with a direct tie to the centre ({n:num} of {total:num}).",
    },
    "network.reach_2": {"da": "Inden for 2 skridt", "en": "Within 2 steps"},
    "network.reach_2_help": {
        "da": "Andel af områdets øvrige aktører, som centret når direkte eller via én mellemmand ({n:num} af {total:num}).",
        "en": "Share of the area's other actors the centre reaches directly or through one go-between ({n:num} of {total:num}).",
    },
    "network.rank_betweenness": {"da": "Placering som bindeled", "en": "Rank as a bridge"},
    "network.rank_degree": {"da": "Placering efter antal partnere", "en": "Rank by number of partners"},
    "network.rank_value": {"da": "{rank:num} af {total:num}", "en": "{rank:num} of {total:num}"},
    "network.rank_help": {
        "da": "1 = højest i området. Beregnet blandt alle {total:num} aktører i området inkl. centret.",
        "en": "1 = highest in the area. Computed among all {total:num} actors in the area, the centre included.",
    },
    # --- metrics table and explanations ----------------------------------------
    "network.metrics_title": {"da": "Aktørernes placering i netværket", "en": "The actors' positions in the network"},
    "network.metrics_caption": {
        "da": "Alle mål tæller skridt: en relation er ét skridt uanset styrke.",
        "en": "All measures count steps: a tie is one step whatever its strength.",
    },
    "network.download_kumu": {"da": "Kumu-projektmappe", "en": "Kumu workbook"},
    "network.download_caption": {
        "da": "Hent områdets netværk (alle aktører og relationer, uden filtre) til Kumu eller Gephi:",
        "en": "Download the area's network (every actor and tie, no filters) for Kumu or Gephi:",
    },
    "network.col.degree": {"da": "Partnere", "en": "Partners"},
    "network.col.degree_centrality": {"da": "Andel forbundet", "en": "Share connected"},
    "network.col.betweenness": {"da": "Bindeled", "en": "Bridge"},
    "network.col.closeness": {"da": "Nærhed", "en": "Closeness"},
    "network.col.eigenvector": {"da": "Egenvektor", "en": "Eigenvector"},
    "network.col.eigenvector_note": {"da": "Note", "en": "Note"},
    "network.explain.degree": {
        "da": "Partnere: hvor mange andre aktører aktøren har en relation til.",
        "en": "Partners: how many other actors the actor has a tie with.",
    },
    "network.explain.degree_centrality": {
        "da": "Andel forbundet: partnere delt med antallet af mulige partnere i netværket (0-1).",
        "en": "Share connected: partners divided by the number of possible partners in the network (0-1).",
    },
    "network.explain.betweenness": {
        "da": (
            "Bindeled (mellemcentralitet): hvor ofte aktøren ligger på den korteste vej mellem to andre aktører (0-1). "
            "Høj værdi = andre når hinanden gennem denne aktør; forsvinder den, falder netværket fra hinanden. "
            "Beregnet præcist ud fra alle korteste veje, uanset netværkets størrelse."
        ),
        "en": (
            "Bridge (betweenness): how often the actor lies on the shortest path between two other actors (0-1). "
            "High = others reach each other through this actor; without it, the network falls apart. "
            "Computed exactly from every shortest path, whatever the size of the network."
        ),
    },
    "network.explain.closeness": {
        "da": (
            "Nærhed: hvor få skridt aktøren i gennemsnit har til alle andre, den kan nå (0-1), "
            "nedskaleret når den kun når en del af netværket. Høj = information fra aktøren spreder sig hurtigt."
        ),
        "en": (
            "Closeness: how few steps on average the actor needs to reach everyone it can reach (0-1), "
            "scaled down when it reaches only part of the network. High = news from the actor spreads fast."
        ),
    },
    "network.explain.eigenvector": {
        "da": (
            "Egenvektor (forbundet med de centrale): høj når aktørens partnere selv har mange partnere "
            "(0-1, 1 = den mest centrale i gruppen). Beregnes inden for hver sammenhængende gruppe."
        ),
        "en": (
            "Eigenvector (tied to the central): high when the actor's partners themselves have many partners "
            "(0-1, 1 = the most central in its group). Computed within each connected group."
        ),
    },
    "network.eig_note.isolated": {
        "da": "Ingen relationer: ikke beregnet",
        "en": "No ties: not computed",
    },
    "network.eig_note.component": {
        "da": "Beregnet inden for sin egen gruppe",
        "en": "Computed within its own group",
    },
    "network.eig_note.not_converged": {
        "da": "Beregningen gav ikke et stabilt resultat",
        "en": "The computation did not settle on a stable result",
    },
    # --- comparison across types ----------------------------------------------
    "network.compare_title": {"da": "Centrenes position på tværs af typer", "en": "Centres' positions across types"},
    "network.compare_caption": {
        "da": (
            "Netværksanalysen fra 2020 fandt et center i en central position. Her ses, hvordan det ser ud i de "
            "aktuelle data: én prik pr. center, sort streg = typens gennemsnit, ring = det valgte center, "
            "n = antal centre med aktørdata. Forskellene er kun beskrivende: der er ikke lavet nogen statistisk "
            "test, så de skal ikke kaldes signifikante, og et områdes netværk afhænger også af, hvem der er kortlagt."
        ),
        "en": (
            "The 2020 network analysis found a centre in a central position. This shows how that looks in the "
            "data in use: one dot per centre, black tick = the type's mean, ring = the chosen centre, "
            "n = number of centres with actor data. The differences are descriptive only: no statistical test "
            "is made, so they should not be called significant, and an area's network also depends on who was mapped."
        ),
    },
    "network.compare_caption_bands": {
        "da": (
            "Netværksanalysen fra 2020 fandt et center i en central position. Her ses, hvordan det ser ud i de "
            "aktuelle data. Der er for mange centre til én prik hver, så hvert felt tæller centrene i et interval "
            "af målet (mørkere = flere centre; tabellen har hvert center), sort streg = typens gennemsnit, "
            "ring = det valgte center, n = antal centre med aktørdata. Forskellene er kun beskrivende: der er ikke "
            "lavet nogen statistisk test, så de skal ikke kaldes signifikante, og et områdes netværk afhænger også "
            "af, hvem der er kortlagt."
        ),
        "en": (
            "The 2020 network analysis found a centre in a central position. This shows how that looks in the "
            "data in use. There are too many centres for a dot each, so each box counts the centres in a band "
            "of the measure (darker = more centres; the table has every centre), black tick = the type's mean, "
            "ring = the chosen centre, n = number of centres with actor data. The differences are descriptive "
            "only: no statistical test is made, so they should not be called significant, and an area's network "
            "also depends on who was mapped."
        ),
    },
    "network.compare_computing": {
        "da": "Beregner alle centres netværk til sammenligningen (første gang for disse data) …",
        "en": "Computing every centre's network for the comparison (first time for this data) …",
    },
    "network.compare_measure": {"da": "Mål", "en": "Measure"},
    "network.compare_chart_title": {"da": "Centrenes rækkevidde efter type", "en": "Centres' reach by type"},
    "network.col.centre": {"da": "Center", "en": "Centre"},
    "network.col.centre_type": {"da": "Centertype", "en": "Centre type"},
    "network.col.reach_1": {"da": "Direkte kontakt (andel)", "en": "Direct contact (share)"},
    "network.col.reach_2": {"da": "Inden for 2 skridt (andel)", "en": "Within 2 steps (share)"},
    "network.col.rank_betweenness": {"da": "Placering som bindeled", "en": "Rank as a bridge"},
    "network.col.n_actors": {"da": "Aktører i området", "en": "Actors in the area"},
    "network.col.mean": {"da": "Gennemsnit for typen", "en": "Type average"},
    "network.col.band_from": {"da": "Fra", "en": "From"},
    "network.col.band_to": {"da": "Til", "en": "To"},
    "network.col.n_centres": {"da": "Antal centre", "en": "Number of centres"},
    "network.compare_empty": {
        "da": "Ingen centre med aktørdata at sammenligne.",
        "en": "No centres with actor data to compare.",
    },
    # --- blind spots ----------------------------------------------------------
    "network.blind_title": {
        "da": "Blinde pletter: hvem når centret ikke?",
        "en": "Blind spots: whom does the centre not reach?",
    },
    "network.blind_caption": {
        "da": (
            "Aktører i området uden nogen vej til centret, eller kun via {steps} eller flere skridt. "
            "Kortlægningsstudiet (2017) peger på, at et center ser dem, der kommer i huset: "
            "listen viser, hvem medarbejderne kunne opsøge."
        ),
        "en": (
            "Actors in the area with no path to the centre, or only through {steps} or more steps. "
            "The mapping study (2017) points out that a centre sees those who come to the house: "
            "the list shows whom staff could go out and visit."
        ),
    },
    "network.blind_none": {
        "da": "Ingen blinde pletter: centret når alle områdets aktører inden for {steps} skridt.",
        "en": "No blind spots: the centre reaches every actor in the area within {steps} steps.",
    },
    "network.blind_count": {
        "da": "{n:num} {n:aktør|aktører}: {no_path:num} uden forbindelse, {far:num} langt væk.",
        "en": "{n:num} {n:actor|actors}: {no_path:num} not connected, {far:num} far away.",
    },
    "network.reason.no_path": {"da": "Ingen forbindelse", "en": "Not connected"},
    "network.reason.far": {"da": "Langt væk", "en": "Far away"},
    # --- suggested partnerships ------------------------------------------------
    "network.suggest_title": {"da": "Forslag til nye partnerskaber", "en": "Suggested new partnerships"},
    "network.suggest_caption": {
        "da": (
            "Forslag, ikke anbefalinger: par af aktører fra forskellige sektorer, som endnu ikke har en relation, "
            "men som har fælles partnere. Jo flere fælles partnere, og jo færre andre relationer de har, "
            "desto højere i listen (Adamic-Adar). Brug dem som afsæt for en samtale, fx med håndbogens "
            "dialogredskaber fra 2019."
        ),
        "en": (
            "Suggestions, not recommendations: pairs of actors from different sectors who are not yet tied but "
            "share partners. The more shared partners, and the fewer other ties those partners have, the higher "
            "the pair (Adamic-Adar). Use them to start a conversation, e.g. with the handbook's 2019 dialogue tools."
        ),
    },
    "network.suggest_none": {
        "da": "Ingen forslag: ingen par fra forskellige sektorer har fælles partnere uden selv at være forbundet.",
        "en": "No suggestions: no pair from different sectors shares a partner without already being tied.",
    },
    "network.col.pair": {"da": "Forslag", "en": "Suggestion"},
    "network.col.sectors": {"da": "Sektorer", "en": "Sectors"},
    "network.col.reason_common": {"da": "Begrundelse", "en": "Reason"},
    "network.col.score": {"da": "Score", "en": "Score"},
    "network.reason_common": {"da": "Begge arbejder med {names}", "en": "Both work with {names}"},
    "network.and": {"da": "og", "en": "and"},
    "network.n_more": {"da": "{n:num} andre", "en": "{n:num} others"},
    "network.suggest_item": {
        "da": "**{a}** og **{b}** ({sectors}): {reason}.",
        "en": "**{a}** and **{b}** ({sectors}): {reason}.",
    },
}
