"""The translation catalogue: complete in both languages, no duplicate keys, safe formatting."""

import re

from lib.i18n import LANGUAGES, catalogue, label, t


def test_every_entry_has_every_language_and_the_same_placeholders():
    for key, entry in catalogue().items():
        for lang in LANGUAGES:
            assert entry.get(lang), f"{key} lacks {lang}"
        fields = {lang: set(re.findall(r"{(\w+)[:}]", entry[lang])) for lang in LANGUAGES}
        assert fields["da"] == fields["en"], key


def test_missing_key_returns_the_key_and_bad_format_does_not_raise():
    assert t("no.such.key", "en") == "no.such.key"
    assert t("schema.not_number", "en") == "'{value}' is not a number."


def test_labels_fall_back_to_the_code():
    assert label("type", "library", "en") == "Library-based"
    assert label("type", "unknown", "en") == "unknown"
