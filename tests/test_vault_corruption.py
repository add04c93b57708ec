"""A damaged vault is always reported as damage, clearly and without touching any file.

Truncation at every structural boundary of the container and single-bit flips over the
whole file (every header byte at least once, sampled body bytes) must each end in a
VaultError subclass: VaultCorrupt naming the newest intact generation (also when the
magic is gone: generations beside it show the file was a vault; a foreign file with no
generations is NotAVault). Never a wrong-passphrase message for a damaged header, never a
newer-version message for a flipped version bit, never a bare exception, and never an
open that succeeds with different data.
"""

from __future__ import annotations

import random
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import FAST, PASSPHRASE, folder_state, store_fictional_case, today
from models import container
from models.backup import export_backup
from models.container import CHECKSUM_SIZE, FIXED, HEADER_SIZE, MAGIC, PRELUDE, SLOT, TAG_SIZE
from models.errors import NotAVault, VaultCorrupt, VaultError
from models.repository import Repository
from models.vault import Vault, generation_path, probe

SLOT0 = PRELUDE.size + FIXED.size
SLOT1 = SLOT0 + SLOT.size
BODY = HEADER_SIZE + CHECKSUM_SIZE
SEED = 20261128


@dataclass
class Damaged:
    """A vault folder with an intact generation .1, and the vault's pristine bytes."""

    path: Path
    pristine: bytes

    @property
    def generation(self) -> Path:
        return generation_path(self.path, 1)


@pytest.fixture
def damaged(vault: Vault, vault_path: Path) -> Iterator[Damaged]:
    store_fictional_case(Repository(vault.db, today=today))
    vault.close()
    with Vault.open(vault_path, PASSPHRASE) as session:  # a second session makes .1
        session.db.table("t").insert({"second": "session"})
    pristine = vault_path.read_bytes()
    assert len(pristine) > BODY + 1000  # a body worth sampling
    yield Damaged(vault_path, pristine)


def open_damaged(target: Damaged, data: bytes) -> tuple[BaseException | None, str]:
    """Write `data` as the vault, try to open it, and check that nothing was touched."""
    target.path.write_bytes(data)
    before = folder_state(target.path.parent)
    caught: BaseException | None = None
    try:
        Vault.open(target.path, PASSPHRASE).close()
    except Exception as exc:  # anything at all: judged by the caller
        caught = exc
    touched = "" if folder_state(target.path.parent) == before else "files were changed"
    return caught, touched


def judge(
    target: Damaged, data: bytes, expected: type[VaultError], parts: set[str], label: str
) -> str | None:
    """None if opening `data` failed as it should; else what went wrong, for the report."""
    caught, touched = open_damaged(target, data)
    if touched:
        return f"{label}: {touched}"
    if caught is None:
        return f"{label}: opened without complaint"
    if type(caught) is not expected:
        detail = "".join(traceback.format_exception_only(type(caught), caught)).strip()
        return f"{label}: {detail} instead of {expected.__name__}"
    if isinstance(caught, VaultCorrupt):
        if caught.part not in parts:
            return f"{label}: part {caught.part!r}, expected one of {sorted(parts)}"
        if caught.fallback != target.generation:
            return f"{label}: fallback {caught.fallback}, expected {target.generation}"
        text = str(caught)
        if (
            target.path.name not in text
            or "damaged" not in text
            or target.generation.name not in text
        ):
            return f"{label}: unclear message {text!r}"
    elif target.path.name not in str(caught):
        return f"{label}: message does not name the file: {caught}"
    return None


