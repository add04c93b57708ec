"""FORMAT.md is enough to read a vault: a decoder written from that page alone, using
only the standard library and `cryptography` (nothing of `models/`), reads what the
vault holds, save log included."""

from __future__ import annotations

import hashlib
import json
import struct
import unicodedata
import zlib
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from conftest import PASSPHRASE
from models.vault import Vault


def decode(data: bytes, passphrase: str) -> dict[str, Any]:
    return decode_counted(data, passphrase)[0]


def decode_counted(data: bytes, passphrase: str) -> tuple[dict[str, Any], int]:
    """Steps 1-12 of "Decoding, step by step", for a vault: its tables, and its count of
    saves ("Counting saves")."""
    assert data[:8] == b"PNDMPNG\x00"
    version, h = struct.unpack_from(">HH", data, 8)
    header = data[:h]
    assert hashlib.sha256(header).digest() == data[h : h + 32]
    assert version in (1, 2) and h == 216
    kind, cipher, compression, slots, body_length = struct.unpack_from(">BBBBQ", data, 12)
    body_nonce = data[24:36]
    assert (kind, cipher, slots) == (1, 1, 2)
    secret = unicodedata.normalize("NFC", passphrase).encode("utf-8")
    key = None
    for start in (36, 126):
        slot = data[start : start + 90]
        slot_kind, kdf, memory, iterations, lanes = struct.unpack_from(">BBIII", slot)
        if slot_kind != 1:
            continue
        assert kdf == 1  # Argon2id
        kek = Argon2id(
            salt=slot[14:30], length=32, iterations=iterations, lanes=lanes, memory_cost=memory
        ).derive(secret)
        key = AESGCM(kek).decrypt(slot[30:42], slot[42:90], slot[:30])
    assert key is not None
    body_start = h + 32
    plaintext = AESGCM(key).decrypt(body_nonce, data[body_start : body_start + body_length], header)
    if compression == 1:
        plaintext = zlib.decompress(plaintext)
    tables: dict[str, Any] = json.loads(plaintext)
    saves = tables.pop("$vault", {}).get("saves", 0)  # not a table

    offset, n = body_start + body_length, 1
    assert version == 2 or offset == len(data)
    while offset < len(data):
        length, check = struct.unpack_from(">II", data, offset)
        assert check == zlib.crc32(struct.pack(">IQ", length, n))
        if offset + 20 + length > len(data):
            break  # a save that never finished
        nonce = data[offset + 8 : offset + 20]
        aad = b"PNDMPNG journal\x00" + body_nonce + n.to_bytes(8, "big")
        frame = json.loads(
            AESGCM(key).decrypt(nonce, data[offset + 20 : offset + 20 + length], aad)
        )
        saves = frame.get("saves", saves + 1)
        for name, entry in frame["tables"].items():
            table = tables.setdefault(name, {})
            if entry.get("clear"):
                table.clear()
            for doc_id in entry.get("moved", []):
                table.pop(doc_id, None)
            for doc_id, doc in entry["docs"].items():
                if doc is None:
                    table.pop(doc_id, None)
                else:
                    table[doc_id] = doc
        offset, n = offset + 20 + length, n + 1
    return tables, saves


def test_an_independent_decoder_reads_snapshot_and_save_log(vault: Vault, vault_path: Path) -> None:
    clients, notes = vault.db.table("clients"), vault.db.table("notes")
    clients.insert({"code": "MA", "phase": "assessment"})
    notes.insert_multiple({"client_id": 1, "body": f"session {n}"} for n in range(5))
    vault.close()
    vault = Vault.open(vault_path, PASSPHRASE)
    clients, notes = vault.db.table("clients"), vault.db.table("notes")
    notes.insert({"client_id": 1, "body": "first save of the session: a new snapshot"})
    notes.update({"body": "amended"}, doc_ids=[2])
    notes.remove(doc_ids=[3])
    with vault.batch():
        clients.update({"phase": "intervention"}, doc_ids=[1])
        notes.insert({"client_id": 1, "body": "a note typed live"})
    vault.db.table("groups").truncate()

    data = vault_path.read_bytes()
    assert struct.unpack_from(">H", data, 8)[0] == 2
    assert len(data) > 248 + struct.unpack_from(">Q", data, 16)[0]  # it has a save log
    expected = {
        name: {str(d.doc_id): dict(d) for d in vault.db.table(name).all()}
        for name in vault.db.tables()
    }
    tables, saves = decode_counted(data, PASSPHRASE)
    assert tables == expected
    assert saves == 7  # two in the first session, five in the second (the batch is one)
    vault.close()
    # compacted: the same tables, and no save more
    assert decode_counted(vault_path.read_bytes(), PASSPHRASE) == (expected, saves)
