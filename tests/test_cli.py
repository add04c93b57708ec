"""The `pendamping` command as a caseworker (or a script) runs it: the installed entry
point in a subprocess, passphrases on standard input, nothing but a temporary folder.

What matters here is the contract in the README: exit status 0 / 1 / 2, exactly one
line on stderr for anything the person can fix (never a traceback), backups that hold
no plaintext and restore to exactly the same records, and a vault that is never
changed by a command that failed.

Every record is fictional: client "MA", a 40-year-old private tutor who came through
a peer supporter. None of it describes a real person.
"""

from __future__ import annotations

import hashlib
import stat
import subprocess
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest

from command_support import NEEDS_COMMAND, PENDAMPING, held_open, isolated_env
from models import container
from models.backup import export_backup
from models.container import KdfParams
from models.errors import WrongPassphrase
from models.records import RECORD_TYPES, Client, SessionNote
from models.repository import Repository
from models.vault import Vault, generation_path, list_generations

KDF = KdfParams(8, 1, 1)  # cheap key derivation: these vaults guard nothing real
VAULT_PASS = "kapok-lantern-river-2026"
BACKUP_PASS = "a separate backup phrase"
NEW_PASS = "another long passphrase"
NOTE_BODY = "MA talked through the tutoring timetable and a calmer week at home."
OCCUPATION = "private tutor"
REFERRAL = "peer supporter"
TIMEOUT = 60  # seconds; each command takes well under one with the cheap KDF

pytestmark = NEEDS_COMMAND


# -- helpers ------------------------------------------------------------------------------


@dataclass
class Case:
    """A temporary home with one fictional vault in it."""

    home: Path
    vault: Path
    env: dict[str, str]

    def run(
        self, *args: str | Path, stdin: list[str] | None = None, lang: str | None = None
    ) -> subprocess.CompletedProcess[str]:
        env = isolated_env(self.home, lang) if lang else self.env
        text = "".join(f"{line}\n" for line in stdin or [])
        return subprocess.run(
            [str(PENDAMPING), *map(str, args)],
            input=text,
            capture_output=True,
            text=True,
            env=env,
            cwd=self.home,
            timeout=TIMEOUT,
            check=False,
        )


def add_fictional_case(vault: Vault) -> None:
    repo = Repository(vault.db)
    today = date.today()
    client = repo.add(
        Client(
            code="MA",
            birth_year=today.year - 40,
            occupation=OCCUPATION,
            referral_source=REFERRAL,
            first_contact=today - timedelta(days=30),
        )
    )
    repo.add(SessionNote(client_id=client.id, date=today - timedelta(days=23), body=NOTE_BODY))


def tables(path: Path, passphrase: str) -> dict[str, Any]:
    """The decrypted tables, read without the writer's lock and without writing."""
    vault = Vault.open(path, passphrase, read_only=True)
    try:
        return orjson.loads(vault.snapshot())
    finally:
        vault.close()


def listings(path: Path, passphrase: str) -> dict[str, list[Any]]:
    """Every record of every type, as the repository gives them back."""
    vault = Vault.open(path, passphrase, read_only=True)
    try:
        repo = Repository(vault.db)
        return {cls.__name__: repo.records(cls) for cls in RECORD_TYPES}
    finally:
        vault.close()


def opens(path: Path, passphrase: str) -> bool:
    try:
        Vault.open(path, passphrase, read_only=True).close()
    except WrongPassphrase:
        return False
    return True


