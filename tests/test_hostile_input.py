"""Hostile and odd input to the installed `pendamping` command: one clear line each, in
the worker's language, exit status 1, never a traceback, never a hang, nothing changed.

Each case runs the real command in a subprocess with a time limit, so a hang fails the
test instead of stalling the suite.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from test_cli import (
    PENDAMPING,
    TIMEOUT,
    VAULT_PASS,
    Case,
    add_fictional_case,
    assert_user_error,
    folder_state,
    isolated_env,
)

from command_support import NEEDS_COMMAND
from models.container import KdfParams
from models.vault import Vault

pytestmark = NEEDS_COMMAND

KDF = KdfParams(8, 1, 1)


@pytest.fixture
def case(tmp_path: Path) -> Case:
    vault = tmp_path / "case.vault"
    with Vault.create(vault, VAULT_PASS, kdf=KDF) as opened:
        add_fictional_case(opened)
    return Case(tmp_path, vault, isolated_env(tmp_path))


def run_raw(
    case: Case,
    *args: str | Path,
    stdin: bytes | int | None = None,
    env: dict[str, str] | None = None,
    shell: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """Like Case.run, with bytes (or a file descriptor) for standard input."""
    command: list[str] | str = shell if shell else [str(PENDAMPING), *map(str, args)]
    options: dict[str, object] = (
        {"stdin": stdin} if isinstance(stdin, int) or stdin is None else {"input": stdin}
    )
    result = subprocess.run(
        command,
        capture_output=True,
        env=env or case.env,
        cwd=case.home,
        timeout=TIMEOUT,
        check=False,
        shell=bool(shell),
        **options,
    )
    return subprocess.CompletedProcess(
        result.args,
        result.returncode,
        result.stdout.decode("utf-8", "replace"),
        result.stderr.decode("utf-8", "replace"),
    )


def test_a_passphrase_that_is_not_utf8_text(case: Case) -> None:
    before = folder_state(case.home)
    result = run_raw(case, "passwd", stdin=b"\xff\xfe not text \xc3\n")
    assert_user_error(result, "not UTF-8 text")
    assert folder_state(case.home) == before


def test_standard_input_closed(case: Case) -> None:
    before = folder_state(case.home)
    result = run_raw(case, shell=f"'{PENDAMPING}' passwd <&-")
    assert_user_error(result, "passphrase")
    result = run_raw(case, shell=f"'{PENDAMPING}' <&-")  # the app itself
    assert_user_error(result, "needs a terminal")
    assert folder_state(case.home) == before


def test_the_app_without_a_terminal_stops_at_once(case: Case) -> None:
    # `pendamping </dev/null` used to spin at full speed reading the end of the input.
    with open(os.devnull, "rb") as nothing:
        result = run_raw(case, stdin=nothing.fileno())
    assert_user_error(result, "needs a terminal")


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("lots", "must be memory:iterations:lanes"),
        ("65536:3", "must be memory:iterations:lanes"),
        ("65536:3:4:5", "must be memory:iterations:lanes"),
        ("0x10:1:1", "must be memory:iterations:lanes"),
        ("8:0:1", "outside what Pendamping can read back"),
        ("4:1:1", "outside what Pendamping can read back"),
        ("999999999:3:4", "outside what Pendamping can read back"),
    ],
)
def test_a_malformed_or_unreadable_kdf_cost(case: Case, value: str, said: str) -> None:
    env = dict(case.env, PENDAMPING_KDF_COST=value)
    before = folder_state(case.home)
    result = run_raw(
        case, "passwd", stdin=f"{VAULT_PASS}\nanother long passphrase\n".encode(), env=env
    )
    assert_user_error(result, said)
    assert folder_state(case.home) == before


def test_a_weak_kdf_cost_is_refused_outside_the_test_suite(case: Case) -> None:
    env = {k: v for k, v in case.env.items() if k != "PENDAMPING_WEAK_KEYS_FOR_TESTS"}
    before = folder_state(case.home)
    result = run_raw(
        case, "passwd", stdin=f"{VAULT_PASS}\nanother long passphrase\n".encode(), env=env
    )
    assert_user_error(result, "too weak")
    assert folder_state(case.home) == before


def test_a_closed_pipe_is_not_a_traceback(case: Case) -> None:
    result = run_raw(case, shell=f"'{PENDAMPING}' locate | head -c0")
    assert "Traceback" not in result.stderr and "Exception" not in result.stderr
    assert result.stderr == ""


@pytest.mark.parametrize("kind", ["symlink loop", "fifo", "huge sparse file", "folder"])
def test_a_vault_path_that_is_no_file(case: Case, kind: str) -> None:
    odd = case.home / "odd.vault"
    said = {
        "symlink loop": "leads round in a circle",
        "fifo": "not a file",
        "huge sparse file": "far too large",
        "folder": "is not a Pendamping vault",
    }[kind]
    if kind == "symlink loop":
        (case.home / "other").symlink_to(odd)
        odd.symlink_to(case.home / "other")
    elif kind == "fifo":
        os.mkfifo(odd)
    elif kind == "huge sparse file":
        with odd.open("wb") as sparse:  # a vault's first bytes, then 3 GiB of nothing
            sparse.write(case.vault.read_bytes()[:300])
            sparse.truncate(3 << 30)
    else:
        odd.mkdir()
    env = dict(case.env, PENDAMPING_VAULT=str(odd))
    for args in (("passwd",), ("backup", "export", case.home / "out.pbak")):
        result = run_raw(
            case, *args, stdin=f"{VAULT_PASS}\nanother long passphrase\n".encode(), env=env
        )
        assert_user_error(result, said)
    assert not (case.home / "out.pbak").exists()


def test_a_foreign_huge_file_is_refused_without_reading_it(case: Case) -> None:
    odd = case.home / "film.mp4"
    with odd.open("wb") as sparse:
        sparse.write(b"\x00\x00\x00\x18ftypmp42")
        sparse.truncate(3 << 30)
    env = dict(case.env, PENDAMPING_VAULT=str(odd))
    result = run_raw(case, "passwd", stdin=f"{VAULT_PASS}\n".encode(), env=env)
    assert_user_error(result, "is not a Pendamping vault")
