"""Small words the formatter and several pages share (yes/no in tables, units)."""

TEXTS = {
    "word.yes": {"da": "Ja", "en": "Yes"},
    "word.no": {"da": "Nej", "en": "No"},
    # the file uploader's button (lib/app/frame.py draws it over Streamlit's fixed "Upload")
    "frame.upload_button": {"da": "Vælg fil", "en": "Choose file"},
}
