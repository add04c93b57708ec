"""Messages read as sentences once the app fills them in: no word doubled by a value
("Kelompok Kelompok jurnaling disimpan."), with the values the app itself suggests."""

from __future__ import annotations

import re
import string

import pytest

from tui.locales import en
from tui.locales import id as indonesian

CATALOGUES = {"en": en.MESSAGES, "id": indonesian.MESSAGES}
DOUBLED = re.compile(r"\b(\w{2,})\s+\1\b", re.IGNORECASE)


def example(catalogue: dict[str, str], key: str) -> str:
    """The example a placeholder or hint gives ("mis. Jurnaling Sabtu" -> the name)."""
    text = catalogue[key]
    return re.sub(r"^(e\.g\.|mis\.)\s*", "", text).split(",")[0].strip()


def values(catalogue: dict[str, str]) -> dict[str, object]:
    """What the app puts into messages, as its own hints and placeholders suggest."""
    return {
        "name": example(catalogue, "group_form.name.placeholder"),
        "group": example(catalogue, "group_form.name.placeholder"),
        "code": "MA",
        "original": "MA",
        "count": 2,
        "total": 3,
        "now": 2,
        "version": 2,
        "date": "2 Des 2026",
        "made": "2 Des 2026",
        "first": "1 Nov 2026",
        "last": "2 Des 2026",
        "when": "2 Des 2026 10:00",
        "time": "10:00",
        "path": "/home/dewi/Dokumen/Pendamping/x.pbak",
        "phase": "Pengkajian",
        "session": "Titik terendah",
        "topic": "Titik terendah",
        "source": "teman sebaya",
        "min": 8,
        "max": 100,
        "years": 4,
        "rating": 3,
        "attended": 3,
        "held": 4,
    }


def fields(text: str) -> list[str]:
    return [name for _, name, _, _ in string.Formatter().parse(text) if name]


@pytest.mark.parametrize("language", CATALOGUES)
def test_no_message_doubles_a_word_with_the_apps_own_values(language: str) -> None:
    catalogue = CATALOGUES[language]
    known = values(catalogue)
    doubled = []
    for key, text in catalogue.items():
        filled = text.format(**{name: known.get(name, "Nilai") for name in fields(text)})
        if match := DOUBLED.search(filled):
            doubled.append((key, match.group(0)))
    assert doubled == []


def test_the_group_name_example_does_not_start_with_the_word_for_group() -> None:
    for language, catalogue in CATALOGUES.items():
        word = {"en": "group", "id": "kelompok"}[language]
        assert not example(catalogue, "group_form.name.placeholder").lower().startswith(word)