# Lengths cut at (or just inside) every field boundary, with what each must raise.
TRUNCATIONS: list[tuple[str, int | None, type[VaultError], set[str]]] = [
    ("empty", 0, VaultCorrupt, {"header"}),
    ("inside the magic", 4, VaultCorrupt, {"header"}),
    ("one byte short of the magic", len(MAGIC) - 1, VaultCorrupt, {"header"}),
    ("after the magic", len(MAGIC), VaultCorrupt, {"truncated"}),
    ("inside the prelude", len(MAGIC) + 3, VaultCorrupt, {"truncated"}),
    ("after the prelude", PRELUDE.size, VaultCorrupt, {"truncated"}),
    ("inside the fixed fields", PRELUDE.size + 10, VaultCorrupt, {"truncated"}),
    ("after the fixed fields", SLOT0, VaultCorrupt, {"truncated"}),
    ("inside key slot 0", SLOT0 + SLOT.size // 2, VaultCorrupt, {"truncated"}),
    ("after key slot 0", SLOT1, VaultCorrupt, {"truncated"}),
    ("inside key slot 1", SLOT1 + SLOT.size // 2, VaultCorrupt, {"truncated"}),
    ("after the header", HEADER_SIZE, VaultCorrupt, {"truncated"}),
    ("inside the checksum", HEADER_SIZE + CHECKSUM_SIZE // 2, VaultCorrupt, {"truncated"}),
    ("after the checksum", BODY, VaultCorrupt, {"truncated"}),
    ("one byte of body", BODY + 1, VaultCorrupt, {"truncated"}),
    ("inside the body", None, VaultCorrupt, {"truncated"}),  # None: half the body
    ("before the tag", -TAG_SIZE, VaultCorrupt, {"truncated"}),
    ("one byte short of the end", -1, VaultCorrupt, {"truncated"}),
]


def cut_at(length: int | None, size: int) -> int:
    """A length from the table: None is half the body, a negative one counts from the end."""
    if length is None:
        return BODY + (size - BODY) // 2
    return size + length if length < 0 else length


@pytest.mark.parametrize(
    ("label", "length", "expected", "parts"),
    TRUNCATIONS,
    ids=[t[0].replace(" ", "-") for t in TRUNCATIONS],
)
def test_truncation(
    damaged: Damaged, label: str, length: int | None, expected: type[VaultError], parts: set[str]
) -> None:
    size = len(damaged.pristine)
    cut = cut_at(length, size)
    assert 0 <= cut < size
    problem = judge(damaged, damaged.pristine[:cut], expected, parts, f"cut at {cut}")
    assert problem is None, problem


@pytest.mark.parametrize("extra", [b"\x00", b"garbage after the body", bytes(4096)])
def test_bytes_after_the_body_are_a_save_that_did_not_finish(
    damaged: Damaged, extra: bytes
) -> None:
    # A vault's save log follows its body: what is there without forming a whole frame was
    # being written when the machine stopped (tests/test_vault_unfinished_save.py).
    with Vault.open(damaged.path, PASSPHRASE, read_only=True) as vault:
        expected = vault.db.tables(), vault.db.table("t").all()
    caught, touched = open_damaged(damaged, damaged.pristine + extra)
    assert caught is None and not touched
    with Vault.open(damaged.path, PASSPHRASE, read_only=True) as vault:
        assert vault.found_unfinished_save
        assert (vault.db.tables(), vault.db.table("t").all()) == expected


def flip(data: bytes, index: int, bit: int) -> bytes:
    changed = bytearray(data)
    changed[index] ^= 1 << bit
    return bytes(changed)


def expected_for(index: int) -> tuple[type[VaultError], set[str]]:
    if index < len(MAGIC):
        return VaultCorrupt, {"header"}
    if index in (10, 11):  # the header length: may now point past the end of the file
        return VaultCorrupt, {"header", "truncated"}
    if index < BODY:  # header or its checksum: the checksum no longer matches
        return VaultCorrupt, {"header"}
    return VaultCorrupt, {"body"}


def test_bit_flips_in_every_header_byte(damaged: Damaged) -> None:
    rng = random.Random(SEED)
    positions = [(i, rng.randrange(8)) for i in range(BODY)]  # every byte once
    positions += [(rng.randrange(BODY), rng.randrange(8)) for _ in range(250)]
    problems = []
    for index, bit in positions:
        expected, parts = expected_for(index)
        problem = judge(
            damaged, flip(damaged.pristine, index, bit), expected, parts, f"byte {index} bit {bit}"
        )
        if problem:
            problems.append(problem)
    assert problems == [], f"{len(problems)} of {len(positions)} flips:\n" + "\n".join(
        problems[:20]
    )


def test_bit_flips_in_the_body(damaged: Damaged) -> None:
    rng = random.Random(SEED + 1)
    size = len(damaged.pristine)
    indices = [BODY, BODY + 1, size - TAG_SIZE - 1, size - TAG_SIZE, size - 1]
    indices += rng.sample(range(BODY, size), 300)
    problems = []
    for index in indices:
        bit = rng.randrange(8)
        problem = judge(
            damaged,
            flip(damaged.pristine, index, bit),
            VaultCorrupt,
            {"body"},
            f"byte {index} bit {bit}",
        )
        if problem:
            problems.append(problem)
    assert problems == [], f"{len(problems)} of {len(indices)} flips:\n" + "\n".join(problems[:20])


@pytest.mark.parametrize("bit", range(16))
def test_flipped_version_bit_is_damage_not_a_newer_version(damaged: Damaged, bit: int) -> None:
    index = len(MAGIC) + (0 if bit < 8 else 1)
    problem = judge(
        damaged,
        flip(damaged.pristine, index, bit % 8),
        VaultCorrupt,
        {"header"},
        f"version bit {bit}",
    )
    assert problem is None, problem


def test_probe_reports_header_damage_and_the_fallback(damaged: Damaged) -> None:
    # probe() runs before the passphrase is asked: it must already tell the worker.
    damaged.path.write_bytes(flip(damaged.pristine, SLOT0 + 20, 3))
    before = folder_state(damaged.path.parent)
    with pytest.raises(VaultCorrupt) as caught:
        probe(damaged.path)
    assert caught.value.part == "header"
    assert caught.value.fallback == damaged.generation
    assert folder_state(damaged.path.parent) == before


def test_fallback_skips_a_damaged_generation(damaged: Damaged) -> None:
    with Vault.open(damaged.path, PASSPHRASE) as session:  # a third session makes .2
        session.db.table("t").insert({"third": "session"})
    first = damaged.generation
    second = generation_path(damaged.path, 2)
    first.write_bytes(first.read_bytes()[:-1])
    damaged.path.write_bytes(damaged.path.read_bytes()[:-1])
    before = folder_state(damaged.path.parent)
    with pytest.raises(VaultCorrupt) as caught:
        Vault.open(damaged.path, PASSPHRASE)
    assert caught.value.fallback == second
    assert second.name in str(caught.value)
    with pytest.raises(VaultCorrupt) as caught:  # the same without the passphrase
        probe(damaged.path)
    assert caught.value.fallback == second
    assert folder_state(damaged.path.parent) == before


def test_body_damage_in_the_generation_is_skipped_too(damaged: Damaged) -> None:
    # A generation whose header is fine but whose body fails must not be offered.
    first = damaged.generation
    data = first.read_bytes()
    first.write_bytes(flip(data, len(data) - 1, 0))
    damaged.path.write_bytes(flip(damaged.pristine, len(damaged.pristine) - 1, 0))
    with pytest.raises(VaultCorrupt) as caught:
        Vault.open(damaged.path, PASSPHRASE)
    assert caught.value.fallback is None
    assert "generation" not in str(caught.value)


def test_no_generation_means_no_fallback(vault: Vault, vault_path: Path) -> None:
    vault.close()
    data = vault_path.read_bytes()
    vault_path.write_bytes(flip(data, SLOT0 + 3, 1))
    with pytest.raises(VaultCorrupt) as caught:
        Vault.open(vault_path, PASSPHRASE)
    assert caught.value.fallback is None


def test_plain_text_file_is_not_a_vault(tmp_path: Path) -> None:
    document = tmp_path / "notes.txt"
    document.write_text("Meeting notes, plain text.\n" * 20, encoding="utf-8")
    before = folder_state(tmp_path, ignore=())
    with pytest.raises(NotAVault) as caught:
        Vault.open(document, PASSPHRASE)
    assert "not a Pendamping vault" in str(caught.value)
    with pytest.raises(NotAVault):
        probe(document)
    # not even a lock file is left next to somebody's document
    assert folder_state(tmp_path, ignore=()) == before


def test_folder_is_not_a_vault(tmp_path: Path) -> None:
    with pytest.raises(NotAVault):
        Vault.open(tmp_path, PASSPHRASE)


def test_backup_is_not_a_vault(vault: Vault, tmp_path: Path) -> None:
    backup = tmp_path / "case.backup"
    export_backup(vault.snapshot(), backup, PASSPHRASE, kdf=FAST)
    with pytest.raises(NotAVault) as caught:
        Vault.open(backup, PASSPHRASE)
    assert "vault" in str(caught.value)


def test_spliced_body_of_an_older_generation_is_refused(damaged: Damaged) -> None:
    # Same data key, so only the header-bound authentication can catch this rollback.
    older = damaged.generation.read_bytes()
    header = damaged.pristine[:BODY]
    parsed = container.parse(older)
    spliced = header + bytes(parsed.body)
    caught, touched = open_damaged(damaged, spliced)
    assert not touched
    assert isinstance(caught, VaultCorrupt), caught


def test_a_vault_without_generations_whose_magic_is_gone_is_not_a_vault(vault_path: Path) -> None:
    Vault.create(vault_path, PASSPHRASE, kdf=FAST).close()
    damaged = bytearray(vault_path.read_bytes())
    damaged[0] ^= 0xFF
    vault_path.write_bytes(bytes(damaged))
    with pytest.raises(NotAVault):
        Vault.open(vault_path, PASSPHRASE)
