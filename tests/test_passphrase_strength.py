"""Guessable passphrases are refused, with the reason in the worker's language, wherever
a new one is chosen: a new vault, a passphrase change, a backup, the command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_cli import VAULT_PASS, Case, assert_user_error, folder_state, isolated_env
from textual.widgets import Input

from app_support import SIZE, build_app
from command_support import NEEDS_COMMAND
from models.container import KdfParams
from models.vault import Vault
from screens.unlock import CreateVaultScreen
from tui import i18n
from tui.passphrase import refusal, refusal_text, strength

pytestmark = NEEDS_COMMAND


@pytest.mark.parametrize(
    ("passphrase", "reason"),
    [
        ("newpass123", "common_password"),
        ("password1", "common_password"),
        ("qwertyuiop", "common_password"),
        ("zxcvbnm,./", "keyboard"),
        ("aaaaaaaaaaaa", "repeated"),
        ("abcdefgh123", "sequence"),
        ("19861224x", "date"),
        ("pendamping", "common_words"),
        ("pendek", "too_short"),
    ],
)
def test_guessable_passphrases_are_refused_with_a_reason(passphrase: str, reason: str) -> None:
    assert refusal(passphrase) == reason
    assert strength(passphrase) in ("too_short", "weak", "fair")


@pytest.mark.parametrize(
    "passphrase",
    [
        "kopi manis di pagi",
        "teh hangat sore hari di pendopo",
        "hujan sore di jalan kenari",
        "another long passphrase",
        "Jakarta2026",
    ],
)
def test_passphrases_of_several_odd_words_are_accepted(passphrase: str) -> None:
    assert refusal(passphrase) is None
    assert strength(passphrase) in ("good", "strong")


@pytest.mark.parametrize(
    ("language", "said"), [("en", "too easy to guess"), ("id", "terlalu mudah ditebak")]
)
def test_the_reason_is_in_the_workers_language(language: str, said: str) -> None:
    i18n.use_language(language)
    try:
        text = refusal_text("newpass123")
    finally:
        i18n.use_language("en")
    assert text is not None and said in text


@pytest.mark.parametrize("language", ["en", "id"])
async def test_a_new_vault_refuses_a_guessable_passphrase(tmp_path: Path, language: str) -> None:
    app = build_app(tmp_path, language)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CreateVaultScreen)
        for field in ("#passphrase", "#repeat"):
            app.screen.query_one(field, Input).value = "newpass123"
        app.screen.query_one("#repeat", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        shown = str(app.screen.query_one("#strength").render())  # under the passphrase
        assert (
            ("commonly used password" in shown)
            if language == "en"
            else ("kata sandi yang umum" in shown)
        )
        assert not (tmp_path / "case.vault").exists()


def test_the_command_line_refuses_a_guessable_new_passphrase(case: Case) -> None:
    before = folder_state(case.home)
    result = case.run("passwd", stdin=[VAULT_PASS, "newpass123"], lang="id")
    assert_user_error(result, "terlalu mudah ditebak")
    assert folder_state(case.home) == before


@pytest.fixture
def case(tmp_path: Path) -> Case:
    vault = tmp_path / "case.vault"
    Vault.create(vault, VAULT_PASS, kdf=KdfParams(8, 1, 1)).close()
    return Case(tmp_path, vault, isolated_env(tmp_path))
