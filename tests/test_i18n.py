"""Both catalogues are complete, every key is used, and dates follow the language."""

from __future__ import annotations

import re
import string
from datetime import date
from pathlib import Path

import pytest

from models import errors
from models.casefile import CaseFacts, checklist
from models.errors import VaultUnreadable
from models.records import CHOICES, RECORD_TYPES, Client, NoteTemplate
from models.records.history import WEIGHTS
from models.timeline import TIMELINE_KINDS
from models.vault import KIND_NAMES
from tui import i18n
from tui.locales import en
from tui.locales import id as indonesian
from tui.passphrase import REASONS, STRENGTHS

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [
    p
    for folder in ("models", "documents", "tui", "screens")
    for p in (ROOT / folder).rglob("*.py")
    if "locales" not in p.parts
]


def dynamic_keys() -> set[str]:
    """Keys built at run time (f-strings), from the code that builds them."""
    keys = {choice.label_key for enum in CHOICES for choice in enum}
    # A choice's long label (i18n.long_label), where one is needed.
    keys |= {f"{key}.long" for key in set(keys) if f"{key}.long" in en.MESSAGES}
    keys |= {f"month.{m}" for m in range(1, 13)} | {f"month_short.{m}" for m in range(1, 13)}
    keys |= {f"weekday.{d}" for d in range(7)}
    keys |= {f"error.corrupt.{part}" for part in ("header", "body", "truncated", "trailing")}
    facts = CaseFacts(Client(code="X"))
    keys |= {f"checklist.{item.key}" for items in checklist(facts).values() for item in items}
    keys |= {f"timeline.kind.{kind}" for kind in TIMELINE_KINDS}
    keys |= {f"strength.{level}" for level in STRENGTHS}
    keys |= {f"passphrase.reason.{reason}" for reason in REASONS}
    keys |= {f"history.weight.{weight}" for weight in WEIGHTS}
    keys |= {f"error.not_a_{kind}" for kind in KIND_NAMES.values()}
    keys |= {f"error.unreadable.{why}" for why in VaultUnreadable.WHYS}
    keys |= {
        f"notes.template.{template.value}"
        for template in NoteTemplate
        if template is not NoteTemplate.FREE
    }
    keys |= {f"table.{cls.TABLE}" for cls in RECORD_TYPES}
    keys |= {f"termination.{direction}" for direction in ("better", "worse", "same")}
    keys |= {f"task.step.{step}" for screen in task_screens() for step in screen.STEPS}
    keys |= {
        f"caseload.col.{column}"
        for column in __import__("screens.caseload", fromlist=["COLUMNS"]).COLUMNS
    }
    return keys


def task_screens() -> list[type]:
    from screens.backup import BackupExportScreen, BackupRestoreScreen, BackupVerifyScreen
    from screens.keys import ChangePassphraseScreen, RecoveryKeyScreen
    from screens.transfer import CaseExportScreen, CaseImportScreen

    return [
        BackupExportScreen,
        BackupRestoreScreen,
        BackupVerifyScreen,
        ChangePassphraseScreen,
        RecoveryKeyScreen,
        CaseExportScreen,
        CaseImportScreen,
    ]


def literal_keys() -> set[str]:
    text = "\n".join(p.read_text(encoding="utf-8") for p in SOURCES)
    return set(re.findall(r"""["']([a-z_0-9]+(?:\.[a-z_0-9]+)+)["']""", text))


def test_both_catalogues_have_the_same_keys() -> None:
    assert set(en.MESSAGES) - set(indonesian.MESSAGES) == set(), "missing in id.py"
    assert set(indonesian.MESSAGES) - set(en.MESSAGES) == set(), "missing in en.py"


def test_every_key_is_used() -> None:
    used = literal_keys() | dynamic_keys()
    unused = sorted(set(en.MESSAGES) - used)
    assert unused == [], f"keys used nowhere: {unused}"


# Where a catalogue key is written in the code: t("..."), *_KEY = "...", key="...",
# xxx_key="...", the label of a form field, a Binding's description, a Problem's message.
KEY_PLACES = [
    r"""\bt\(\s*["']([a-z_0-9.]+)["']""",
    r"""_KEY\s*=\s*["']([a-z_0-9.]+)["']""",
    r"""\b[a-z_]*key\s*=\s*["']([a-z_0-9.]+)["']""",
    r"""Field\(\s*["'][a-z_.0-9]+["'],\s*["']([a-z_0-9.]+)["']""",
    r"""Binding\(\s*["'][^"']+["'],\s*["'][^"']+["'],\s*["']([a-z_0-9.]+)["']""",
    r"""Problem\(\s*[^,()]+,\s*["']([a-z_0-9.]+)["']""",
]


def test_every_key_used_in_code_exists() -> None:
    text = "\n".join(p.read_text(encoding="utf-8") for p in SOURCES)
    used = {key for pattern in KEY_PLACES for key in re.findall(pattern, text)}
    missing = sorted(used - set(en.MESSAGES))
    assert missing == [], f"keys used but missing from the catalogues: {missing}"


def test_error_classes_have_messages() -> None:
    for cls in vars(errors).values():
        if isinstance(cls, type) and issubclass(cls, errors.VaultError):
            assert cls.key in en.MESSAGES, cls


@pytest.mark.parametrize("language", ["en", "id"])
def test_placeholders_match_between_languages(language: str) -> None:
    other = indonesian.MESSAGES if language == "en" else en.MESSAGES
    mine = en.MESSAGES if language == "en" else indonesian.MESSAGES
    formatter = string.Formatter()
    for key, text in mine.items():
        fields = {name for _, name, _, _ in formatter.parse(text) if name}
        theirs = {name for _, name, _, _ in formatter.parse(other[key]) if name}
        assert fields == theirs, key


def test_language_follows_setting_then_locale() -> None:
    assert i18n.detect_language("en", {"LANG": "id_ID.UTF-8"}) == "en"
    assert i18n.detect_language(None, {"LANG": "id_ID.UTF-8"}) == "id"
    assert i18n.detect_language(None, {"LC_ALL": "en_GB.UTF-8", "LANG": "id_ID"}) == "en"
    assert i18n.detect_language(None, {"LANG": "C"}) == "en"


def test_dates_in_each_language() -> None:
    day = date(2026, 8, 17)
    try:
        i18n.use_language("id")
        assert i18n.format_date(day) == "17 Agu 2026"
        assert i18n.format_date(day, "full") == "Senin, 17 Agustus 2026"
        i18n.use_language("en")
        assert i18n.format_date(day) == "17 Aug 2026"
        assert i18n.format_date(day, "full") == "Monday, 17 August 2026"
        assert i18n.format_date(None) == "—"
    finally:
        i18n.use_language("en")
