"""Texts of the Data page (issue 7): reading files, import, versions, templates, editor rights, CLI."""

TEXTS = {
    # --- reading files (lib.data.ingest): why, and which setting helps ---------------------------
    "data.err.too_large": {
        "da": "Filen fylder {mb:num1} MB; grænsen er {limit:num} MB. Del filen op, eller hæv grænsen med "
        "indstillingen ATLAS_MAX_UPLOAD_MB.",
        "en": "The file is {mb:num1} MB; the limit is {limit:num} MB. Split the file, or raise the limit with the "
        "setting ATLAS_MAX_UPLOAD_MB.",
    },
    "data.err.too_many_rows": {
        "da": "Filen har omkring {rows:num} {rows:række|rækker}; grænsen er {limit:num}. Del filen op, eller hæv grænsen med "
        "indstillingen ATLAS_MAX_ROWS.",
        "en": "The file has about {rows:num} {rows:row|rows}; the limit is {limit:num}. Split the file, or raise the limit with "
        "the setting ATLAS_MAX_ROWS.",
    },
    "data.err.empty": {
        "da": "Filen er tom. Vælg den rigtige fil, eller gem regnearket igen som CSV eller XLSX.",
        "en": "The file is empty. Choose the right file, or save the spreadsheet again as CSV or XLSX.",
    },
    "data.err.headers_only": {
        "da": "Filen har kun overskrifter og ingen datarækker. Tjek at du har gemt det rigtige ark "
        "(indstillingen 'Ark' vælger et andet ark i en XLSX-fil).",
        "en": "The file has only headers and no data rows. Check that you saved the right sheet "
        "(the 'Sheet' setting picks another sheet of an XLSX file).",
    },
    "data.err.not_spreadsheet": {
        "da": "Filen er hverken en CSV-fil eller et Excel-regneark (XLSX). Gem den fra Excel som "
        "'CSV (semikolonsepareret)' eller 'Excel-projektmappe (.xlsx)'.",
        "en": "The file is neither a CSV file nor an Excel workbook (XLSX). Save it from Excel as "
        "'CSV' or 'Excel Workbook (.xlsx)'.",
    },
    "data.err.xls": {
        "da": "Filen er i det gamle Excel-format (.xls). Åbn den i Excel og gem som 'Excel-projektmappe (.xlsx)' "
        "eller CSV.",
        "en": "The file is in the old Excel format (.xls). Open it in Excel and save as 'Excel Workbook (.xlsx)' "
        "or CSV.",
    },
    "data.err.xlsx_broken": {
        "da": "XLSX-filen kan ikke åbnes (den er beskadiget eller ikke en rigtig Excel-fil). Gem den igen fra "
        "Excel, eller gem som CSV.",
        "en": "The XLSX file cannot be opened (it is damaged or not a real Excel file). Save it again from "
        "Excel, or save as CSV.",
    },
    # --- archives (XLSX workbooks and zipped Shapefiles; lib.data.uploads) --------------------------
    "data.err.zip_too_big_inside": {
        "da": "Filen fylder {over}{mb:num1} MB når den pakkes ud; højst {limit:num1} MB er tilladt. En almindelig fil pakker "
        "sig ikke så meget sammen: gem data igen (fx som CSV), eller del filen op.",
        "en": "The file unpacks to {over}{mb:num1} MB; at most {limit:num1} MB is allowed. An ordinary file does not pack that "
        "tightly: save the data again (e.g. as CSV), or split the file.",
    },
    "data.err.zip_members": {
        "da": "Arkivet indeholder {n:num} {n:fil|filer}; højst {limit:num} er tilladt.",
        "en": "The archive holds {n:num} {n:file|files}; at most {limit:num} are allowed.",
    },
    "data.err.zip_path": {
        "da": "Arkivet indeholder en fil med en ugyldig sti ('{member}'). Pak filerne igen uden mapper udenfor "
        "arkivet.",
        "en": "The archive holds a file with an invalid path ('{member}'). Pack the files again without folders "
        "outside the archive.",
    },
    "data.err.zip_encrypted": {
        "da": "Filen '{member}' i arkivet er beskyttet med adgangskode. Pak den igen uden adgangskode.",
        "en": "The file '{member}' in the archive is password-protected. Pack it again without a password.",
    },
    "data.err.zip_method": {
        "da": "Filen '{member}' i arkivet er pakket med en metode, der ikke kan læses. Pak den igen som "
        "almindelig zip.",
        "en": "The file '{member}' in the archive is packed with a method that cannot be read. Pack it again as "
        "an ordinary zip.",
    },
    "data.err.zip_nested": {
        "da": "Arkivet indeholder et andet arkiv ('{member}'). Pak det indre arkiv ud, og upload filerne direkte.",
        "en": "The archive holds another archive ('{member}'). Unpack the inner archive and upload the files directly.",
    },
    "data.err.zip_size_mismatch": {
        "da": "Filen '{member}' i arkivet har en anden størrelse end arkivet angiver; arkivet er beskadiget eller "
        "manipuleret.",
        "en": "The file '{member}' in the archive does not have the size the archive declares; the archive is "
        "damaged or tampered with.",
    },
    "data.err.zip_damaged": {
        "da": "Filen '{member}' i arkivet kan ikke pakkes ud (arkivet er beskadiget). Pak filerne igen.",
        "en": "The file '{member}' in the archive cannot be unpacked (the archive is damaged). Pack the files again.",
    },
    "data.err.too_many_columns": {
        "da": "Overskriftsrækken har {n:num} {n:kolonne|kolonner}; højst {limit:num} læses. Slet de overflødige kolonner i "
        "regnearket, og gem filen igen.",
        "en": "The header row has {n:num} {n:column|columns}; at most {limit:num} are read. Delete the surplus columns in the "
        "spreadsheet and save the file again.",
    },
    "data.err.no_such_sheet": {
        "da": "Arket '{sheet}' findes ikke. Arkene i filen er: {sheets}. Ret indstillingen 'Ark'.",
        "en": "The sheet '{sheet}' does not exist. The sheets in the file are: {sheets}. Fix the 'Sheet' setting.",
    },
    "data.err.unknown_encoding": {
        "da": "Tegnsættet kan ikke genkendes (hverken UTF-8 eller Windows-1252). Gem filen som "
        "'CSV UTF-8' i Excel, eller vælg tegnsættet under indstillingen 'Tegnsæt'.",
        "en": "The character encoding is not recognised (neither UTF-8 nor Windows-1252). Save the file as "
        "'CSV UTF-8' in Excel, or choose the encoding with the 'Encoding' setting.",
    },
    "data.err.mixed_encoding": {
        "da": "Filen blander to tegnsæt (UTF-8 og Windows-1252), så æ, ø og å ville blive forkerte. Gem hele "
        "filen igen som 'CSV UTF-8' i Excel, eller vælg tegnsættet under indstillingen 'Tegnsæt'.",
        "en": "The file mixes two encodings (UTF-8 and Windows-1252), so æ, ø and å would come out wrong. Save "
        "the whole file again as 'CSV UTF-8' in Excel, or choose the encoding with the 'Encoding' setting.",
    },
    "data.err.encoding_failed": {
        "da": "Filen kan ikke læses som {encoding} (fejl ved byte {position}). Vælg et andet tegnsæt under "
        "'Tegnsæt', eller lad feltet stå tomt så det findes automatisk.",
        "en": "The file cannot be read as {encoding} (error at byte {position}). Choose another encoding under "
        "'Encoding', or leave it empty to detect it.",
    },
    "data.err.bad_encoding_setting": {
        "da": "Tegnsættet '{encoding}' kendes ikke. Brug fx utf-8 eller cp1252.",
        "en": "The encoding '{encoding}' is unknown. Use e.g. utf-8 or cp1252.",
    },
    "data.err.bad_separator_setting": {
        "da": "Skilletegnet '{separator}' kan ikke bruges. Brug ; , | eller tab.",
        "en": "The separator '{separator}' cannot be used. Use ; , | or tab.",
    },
    "data.err.bad_decimal_setting": {
        "da": "Decimaltegnet '{decimal}' kan ikke bruges. Brug , eller .",
        "en": "The decimal mark '{decimal}' cannot be used. Use , or .",
    },
    "data.err.csv_broken": {
        "da": "CSV-filen er ødelagt omkring linje {line:num}. Tjek anførselstegn i tekstfelter, eller "
        "vælg skilletegnet under indstillingen 'Skilletegn'.",
        "en": "The CSV file is broken around line {line:num}. Check quotation marks in text fields, or "
        "choose the separator with the 'Separator' setting.",
    },
    "data.err.no_known_columns_sep": {
        "da": "Ingen af kolonneoverskrifterne passer til tabellen {table} (første række: '{header}'). Forventet fx: "
        "{expected}. Har filen et andet skilletegn? Vælg det under indstillingen 'Skilletegn', eller tjek at "
        "du har valgt den rigtige tabel.",
        "en": "None of the column headers fits the table {table} (first row: '{header}'). Expected e.g.: "
        "{expected}. Does the file use another separator? Choose it with the 'Separator' setting, or check "
        "that you chose the right table.",
    },
    "data.err.no_known_columns_sheet": {
        "da": "Ingen af kolonneoverskrifterne passer til tabellen {table} (første række: '{header}'). Forventet fx: "
        "{expected}. Ligger data på et andet ark? Vælg det under indstillingen 'Ark', eller tjek tabelvalget.",
        "en": "None of the column headers fits the table {table} (first row: '{header}'). Expected e.g.: "
        "{expected}. Are the data on another sheet? Choose it with the 'Sheet' setting, or check the table.",
    },
    "data.err.cannot_open": {"da": "Filen {file} kan ikke åbnes.", "en": "The file {file} cannot be opened."},
    "data.err.unreadable": {
        "da": "Filen kan ikke læses. Gem den igen fra Excel som CSV UTF-8 eller XLSX.",
        "en": "The file cannot be read. Save it again from Excel as CSV UTF-8 or XLSX.",
    },
    # row-level reading problems
    "data.err.extra_values": {
        "da": "Rækken har {n:num} {n:felt|felter}, men overskriften kun {m:num}. Et skilletegn i en tekst uden anførselstegn? "
        "(første overskydende værdi: '{value}')",
        "en": "The row has {n:num} {n:field|fields} but the header only {m:num}. A separator inside unquoted text? "
        "(first extra value: '{value}')",
    },
    "data.err.duplicate_column": {
        "da": "Kolonnen '{column}' findes to gange (overskrift '{value}'); kun den første bruges.",
        "en": "The column '{column}' appears twice (header '{value}'); only the first is used.",
    },
    "data.err.not_01": {
        "da": "'{value}' i kolonnen '{column}' skal være 1 (valgt) eller 0/tom (ikke valgt).",
        "en": "'{value}' in the column '{column}' must be 1 (chosen) or 0/blank (not chosen).",
    },
    "data.err.coord": {
        "da": "Koordinaterne '{value}' er ikke tal (forventet UTM 32N / EPSG:25832 øst og nord i meter).",
        "en": "The coordinates '{value}' are not numbers (expected UTM 32N / EPSG:25832 easting and northing "
        "in metres).",
    },
    # --- preparing an import (lib.data.imports) ------------------------------------------------
    "data.err.response_exists": {
        "da": "Besvarelsen '{value}' findes allerede (version {version}). Nye bølger skal have nye svar-id'er.",
        "en": "The response '{value}' exists already (version {version}). A new wave needs new response ids.",
    },
    "data.err.still_referenced": {
        "da": "'{value}' forsvinder, men bruges stadig i tabellen {table} ({n:num} {n:række|rækker}). Behold rækken, eller "
        "vælg 'Opdatér efter nøgle'.",
        "en": "'{value}' would disappear but is still used in the table {table} ({n:num} {n:row|rows}). Keep the row, or "
        "choose 'Update by key'.",
    },
    "data.err.has_problems": {
        "da": "Filen har {n:num} {n:problem|problemer}; intet er importeret.",
        "en": "The file has {n:num} {n:problem|problems}; nothing was imported.",
    },
    "data.err.not_editor": {
        "da": "Kun redaktører kan ændre data.",
        "en": "Only editors can change data.",
    },
    "data.err.stale": {
        "da": "Tabellen {table} er ændret siden filen blev kontrolleret. Upload filen igen.",
        "en": "The table {table} has changed since the file was checked. Upload the file again.",
    },
    "data.err.bad_mode": {"da": "Ukendt importmåde: {mode}.", "en": "Unknown import mode: {mode}."},
    "data.err.changed_meanwhile": {
        "da": "Nogen har ændret tabellen {table}, mens du så på forhåndsvisningen (den var lavet mod version "
        "{base}; nu gælder version {current}). Intet er importeret. Forhåndsvisningen nedenfor er lavet forfra "
        "mod den nye version: tjek den, og bekræft igen.",
        "en": "Someone else changed the table {table} while you were looking at the preview (it was made "
        "against version {base}; version {current} is current now). Nothing was imported. The preview below "
        "was made again against the new version: check it and confirm again.",
    },
    "data.err.write_failed": {
        "da": "Databasen kunne ikke skrive lige nu; intet er ændret. Prøv igen om lidt. Fejlen er logget på serveren.",
        "en": "The database could not write just now; nothing was changed. Try again shortly. The error has "
        "been logged on the server.",
    },
    # --- page ---------------------------------------------------------------------------------
    "data.title": {"da": "Data: upload, versioner og skabeloner", "en": "Data: upload, versions and templates"},
    "data.intro": {
        "da": "Her indlæser redaktører nye data (CSV eller XLSX, fx en ny spørgeskemabølge). Hver import bliver en "
        "ny version af tabellen; intet slettes, og enhver version kan hentes eller gøres gældende igen.",
        "en": "Here editors load new data (CSV or XLSX, e.g. a new survey wave). Every import becomes a new "
        "version of the table; nothing is deleted, and any version can be downloaded or made current again.",
    },
    "data.tab_upload": {"da": "Upload", "en": "Upload"},
    "data.tab_versions": {"da": "Versioner", "en": "Versions"},
    "data.tab_templates": {"da": "Skabeloner", "en": "Templates"},
    "data.viewer_info": {
        "da": "Du ser siden som læser: versioner, eksport og skabeloner er åbne, men upload, import og "
        "tilbagerulning kræver en redaktør.",
        "en": "You are viewing as a reader: versions, exports and templates are open, but upload, import and "
        "rollback need an editor.",
    },
    # Readers see no settings or commands: how to switch editing on is in the README (for whoever runs the atlas).
    "data.how_to_enable": {
        "da": "**Redigering er ikke slået til** i denne installation. Kontakt den, der driver atlasset, hvis du "
        "skal uploade data.",
        "en": "**Editing is not switched on** in this installation. Contact whoever runs the atlas if you need "
        "to upload data.",
    },
    "data.password": {"da": "Redaktøradgangskode", "en": "Editor password"},
    "data.sign_in": {"da": "Log ind som redaktør", "en": "Sign in as editor"},
    "data.sign_in_oidc": {"da": "Log ind (single sign-on)", "en": "Sign in (single sign-on)"},
    "data.sign_out": {"da": "Log ud", "en": "Sign out"},
    "data.wrong_password": {"da": "Forkert adgangskode.", "en": "Wrong password."},
    "data.signed_in": {"da": "Logget ind som redaktør.", "en": "Signed in as editor."},
    "data.signed_in_as": {
        "da": "Logget ind som redaktør: {name}. Dit navn står ved dine ændringer i revisionssporet.",
        "en": "Signed in as editor: {name}. Your name goes with your changes in the audit trail.",
    },
    "data.your_name": {"da": "Dit navn", "en": "Your name"},
    "data.your_name_help": {
        "da": "Står i revisionssporet ved hver import og tilbagerulning, du laver.",
        "en": "Recorded in the audit trail with every import and rollback you make.",
    },
    "data.name_required": {
        "da": "Skriv dit navn: det står i revisionssporet ved dine ændringer.",
        "en": "Type your name: it goes into the audit trail with your changes.",
    },
    "data.sign_in_locked": {
        "da": "For mange forkerte adgangskoder. Vent {seconds:num} {seconds:sekund|sekunder}, og prøv igen.",
        "en": "Too many wrong passwords. Wait {seconds:num} {seconds:second|seconds} and try again.",
    },
    "data.sign_in_delayed": {
        "da": "Efter {free:num} forkerte forsøg skal du vente længere før hvert nyt forsøg (næste om {seconds:num} "
        "sekunder). Forsøgene er noteret i revisionssporet.",
        "en": "After {free:num} wrong attempts you have to wait longer before each new attempt (the next in "
        "{seconds:num} {seconds:second|seconds}). The attempts are recorded in the audit trail.",
    },
    "data.sign_in_audit_heading": {"da": "Mislykkede log ind-forsøg", "en": "Failed sign-in attempts"},
    "data.not_allowed_user": {
        "da": "Du er logget ind som {email}, men står ikke på listen over redaktører (ATLAS_EDITOR_EMAILS).",
        "en": "You are signed in as {email} but are not on the list of editors (ATLAS_EDITOR_EMAILS).",
    },
    "data.table": {"da": "Tabel", "en": "Table"},
    "data.mode": {"da": "Importmåde", "en": "Import mode"},
    "data.mode.append": {
        "da": "Tilføj ny bølge (eksisterende svar-id'er er en fejl)",
        "en": "Append a new wave (existing response ids are a problem)",
    },
    "data.mode.upsert": {
        "da": "Opdatér efter nøgle (nye rækker tilføjes, rækker med samme nøgle erstattes, resten bevares)",
        "en": "Update by key (new rows added, rows with the same key replaced, the rest kept)",
    },
    "data.mode.replace": {
        "da": "Erstat hele tabellen (rækker der ikke er i filen fjernes)",
        "en": "Replace the whole table (rows not in the file are removed)",
    },
    "data.file": {"da": "Fil (CSV eller XLSX)", "en": "File (CSV or XLSX)"},
    "data.file_help": {
        "da": "Højst {mb} MB og {rows:num} {rows:række|rækker}. Excel-filer fra dansk Excel (semikolon, decimalkomma, "
        "Windows-1252) læses direkte.",
        "en": "At most {mb} MB and {rows:num} {rows:row|rows}. Files from Danish Excel (semicolon, decimal comma, "
        "Windows-1252) are read as they are.",
    },
    "data.settings": {"da": "Indstillinger for indlæsning", "en": "Reading settings"},
    "data.settings_help": {
        "da": "Lad felterne stå på 'Automatisk' medmindre en fejlbesked beder dig vælge.",
        "en": "Leave the fields on 'Automatic' unless an error message asks you to choose.",
    },
    "data.auto": {"da": "Automatisk", "en": "Automatic"},
    "data.separator": {"da": "Skilletegn", "en": "Separator"},
    "data.encoding": {"da": "Tegnsæt", "en": "Encoding"},
    "data.decimal": {"da": "Decimaltegn", "en": "Decimal mark"},
    "data.sheet": {"da": "Ark (navn eller nummer)", "en": "Sheet (name or number)"},
    "data.step_read": {"da": "Læser filen ...", "en": "Reading the file ..."},
    "data.step_validate": {
        "da": "Kontrollerer {n:num} {n:række|rækker} ...",
        "en": "Checking {n:num} {n:row|rows} ...",
    },
    "data.step_done": {"da": "Kontrol færdig", "en": "Check finished"},
    "data.step_failed": {"da": "Filen kunne ikke læses", "en": "The file could not be read"},
    "data.detected": {
        "da": "Læst som {format}: skilletegn {separator}, tegnsæt {encoding}, decimaltegn '{decimal}', ark {sheet}, "
        "overskrift i række {header_row}.",
        "en": "Read as {format}: separator {separator}, encoding {encoding}, decimal mark '{decimal}', sheet {sheet}, "
        "header in row {header_row}.",
    },
    "data.renamed": {"da": "Overskrifter genkendt: {pairs}", "en": "Headers recognised: {pairs}"},
    "data.ignored": {
        "da": "Kolonner der ikke bruges: {cols}",
        "en": "Columns not used: {cols}",
    },
    "data.multi_select": {
        "da": "0/1-kolonner samlet i {column}: {cols}",
        "en": "0/1 columns folded into {column}: {cols}",
    },
    "data.coords_converted": {
        "da": "Koordinater omregnet fra UTM 32N (EPSG:25832) til breddegrad/længdegrad.",
        "en": "Coordinates converted from UTM 32N (EPSG:25832) to latitude/longitude.",
    },
    "data.preview": {"da": "Første rækker i filen", "en": "First rows of the file"},
    "data.ready": {
        "da": "Klar til import: {n:num} {n:række|rækker}, {added:num} nye, {changed:num} ændrede, {unchanged:num} uændrede, {removed:num} fjernes.",
        "en": "Ready to import: {n:num} {n:row|rows}, {added:num} new, {changed:num} changed, {unchanged:num} unchanged, {removed:num} removed.",
    },
    "data.ready_result": {
        "da": "Den nye version af {table} får {total} rækker (nu {before}).",
        "en": "The new version of {table} will have {total} rows (now {before}).",
    },
    "data.confirm": {"da": "Importér som ny version", "en": "Import as new version"},
    "data.cancel": {"da": "Annullér", "en": "Cancel"},
    # the write also computes the version's area status and network comparison (seconds on large data)
    "data.writing": {
        "da": "Gemmer den nye version og beregner dens oversigter ...",
        "en": "Saving the new version and computing its summaries ...",
    },
    "data.confirm_stale": {
        "da": "Filen blev tjekket igen efter din ændring, så intet er importeret endnu. "
        "Se det nye overblik nedenfor, og klik på »Importér som ny version« igen.",
        "en": "The file was checked again after your change, so nothing has been imported yet. "
        "Look at the new preview below and click “Import as new version” again.",
    },
    "data.imported": {
        "da": "Importeret: {table} version {version} med {n:num} {n:række|rækker} er nu gældende.",
        "en": "Imported: {table} version {version} with {n:num} {n:row|rows} is now current.",
    },
    "data.problems": {
        "da": "{n:num} {n:problem|problemer} fundet. Intet er importeret. Ret filen og upload den igen.",
        "en": "{n:num} {n:problem|problems} found. Nothing was imported. Fix the file and upload it again.",
    },
    "data.problems_download": {"da": "Hent problemlisten", "en": "Download the problem list"},
    "data.col_row": {"da": "Række", "en": "Row"},
    "data.col_column": {"da": "Kolonne", "en": "Column"},
    "data.col_value": {"da": "Værdi", "en": "Value"},
    "data.col_message": {"da": "Besked", "en": "Message"},
    "data.versions_heading": {"da": "Versioner af {table}", "en": "Versions of {table}"},
    "data.col_version": {"da": "Version", "en": "Version"},
    "data.col_time": {"da": "Tidspunkt (UTC)", "en": "Time (UTC)"},
    "data.col_editor": {"da": "Redaktør", "en": "Editor"},
    "data.col_file": {"da": "Fil", "en": "File"},
    "data.col_action": {"da": "Handling", "en": "Action"},
    "data.col_rows": {"da": "Rækker", "en": "Rows"},
    "data.col_checksum": {"da": "Kontrolsum", "en": "Checksum"},
    "data.col_current": {"da": "Gældende", "en": "Current"},
    "data.col_diff": {"da": "Ændringer mod forrige", "en": "Changes vs previous"},
    "data.diff_text": {
        "da": "+{added:num} / -{removed:num} / ~{changed:num}",
        "en": "+{added:num} / -{removed:num} / ~{changed:num}",
    },
    "data.diff_legend": {
        "da": "Ændringer: +tilføjet / -fjernet / ~ændret, matchet på tabellens nøgle.",
        "en": "Changes: +added / -removed / ~changed, matched on the table's key.",
    },
    "data.rollback_heading": {"da": "Rul tilbage", "en": "Roll back"},
    "data.rollback_version": {"da": "Gør denne version gældende igen", "en": "Make this version current again"},
    "data.no_older": {"da": "Ingen ældre versioner", "en": "No older versions"},
    "data.rollback_confirm": {
        "da": "Jeg forstår at dette laver en ny version (en kopi); intet slettes.",
        "en": "I understand this creates a new version (a copy); nothing is deleted.",
    },
    "data.rollback_button": {"da": "Rul tilbage", "en": "Roll back"},
    "data.rolled_back": {
        "da": "{table}: version {old} er gældende igen som ny version {version}.",
        "en": "{table}: version {old} is current again as new version {version}.",
    },
    "data.export_heading": {"da": "Hent en version", "en": "Download a version"},
    "data.export_version": {"da": "Version", "en": "Version"},
    "data.audit_heading": {"da": "Revisionsspor", "en": "Audit trail"},
    "data.no_versions": {"da": "Tabellen har ingen versioner endnu.", "en": "The table has no versions yet."},
    "data.templates_intro": {
        "da": "Skabelonerne har kolonneoverskrifterne, én eksempelrække (slet den før upload) og i XLSX et ark "
        "der forklarer hver kolonne og dens tilladte værdier. Kolonner markeret 'valgfri' kan udelades helt.",
        "en": "The templates have the column headers, one example row (delete it before uploading) and, in "
        "XLSX, a sheet explaining each column and its allowed values. Columns marked 'optional' may be left "
        "out entirely.",
    },
    "data.template_csv": {"da": "CSV-skabelon", "en": "CSV template"},
    "data.template_xlsx": {"da": "XLSX-skabelon med forklaring", "en": "XLSX template with explanations"},
    # template explanation sheet
    "data.tpl.column": {"da": "Kolonne", "en": "Column"},
    "data.tpl.required": {"da": "Påkrævet", "en": "Required"},
    "data.tpl.type": {"da": "Type", "en": "Type"},
    "data.tpl.allowed": {"da": "Tilladte værdier", "en": "Allowed values"},
    "data.tpl.aliases": {"da": "Andre accepterede overskrifter", "en": "Other accepted headers"},
    "data.tpl.description": {"da": "Beskrivelse", "en": "Description"},
    "data.tpl.example": {"da": "Eksempel", "en": "Example"},
    "data.tpl.yes": {"da": "ja", "en": "yes"},
    "data.tpl.optional": {"da": "valgfri", "en": "optional"},
    "data.tpl.blank_ok": {"da": "ja (tom tilladt)", "en": "yes (blank allowed)"},
    "data.tpl.type.str": {"da": "tekst", "en": "text"},
    "data.tpl.type.int": {"da": "helt tal", "en": "whole number"},
    "data.tpl.type.float": {"da": "tal (decimalkomma eller -punktum)", "en": "number (decimal comma or point)"},
    "data.tpl.type.bool": {"da": "1/0, ja/nej", "en": "1/0, yes/no"},
    "data.tpl.type.codes": {"da": "koder adskilt af ;", "en": "codes separated by ;"},
    "data.tpl.range": {"da": "{min} til {max}", "en": "{min} to {max}"},
    "data.tpl.multi_select": {
        "da": "I stedet for en ;-liste kan hver kode have sin egen 0/1-kolonne som i SurveyXact: "
        "'{column}_<kode>', fx '{column}_{code}' (1 = valgt, 0 eller tom = ikke valgt).",
        "en": "Instead of a ;-list, each code may have its own 0/1 column as SurveyXact exports it: "
        "'{column}_<code>', e.g. '{column}_{code}' (1 = chosen, 0 or blank = not chosen).",
    },
    "data.tpl.coords": {
        "da": "I stedet for latitude/longitude kan filen have 'easting' og 'northing' (UTM 32N, EPSG:25832, i meter); "
        "de omregnes ved indlæsning.",
        "en": "Instead of latitude/longitude the file may have 'easting' and 'northing' (UTM 32N, EPSG:25832, in "
        "metres); they are converted on reading.",
    },
    "data.tpl.sheet_data": {"da": "data", "en": "data"},
    "data.tpl.sheet_help": {"da": "forklaring", "en": "explanation"},
    "data.action.seed": {"da": "eksempeldata", "en": "sample data"},
    "data.action.import": {"da": "import", "en": "import"},
    "data.action.rollback": {"da": "tilbagerulning", "en": "rollback"},
}
