"""Texts of the map page and of lib/views/maps.py, lib/analysis/geo.py (keys ``map.*``)."""

TEXTS = {
    # Indicator names and units
    "map.ind.pct_outside_labour_market": {
        "da": "Uden for arbejdsmarked/uddannelse",
        "en": "Outside labour market/education",
    },
    "map.ind.convicted_ratio_national": {
        "da": "Dømte i forhold til landsgennemsnit",
        "en": "Convictions vs national average",
    },
    "map.ind.pct_basic_education_only": {
        "da": "Kun grundskole",
        "en": "Basic education only",
    },
    "map.ind.income_pct_of_region": {
        "da": "Indkomst i % af regionen",
        "en": "Income as % of region",
    },
    "map.ind.pct_nonwestern": {
        "da": "Ikke-vestlig baggrund",
        "en": "Non-western background",
    },
    "map.ind.status": {"da": "Beregnet liste-status", "en": "Computed list status"},
    "map.unit.pct_outside_labour_market": {"da": "{value} %", "en": "{value}%"},
    "map.unit.convicted_ratio_national": {
        "da": "{value} × landsgns.",
        "en": "{value} × national avg.",
    },
    "map.unit.pct_basic_education_only": {"da": "{value} %", "en": "{value}%"},
    "map.unit.income_pct_of_region": {
        "da": "{value} % af regionens",
        "en": "{value}% of region",
    },
    "map.unit.pct_nonwestern": {"da": "{value} %", "en": "{value}%"},
    # Tooltips
    "map.tip.threshold": {"da": "grænse", "en": "threshold"},
    "map.tip.population": {"da": "Beboere", "en": "Residents"},
    "map.tip.n_areas": {"da": "Områder", "en": "Areas"},
    "map.status.none": {"da": "Ikke på en liste", "en": "Not on a list"},
    "map.legend.centre_type": {"da": "Centertype", "en": "Centre type"},
    # Boundary upload errors (lib.data.boundaries.BoundaryError)
    "map.boundary.wrong_kind": {
        "da": "{filename} er ikke en GeoJSON-, GeoPackage- eller zippet Shapefil. Vælg en fil af en af de typer.",
        "en": "{filename} is not a GeoJSON, GeoPackage or zipped Shapefile. Choose a file of one of those kinds.",
    },
    "map.boundary.unreadable": {
        "da": "{filename} kunne ikke læses som geodata: filen er beskadiget eller ikke en GeoJSON-, GeoPackage- "
        "eller Shapefil. Gem laget igen fra dit GIS-program, fx som GeoPackage.",
        "en": "{filename} could not be read as geodata: the file is damaged or not a GeoJSON, GeoPackage or "
        "Shapefile. Save the layer again from your GIS program, e.g. as GeoPackage.",
    },
    "map.boundary.shp_incomplete": {
        "da": "Shapefilen i {filename} mangler sin {missing}-fil. Zip .shp, .shx, .dbf og .prj sammen.",
        "en": "The Shapefile in {filename} lacks its {missing} file. Zip the .shp, .shx, .dbf and .prj together.",
    },
    "map.boundary.unknown_crs": {
        "da": "{filename} angiver koordinatsystemet '{crs}', som ikke kendes eller ikke kan omregnes til "
        "længde/bredde. Gem laget igen med et kendt koordinatsystem, fx EPSG:25832 eller EPSG:4326.",
        "en": "{filename} declares the coordinate reference system '{crs}', which is unknown or cannot be "
        "converted to longitude/latitude. Save the layer again with a known CRS, e.g. EPSG:25832 or EPSG:4326.",
    },
    "map.boundary.no_shp": {
        "da": "Zip-filen {filename} indeholder ingen .shp-fil. Zip .shp, .shx, .dbf og .prj sammen.",
        "en": "The zip file {filename} holds no .shp file. Zip the .shp, .shx, .dbf and .prj together.",
    },
    "map.boundary.no_crs": {
        "da": "{filename} angiver ikke sit koordinatsystem (for en Shapefil: .prj mangler). "
        "Gem filen igen med koordinatsystemet, fx EPSG:25832.",
        "en": "{filename} does not declare its coordinate reference system (for a Shapefile: the .prj is "
        "missing). Save it again with its CRS, e.g. EPSG:25832.",
    },
    "map.boundary.not_lonlat": {
        "da": "{filename} angiver ingen koordinatsystem, og koordinaterne er ikke længde/bredde "
        "(de ligner meter, fx EPSG:25832). Gem filen igen med koordinatsystemet angivet.",
        "en": "{filename} declares no CRS and its coordinates are not longitude/latitude (they look like "
        "metres, e.g. EPSG:25832). Save it again with its CRS declared.",
    },
    "map.boundary.empty": {
        "da": "{filename} indeholder ingen geometrier.",
        "en": "{filename} contains no geometries.",
    },
    "map.boundary.not_polygons": {
        "da": "{filename} indeholder {types}, ikke polygoner. Upload et lag med områdeafgrænsninger (polygoner).",
        "en": "{filename} contains {types}, not polygons. Upload a layer of boundaries (polygons).",
    },
    # Page
    "map.title": {"da": "Kort: centre og områder", "en": "Map: centres and areas"},
    "map.lead": {
        "da": "Centrene (prikker, farvet efter type) vist mod boligområdernes officielle indikatorer (cirkler). "
        "Klik på et center eller et område for detaljer. Kortet virker uden internet; baggrundskortet er valgfrit.",
        "en": "The centres (dots, coloured by type) against the housing areas' official indicators (circles). "
        "Click a centre or an area for details. The map works offline; the background map is optional.",
    },
    "map.indicator": {"da": "Farv områderne efter", "en": "Colour the areas by"},
    "map.basemap": {"da": "Baggrundskort", "en": "Background map"},
    "map.basemap_help": {
        "da": "Henter kortfliser fra CARTO/OpenStreetMap over internettet. Slået fra: kun Danmarks omrids.",
        "en": "Fetches map tiles from CARTO/OpenStreetMap over the internet. Off: only the outline of Denmark.",
    },
    "map.outline_credit": {
        "da": "Danmarks omrids: Natural Earth (fri af ophavsret).",
        "en": "Outline of Denmark: Natural Earth (public domain).",
    },
    "map.view.country": {"da": "Hele landet", "en": "Whole country"},
    "map.view.fit": {"da": "Zoom til udvalget", "en": "Zoom to the selection"},
    "map.basemap_credit": {"da": "Baggrundskort © CARTO, © OpenStreetMap.", "en": "Basemap © CARTO, © OpenStreetMap."},
    "map.legend.indicator": {
        "da": "**{indicator}**: rød = {side} grænsen ({threshold}), dvs. kriteriet er opfyldt; blå = kriteriet er "
        "ikke opfyldt; jo stærkere farve, jo længere fra grænsen; grå = ingen værdi.",
        "en": "**{indicator}**: red = {side} the threshold ({threshold}), i.e. the criterion is met; blue = not "
        "met; the stronger the colour, the further from the threshold; grey = no value.",
    },
    "map.legend.above": {"da": "over", "en": "above"},
    "map.legend.below": {"da": "under", "en": "below"},
    "map.legend.no_threshold": {
        "da": "Indikatoren indgår ikke i årets kriterier: farven viser afstanden til medianen (rød over, blå under).",
        "en": "The indicator is not part of this year's criteria: colour shows the distance from the median "
        "(red above, blue below).",
    },
    "map.legend.status": {
        "da": "**Beregnet status** (seneste liste): mørkerød = omdannelse/hårdt ghetto, rød = parallelsamfund/ghetto, "
        "orange = udsat, gul = forebyggelse, grå = ikke på en liste.",
        "en": "**Computed status** (latest list): dark red = transformation/hard ghetto, red = parallel "
        "society/ghetto, orange = vulnerable, yellow = prevention, grey = not listed.",
    },
    "map.legend.size": {"da": "Cirklens størrelse = antal beboere.", "en": "Circle size = residents."},
    "map.legend.centres": {
        "da": "Prikker: centre, blå = biblioteks-, grøn = sundheds-, orange = forenings-, lyserød = "
        "boligområdebaseret. Sort ring: hul i dækningen (se nedenfor).",
        "en": "Dots: centres, blue = library-, green = health-, orange = association-, pink = housing-area-based. "
        "Black ring: a gap in coverage (see below).",
    },
    # Gap analysis
    "map.gap.heading": {"da": "Huller i dækningen", "en": "Gaps in coverage"},
    "map.gap.help": {
        "da": "Områder, der opfylder mindst N officielle kriterier (og evt. har en valgt status), men intet center "
        "har inden for X km. Afstande måles i EPSG:25832 (meter) til alle centre, også uden for filtrene.",
        "en": "Areas that meet at least N official criteria (and, optionally, have a chosen status) but have no "
        "centre within X km. Distances are measured in EPSG:25832 (metres) to all centres, also outside the filters.",
    },
    "map.gap.min_criteria": {"da": "Mindst antal kriterier opfyldt", "en": "At least this many criteria met"},
    "map.gap.min_criteria_help": {
        "da": "0 = alle områder. Tælles efter årets regelsæt (fx 2 af 4 for udsatte områder fra 2018).",
        "en": "0 = every area. Counted by the year's rule set (e.g. 2 of 4 for vulnerable areas from 2018).",
    },
    "map.gap.status": {"da": "Status (valgfri)", "en": "Status (optional)"},
    "map.gap.km": {"da": "Intet center inden for (km)", "en": "No centre within (km)"},
    "map.gap.type": {"da": "Centertype", "en": "Centre type"},
    "map.gap.any_type": {"da": "Alle typer", "en": "Any type"},
    "map.gap.list": {
        "da": "Områder uden center inden for {km} km: {n:num}",
        "en": "Areas without a centre within {km} km: {n:num}",
    },
    "map.gapcol.area_id": {"da": "Område-id", "en": "Area id"},
    "map.gapcol.name": {"da": "Område", "en": "Area"},
    "map.gapcol.municipality": {"da": "Kommune", "en": "Municipality"},
    "map.gapcol.region": {"da": "Region", "en": "Region"},
    "map.gapcol.population": {"da": "Beboere", "en": "Residents"},
    "map.gapcol.status": {"da": "Status", "en": "Status"},
    "map.gapcol.criteria_met": {"da": "Kriterier opfyldt", "en": "Criteria met"},
    "map.gapcol.nearest_centre_id": {"da": "Nærmeste center-id", "en": "Nearest centre id"},
    "map.gapcol.nearest_centre_name": {"da": "Nærmeste center", "en": "Nearest centre"},
    "map.gapcol.nearest_centre_type": {"da": "Type", "en": "Type"},
    "map.gapcol.distance_km": {"da": "Afstand (km)", "en": "Distance (km)"},
    "map.gapcol.gap_reason": {"da": "Hvorfor på listen", "en": "Why listed"},
    "map.gap.reason.too_far": {"da": "Nærmeste center er for langt væk", "en": "Nearest centre too far"},
    "map.gap.reason.no_centre": {"da": "Intet center med placering", "en": "No centre with a location"},
    "map.gap.reason.no_coordinates": {
        "da": "Området har ingen koordinater (afstand ukendt)",
        "en": "The area has no coordinates (distance unknown)",
    },
    # Details panel
    "map.details.hint": {
        "da": "Klik på et center eller et område på kortet for at se detaljer her.",
        "en": "Click a centre or an area on the map to see its details here.",
    },
    "map.details.partners": {"da": "Under samme tag", "en": "Under the roof"},
    "map.details.survey": {"da": "Spørgeskema: {n:num} svar", "en": "Survey: {n:num} {n:response|responses}"},
    "map.details.dimension": {"da": "Vurdering", "en": "Rating"},
    "map.details.mean": {"da": "Gns. (1-5)", "en": "Mean (1-5)"},
    "map.details.network": {"da": "Se centrets netværk", "en": "See the centre's network"},
    "map.details.clear": {"da": "Ryd valg", "en": "Clear selection"},
    "map.details.met": {"da": "opfyldt", "en": "met"},
    "map.details.not_met": {"da": "ikke opfyldt", "en": "not met"},
    "map.details.col_indicator": {"da": "Indikator", "en": "Indicator"},
    "map.details.col_value": {"da": "Værdi", "en": "Value"},
    "map.details.col_threshold": {"da": "Grænse", "en": "Threshold"},
    "map.details.col_met": {"da": "Kriterium", "en": "Criterion"},
    "map.details.within": {"da": "Centre inden for {km} km: {n:num}", "en": "Centres within {km} km: {n:num}"},
    "map.flag.has_library": {"da": "bibliotek", "en": "library"},
    "map.flag.has_health_services": {"da": "sundhedstilbud", "en": "health services"},
    "map.flag.has_housing_social_plan": {"da": "boligsocial helhedsplan", "en": "housing-social plan"},
    "map.flag.has_associations": {"da": "foreninger", "en": "associations"},
    "map.flag.has_municipal_services": {"da": "kommunale tilbud", "en": "municipal services"},
    # Static map
    "map.static.title": {"da": "Centre og områder: {indicator}", "en": "Centres and areas: {indicator}"},
    # Boundary upload
    "map.upload.heading": {"da": "Egne områdegrænser (upload)", "en": "Your own boundaries (upload)"},
    "map.upload.help": {
        "da": "Upload et polygonlag (GeoJSON, GeoPackage eller zippet Shapefil) i det koordinatsystem, filen angiver, "
        "fx EPSG:25832. Områderne placeres i polygonerne, og kortet viser den befolkningsvægtede indikator pr. "
        "polygon. Filen bruges kun i din session: den gemmes ikke og ses ikke af andre.",
        "en": "Upload a polygon layer (GeoJSON, GeoPackage or zipped Shapefile) in the CRS the file declares, "
        "e.g. EPSG:25832. Areas are placed in the polygons and the map shows the population-weighted indicator per "
        "polygon. The file is used in your session only: it is not stored and nobody else sees it.",
    },
    "map.upload.label": {
        "da": "Polygonfil (GeoJSON, GeoPackage eller zip, højst {mb:num} MB)",
        "en": "Polygon file (GeoJSON, GeoPackage or zip, at most {mb:num} MB)",
    },
    "map.upload.ok": {
        "da": "{n:num} {n:polygon|polygoner} læst (koordinatsystem {crs}, id-kolonne: {id}, navnekolonne: {name}).",
        "en": "{n:num} {n:polygon|polygons} read (CRS {crs}, id column: {id}, name column: {name}).",
    },
    "map.upload.repaired": {
        "da": "{n:num} {n:ugyldig geometri|ugyldige geometrier} blev repareret ({ids}); "
        "{dropped:num} {dropped:objekt|objekter} uden polygon blev udeladt.",
        "en": "{n:num} invalid {n:geometry was|geometries were} repaired ({ids}); "
        "{dropped:num} {dropped:feature|features} without a polygon {dropped:was|were} left out.",
    },
    "map.upload.status_note": {
        "da": "Status kan ikke vægtes; polygonerne viser i stedet {indicator}.",
        "en": "Status cannot be weighted; the polygons show {indicator} instead.",
    },
    "map.upload.legend": {
        "da": "Værdien pr. polygon er gennemsnittet af områderne i den, vægtet med beboertal; grå = ingen områder.",
        "en": "The value per polygon is the mean of the areas inside it, weighted by residents; grey = no areas.",
    },
}
