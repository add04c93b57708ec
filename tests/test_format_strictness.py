"""What FORMAT.md says a reader refuses, the reader refuses: two key slots of one kind,
document ids that are not canonical decimals, files too short for their prelude, and
format version 0. Each as damage, never a traceback at the first read."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import orjson
import pytest

from conftest import FAST, PASSPHRASE
from models import container
from models.backup import open_bundle, seal_bundle
from models.container import MAGIC, FileKind
from models.errors import VaultCorrupt
from models.vault import Vault, vault_plaintext


def rewrite_body(path: Path, tables: dict[str, Any]) -> None:
    """The vault at `path`, its body replaced by `tables`, sealed properly."""
    with Vault.open(path, PASSPHRASE, read_only=True) as vault:
        header, key = vault._header, vault._need_key()
    path.write_bytes(container.seal(header, key, vault_plaintext(tables, 1)))


@pytest.mark.parametrize("doc_id", ["012", "+1", " 1", "1 ", "\u0661", "1.0", "abc", "-1", "0", ""])
def test_document_ids_must_be_canonical_decimals(
    vault: Vault, vault_path: Path, doc_id: str
) -> None:
    vault.close()
    rewrite_body(vault_path, {"notes": {"1": {"body": "fine"}, doc_id: {"body": "odd"}}})
    with pytest.raises(VaultCorrupt) as caught:
        Vault.open(vault_path, PASSPHRASE, read_only=True)
    assert caught.value.part == "body"


def test_a_document_must_be_an_object(vault: Vault, vault_path: Path) -> None:
    vault.close()
    rewrite_body(vault_path, {"notes": {"1": ["not", "an", "object"]}})
    with pytest.raises(VaultCorrupt):
        Vault.open(vault_path, PASSPHRASE, read_only=True)


def test_canonical_ids_open(vault: Vault, vault_path: Path) -> None:
    vault.close()
    rewrite_body(vault_path, {"notes": {"1": {"body": "a"}, "10": {"body": "b"}}})
    with Vault.open(vault_path, PASSPHRASE, read_only=True) as again:
        assert [d.doc_id for d in again.db.table("notes").all()] == [1, 10]


def test_a_bundle_with_odd_ids_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "odd.pbak"
    body = {
        "format": "pendamping-backup",
        "made_at": "2026-11-28T10:00:00+07:00",
        "tables": {"notes": {"007": {"body": "odd"}}},
    }
    path.write_bytes(seal_bundle(body, PASSPHRASE, FileKind.BACKUP, FAST))
    with pytest.raises(VaultCorrupt):
        open_bundle(path, PASSPHRASE, FileKind.BACKUP)


def with_header(data: bytes, header: bytes) -> bytes:
    return header + hashlib.sha256(header).digest() + data[len(header) + 32 :]


def test_two_slots_of_one_kind_are_refused(vault: Vault, vault_path: Path) -> None:
    vault.close()
    data = vault_path.read_bytes()
    header = bytearray(data[: container.HEADER_SIZE])
    slot0 = container.PRELUDE.size + container.FIXED.size
    header[slot0 + container.SLOT.size : slot0 + 2 * container.SLOT.size] = header[
        slot0 : slot0 + container.SLOT.size
    ]  # the passphrase slot, twice
    vault_path.write_bytes(with_header(data, bytes(header)))
    with pytest.raises(VaultCorrupt) as caught:
        Vault.open(vault_path, PASSPHRASE, read_only=True)
    assert caught.value.part == "header"


@pytest.mark.parametrize("length", range(8, 12))
def test_files_of_8_to_11_bytes_are_cut_short(tmp_path: Path, length: int) -> None:
    data = (MAGIC + bytes([0, 2, 0, 216]))[:length]
    with pytest.raises(container.FormatProblem) as caught:
        container.parse(data)
    assert caught.value.part == "truncated"


def test_version_0_is_damage(vault: Vault, vault_path: Path) -> None:
    vault.close()
    data = vault_path.read_bytes()
    header = bytearray(data[: container.HEADER_SIZE])
    header[8:10] = b"\x00\x00"
    with pytest.raises(container.FormatProblem) as caught:
        container.parse(with_header(data, bytes(header)))
    assert caught.value.part == "header"


def test_a_frame_may_not_write_an_odd_id(vault: Vault, vault_path: Path) -> None:
    vault.db.table("notes").insert({"body": "snapshot"})
    vault.close()
    with Vault.open(vault_path, PASSPHRASE, read_only=True) as reader:
        header, key = reader._header, reader._need_key()
    data = vault_path.read_bytes()
    parsed = container.parse(data)
    frame = container.seal_frame(
        key,
        header.body_nonce,
        1,
        orjson.dumps({"tables": {"notes": {"docs": {"01": {"body": "odd"}}}}, "saves": 99}),
    )
    vault_path.write_bytes(data[: parsed.body_end] + frame)
    with pytest.raises(VaultCorrupt):
        Vault.open(vault_path, PASSPHRASE, read_only=True)