def folder_state(folder: Path) -> dict[str, bytes]:
    """Name -> content of every file; a failed command must leave all of it alone."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def assert_user_error(result: subprocess.CompletedProcess[str], *fragments: str) -> str:
    """Exit status 1 and exactly one clear line on stderr, never a traceback."""
    assert result.returncode == 1, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    line = lines[0]
    assert line.startswith("pendamping:") and line.removeprefix("pendamping:").strip(), line
    for fragment in fragments:
        assert fragment in line, line
    return line


def with_format_version(data: bytes, version: int) -> bytes:
    """The same file, its prelude claiming another format version, checksum recomputed
    (so it reads as a genuine file from a newer Pendamping, not as damage)."""
    magic, _, header_size = container.PRELUDE.unpack_from(data)
    header = (
        container.PRELUDE.pack(magic, version, header_size)
        + data[container.PRELUDE.size : header_size]
    )
    body = data[header_size + container.CHECKSUM_SIZE :]
    return header + hashlib.sha256(header).digest() + body


def flip_bit(data: bytes, index: int) -> bytes:
    damaged = bytearray(data)
    damaged[index] ^= 0x01
    return bytes(damaged)


@pytest.fixture
def case(tmp_path: Path) -> Case:
    vault = tmp_path / "case.vault"
    with Vault.create(vault, VAULT_PASS, kdf=KDF) as opened:
        add_fictional_case(opened)
    return Case(tmp_path, vault, isolated_env(tmp_path))


@pytest.fixture
def backup(case: Case) -> Path:
    """A good backup of the case, made in-process (the export command has its own tests;
    a subprocess per fixture would only slow the suite down)."""
    out = case.home / "monday.pbak"
    vault = Vault.open(case.vault, VAULT_PASS, read_only=True)
    try:
        export_backup(vault.snapshot(), out, BACKUP_PASS, kdf=KDF)
    finally:
        vault.close()
    return out


# -- usage ----------------------------------------------------------------------------------


def test_version(case: Case) -> None:
    from tui.cli import installed_version

    result = case.run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"pendamping {installed_version()}"


@pytest.mark.parametrize("args", [["--help"], ["backup", "--help"], ["passwd", "--help"]])
def test_help(case: Case, args: list[str]) -> None:
    result = case.run(*args)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: pendamping")
    assert result.stderr == ""


@pytest.mark.parametrize(
    "args",
    [
        ["frobnicate"],
        ["backup"],
        ["backup", "export"],
        ["backup", "verify"],
        ["backup", "restore"],
        ["backup", "shred", "x"],
        ["--lang", "fr", "locate"],
        ["locate", "extra"],
    ],
)
def test_bad_usage_exits_2(case: Case, args: list[str]) -> None:
    before = folder_state(case.home)
    result = case.run(*args)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert result.stderr.startswith("usage: pendamping")
    assert "Traceback" not in result.stderr
    assert folder_state(case.home) == before


def test_locate_prints_both_paths(case: Case) -> None:
    result = case.run("locate")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"Vault: {case.vault}",
        f"Settings: {case.home / 'config' / 'settings.json'}",
    ]


def test_locate_follows_vault_option(case: Case) -> None:
    other = case.home / "elsewhere" / "other.vault"
    result = case.run("--vault", other, "locate")
    assert result.returncode == 0
    assert f"Vault: {other}" in result.stdout.splitlines()
    assert not other.parent.exists()  # locating creates nothing


# -- backup export / verify -------------------------------------------------------------------


def test_export_writes_a_private_verified_encrypted_backup(case: Case) -> None:
    out = case.home / "monday.pbak"
    result = case.run("backup", "export", out, stdin=[VAULT_PASS, BACKUP_PASS])
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0] == f"Backup written and verified: {out}"
    assert "Clients: 1 · session notes: 1 · group sessions: 0 · records in all: 2." in lines[1]

    assert out.is_file()
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    data = out.read_bytes()
    for secret in (NOTE_BODY, NOTE_BODY[:20], OCCUPATION, REFERRAL, "timetable"):
        assert secret.encode() not in data
    # The backup has its own key: neither passphrase opens the other file.
    assert not opens(case.vault, BACKUP_PASS)


def test_verify_with_the_right_passphrase(case: Case, backup: Path) -> None:
    result = case.run("backup", "verify", backup, stdin=[BACKUP_PASS])
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"Backup verified: {backup}"
    assert "Clients: 1 · session notes: 1" in lines[1]
    assert "records in all: 2." in lines[1]


@pytest.mark.parametrize("passphrase", ["wrong backup phrase", VAULT_PASS, ""])
def test_verify_with_a_wrong_passphrase(case: Case, backup: Path, passphrase: str) -> None:
    result = case.run("backup", "verify", backup, stdin=[passphrase])
    assert_user_error(result, "passphrase is wrong")
    assert result.stdout == ""


def test_export_refuses_to_replace_an_existing_file(case: Case) -> None:
    out = case.home / "precious.txt"
    out.write_bytes(b"yesterday's backup, do not lose\n")
    result = case.run("backup", "export", out, stdin=[VAULT_PASS, BACKUP_PASS])
    assert_user_error(result, "already exists", "nothing was changed")
    assert out.read_bytes() == b"yesterday's backup, do not lose\n"


def test_export_refuses_a_short_backup_passphrase(case: Case) -> None:
    out = case.home / "monday.pbak"
    result = case.run("backup", "export", out, stdin=[VAULT_PASS, "short"])
    assert_user_error(result, "at least 8 characters")
    assert not out.exists()


def test_export_with_a_wrong_vault_passphrase(case: Case) -> None:
    out = case.home / "monday.pbak"
    result = case.run("backup", "export", out, stdin=["not the vault one", BACKUP_PASS])
    assert_user_error(result, "passphrase is wrong")
    assert not out.exists()


def test_export_into_a_missing_folder(case: Case) -> None:
    out = case.home / "no" / "such" / "folder" / "monday.pbak"
    result = case.run("backup", "export", out, stdin=[VAULT_PASS, BACKUP_PASS])
    assert_user_error(result)
    assert not out.exists()


# -- damaged and foreign backups ------------------------------------------------------------


def damage(kind: str, data: bytes) -> bytes:
    header_end = container.HEADER_SIZE + container.CHECKSUM_SIZE
    if kind == "truncated":
        return data[: len(data) - 40]
    if kind == "cut-in-header":
        return data[:100]
    if kind == "body-bit":
        return flip_bit(data, header_end + (len(data) - header_end) // 2)
    if kind == "header-bit":
        return flip_bit(data, container.PRELUDE.size + 30)
    if kind == "trailing":
        return data + b"\n"
    raise AssertionError(kind)


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("truncated", "incomplete"),
        ("cut-in-header", "incomplete"),
        ("body-bit", "damaged or was altered"),
        ("header-bit", "header does not verify"),
        ("trailing", "unexpected data at its end"),
    ],
)
def test_damaged_backup(case: Case, backup: Path, kind: str, expected: str) -> None:
    damaged = case.home / "damaged.pbak"
    damaged.write_bytes(damage(kind, backup.read_bytes()))
    result = case.run("backup", "verify", damaged, stdin=[BACKUP_PASS])
    assert_user_error(result, expected, str(damaged))
    # Restoring it must fail the same way and make no vault.
    target = case.home / "restored.vault"
    result = case.run(
        "--vault", target, "backup", "restore", damaged, stdin=[BACKUP_PASS, NEW_PASS]
    )
    assert_user_error(result, expected)
    assert not target.exists()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"Dear diary, nothing to see here.\n", "is not a Pendamping backup"),
        (b"", "is not a Pendamping backup"),
        (container.MAGIC, "incomplete"),
    ],
)
def test_a_file_that_is_not_a_backup(case: Case, content: bytes, expected: str) -> None:
    notes = case.home / "notes.txt"
    notes.write_bytes(content)
    result = case.run("backup", "verify", notes, stdin=[BACKUP_PASS])
    assert_user_error(result, expected)


def test_the_vault_itself_is_not_a_backup(case: Case) -> None:
    result = case.run("backup", "verify", case.vault, stdin=[VAULT_PASS])
    assert_user_error(result, "is not a Pendamping backup")


def test_missing_backup(case: Case) -> None:
    result = case.run("backup", "verify", case.home / "gone.pbak", stdin=[BACKUP_PASS])
    assert_user_error(result, "does not exist")


def test_backup_from_a_newer_format(case: Case, backup: Path) -> None:
    newer = case.home / "future.pbak"
    version = container.FORMAT_VERSION + 1
    newer.write_bytes(with_format_version(backup.read_bytes(), version))
    result = case.run("backup", "verify", newer, stdin=[BACKUP_PASS])
    line = assert_user_error(result, "newer version", f"format {version}")
    assert "damaged" not in line  # a genuine newer file is not reported as damage
    target = case.home / "restored.vault"
    result = case.run("--vault", target, "backup", "restore", newer, stdin=[BACKUP_PASS, NEW_PASS])
    assert_user_error(result, "newer version")
    assert not target.exists()


# -- backup restore -----------------------------------------------------------------------------


def test_restore_into_a_new_vault_gives_the_same_records(case: Case, backup: Path) -> None:
    target = case.home / "laptop" / "restored.vault"
    result = case.run("--vault", target, "backup", "restore", backup, stdin=[BACKUP_PASS, NEW_PASS])
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == f"Vault restored: {target}"
    assert "Clients: 1 · session notes: 1" in result.stdout

    assert tables(target, NEW_PASS) == tables(case.vault, VAULT_PASS)
    restored = listings(target, NEW_PASS)
    assert restored == listings(case.vault, VAULT_PASS)
    assert [c.code for c in restored["Client"]] == ["MA"]
    assert [n.body for n in restored["SessionNote"]] == [NOTE_BODY]
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    # The restored vault answers to its own new passphrase only.
    assert not opens(target, BACKUP_PASS)
    assert not opens(target, VAULT_PASS)


def test_restore_refuses_an_existing_vault_without_force(case: Case, backup: Path) -> None:
    before = folder_state(case.home)
    result = case.run("backup", "restore", backup, stdin=[BACKUP_PASS, NEW_PASS])
    assert_user_error(result, "--force", str(case.vault))
    assert folder_state(case.home) == before
    assert not generation_path(case.vault, 1).exists()


def test_restore_with_force_keeps_the_replaced_vault(case: Case, backup: Path) -> None:
    # After the backup the vault moves on, so "replaced" and "restored" differ.
    with Vault.open(case.vault, VAULT_PASS) as opened:
        repo = Repository(opened.db)
        repo.add(Client(code="NB", birth_year=1990, first_contact=date.today()))
    replaced = tables(case.vault, VAULT_PASS)

    result = case.run("backup", "restore", "--force", backup, stdin=[BACKUP_PASS, NEW_PASS])
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""

    now = listings(case.vault, NEW_PASS)
    assert [c.code for c in now["Client"]] == ["MA"]
    kept = generation_path(case.vault, 1)
    assert kept.is_file()
    assert tables(kept, VAULT_PASS) == replaced  # the old vault, old passphrase
    assert not opens(kept, NEW_PASS)


def test_restore_with_force_while_the_vault_is_open_elsewhere(case: Case, backup: Path) -> None:
    before = case.vault.read_bytes()
    with held_open(case.vault, VAULT_PASS):
        result = case.run("backup", "restore", "--force", backup, stdin=[BACKUP_PASS, NEW_PASS])
    assert_user_error(result, "already open in another Pendamping window")
    assert case.vault.read_bytes() == before


def test_restore_refuses_a_short_new_passphrase(case: Case, backup: Path) -> None:
    target = case.home / "restored.vault"
    result = case.run("--vault", target, "backup", "restore", backup, stdin=[BACKUP_PASS, "tiny"])
    assert_user_error(result, "at least 8 characters")
    assert not target.exists()


def test_restore_with_a_wrong_backup_passphrase(case: Case, backup: Path) -> None:
    target = case.home / "restored.vault"
    result = case.run("--vault", target, "backup", "restore", backup, stdin=[VAULT_PASS, NEW_PASS])
    assert_user_error(result, "passphrase is wrong")
    assert not target.exists()


# -- passwd ---------------------------------------------------------------------------------------


def test_passwd_changes_the_passphrase(case: Case) -> None:
    records = tables(case.vault, VAULT_PASS)
    result = case.run("passwd", stdin=[VAULT_PASS, NEW_PASS])
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "The passphrase was changed."

    assert opens(case.vault, NEW_PASS)
    assert not opens(case.vault, VAULT_PASS)
    assert tables(case.vault, NEW_PASS) == records
    # The kept generations are re-sealed, so the old passphrase opens none of them.
    generations = list_generations(case.vault)
    assert generations
    for generation in generations:
        assert not opens(generation.path, VAULT_PASS), generation.path
        assert opens(generation.path, NEW_PASS), generation.path


def test_passwd_with_a_wrong_current_passphrase(case: Case) -> None:
    before = folder_state(case.home)
    result = case.run("passwd", stdin=["not the current one", NEW_PASS])
    assert_user_error(result, "passphrase is wrong")
    assert folder_state(case.home) == before
    assert opens(case.vault, VAULT_PASS)


def test_passwd_refuses_a_short_new_passphrase(case: Case) -> None:
    before = folder_state(case.home)
    result = case.run("passwd", stdin=[VAULT_PASS, "short"])
    assert_user_error(result, "at least 8 characters")
    assert folder_state(case.home) == before


# -- a second writer -------------------------------------------------------------------------


def test_passwd_while_the_vault_is_open_elsewhere(case: Case) -> None:
    before = case.vault.read_bytes()
    with held_open(case.vault, VAULT_PASS) as holder:
        result = case.run("passwd", stdin=[VAULT_PASS, NEW_PASS])
        assert holder.poll() is None
    assert_user_error(result, "already open in another Pendamping window")
    assert case.vault.read_bytes() == before
    assert opens(case.vault, VAULT_PASS)


def test_export_while_the_vault_is_open_elsewhere(case: Case) -> None:
    out = case.home / "monday.pbak"
    with held_open(case.vault, VAULT_PASS):
        result = case.run("backup", "export", out, stdin=[VAULT_PASS, BACKUP_PASS])
    assert result.returncode == 0, result.stderr
    assert "Clients: 1 · session notes: 1" in result.stdout
    result = case.run("backup", "verify", out, stdin=[BACKUP_PASS])
    assert result.returncode == 0, result.stderr


# -- vaults that are not there or not vaults ---------------------------------------------------

COMMANDS = {
    "passwd": (["passwd"], [VAULT_PASS, NEW_PASS]),
    "export": (["backup", "export", "out.pbak"], [VAULT_PASS, BACKUP_PASS]),
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize(
    ("what", "expected"),
    [
        ("missing", "does not exist"),
        ("folder", "not a Pendamping vault"),
        ("document", "not a Pendamping vault"),
        ("backup", "not a Pendamping vault"),
    ],
)
def test_a_vault_path_that_is_no_vault(
    case: Case, backup: Path, command: str, what: str, expected: str
) -> None:
    target = case.home / "target"
    if what == "folder":
        target.mkdir()
        (target / "inside.txt").write_text("a folder of somebody's files\n")
    elif what == "document":
        target.write_text("Minutes of the neighbourhood meeting.\n")
    elif what == "backup":
        target.write_bytes(backup.read_bytes())
    before = folder_state(case.home)
    args, stdin = COMMANDS[command]
    result = case.run("--vault", target, *args, stdin=stdin)
    assert_user_error(result, expected)
    after = folder_state(case.home)
    # Nothing new beside somebody's file: no lock file, no backup, no generation.
    assert after == before


def test_the_vault_is_missing_by_default(tmp_path: Path) -> None:
    home = Case(tmp_path, tmp_path / "case.vault", isolated_env(tmp_path))
    result = home.run("passwd", stdin=[VAULT_PASS, NEW_PASS])
    assert_user_error(result, "does not exist", str(home.vault))
    assert list(tmp_path.iterdir()) == []


# -- standard input --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "stdin"),
    [
        (["passwd"], []),
        (["passwd"], [VAULT_PASS]),  # the new one never comes
        (["backup", "verify", "monday.pbak"], []),
        (["backup", "export", "other.pbak"], [VAULT_PASS]),
    ],
)
def test_no_passphrase_on_stdin(
    case: Case, backup: Path, args: list[str], stdin: list[str]
) -> None:
    before = folder_state(case.home)
    result = case.run(*args, stdin=stdin)
    assert_user_error(result, "No passphrase was given")
    assert folder_state(case.home) == before


def test_windows_line_endings_on_stdin(case: Case) -> None:
    result = subprocess.run(
        [str(PENDAMPING), "passwd"],
        input=f"{VAULT_PASS}\r\n{NEW_PASS}\r\n",
        capture_output=True,
        text=True,
        env=case.env,
        cwd=case.home,
        timeout=TIMEOUT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert opens(case.vault, NEW_PASS)


# -- language -------------------------------------------------------------------------------


def test_indonesian_messages_follow_the_locale(case: Case) -> None:
    result = case.run("passwd", stdin=[], lang="id_ID.UTF-8")
    assert_user_error(result, "Frasa sandi tidak diberikan.")
    result = case.run("passwd", stdin=["salah sekali ya", NEW_PASS], lang="id_ID.UTF-8")
    assert_user_error(result, "Frasa sandi salah")


def test_lang_option_overrides_the_locale(case: Case) -> None:
    result = case.run("--lang", "en", "passwd", stdin=[], lang="id_ID.UTF-8")
    assert_user_error(result, "No passphrase was given.")
    result = case.run("--lang", "id", "locate")
    assert result.returncode == 0
    assert result.stdout.splitlines()[0] == f"Brankas: {case.vault}"


def test_a_folder_given_as_backup_is_reported_in_the_workers_language(case: Case) -> None:
    folder = case.home / "backups"
    folder.mkdir()
    result = case.run("backup", "verify", folder, stdin=[BACKUP_PASS], lang="id_ID.UTF-8")
    line = assert_user_error(result)
    assert "not a vault" not in line
    assert "bukan cadangan Pendamping" in line


def test_a_foreign_file_is_named_in_indonesian(case: Case) -> None:
    notes = case.home / "catatan.txt"
    notes.write_text("Bukan cadangan.\n")
    result = case.run("backup", "verify", notes, stdin=[BACKUP_PASS], lang="id_ID.UTF-8")
    line = assert_user_error(result, "bukan")
    assert "cadangan" in line


def test_restore_force_never_replaces_a_document(case: Case, backup: Path) -> None:
    document = case.home / "notes.txt"
    document.write_text("Minutes of the neighbourhood meeting.\n")
    before = folder_state(case.home)
    result = case.run(
        "--vault", document, "backup", "restore", backup, "--force", stdin=[BACKUP_PASS, NEW_PASS]
    )
    assert_user_error(result, "is not a Pendamping vault")
    assert folder_state(case.home) == before


def test_export_into_a_missing_folder_names_the_path(case: Case) -> None:
    out = case.home / "no-such-folder" / "monday.pbak"
    result = case.run("backup", "export", out, stdin=[VAULT_PASS, BACKUP_PASS])
    line = assert_user_error(result, "Saving")
    assert str(out) in line
