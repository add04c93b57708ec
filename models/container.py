"""The encrypted container: the bytes of a vault, a generation, a backup or a case bundle.

FORMAT.md at the project root documents this layout byte by byte; keep the two in step.
All cryptography comes from the `cryptography` package: Argon2id derives a key-encryption
key from a passphrase (or a recovery key), AES-256-GCM wraps the random data key in a key
slot, and AES-256-GCM encrypts the body with the whole header as associated data.

A SHA-256 checksum over the header lets us tell a damaged header from a wrong passphrase:
if the header is intact, a failed key unwrap can only mean the wrong secret; if the key
unwraps, a failed body decryption can only mean a damaged or altered body.

A vault (version 2) may carry a *save log* after its body: frames appended by each save,
each holding only the records that save changed, each its own AES-256-GCM message bound
to the body's nonce and to its sequence number. So a save costs what the change costs,
and a reordered or foreign frame is detected; a save cut short at the end of the file is
told apart from damage and ignored.
"""

from __future__ import annotations

import enum
import hashlib
import os
import struct
import unicodedata
import zlib
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

MAGIC = b"PNDMPNG\x00"
FORMAT_VERSION = 2  # 2 added the vault's save log; version 1 files are still read
PRELUDE = struct.Struct(">8sHH")  # magic, format version, header length
FIXED = struct.Struct(">BBBBQ12s")  # kind, cipher, compression, slot count, body length, nonce
# kind, kdf, memory KiB, iterations, lanes, salt, nonce, wrapped key
SLOT = struct.Struct(">BBIII16s12s48s")
SLOT_DESCRIPTOR_SIZE = 1 + 1 + 4 + 4 + 4 + 16  # the part of a slot bound to its wrapped key
SLOT_COUNT = 2
HEADER_SIZE = PRELUDE.size + FIXED.size + SLOT_COUNT * SLOT.size
CHECKSUM_SIZE = 32
TAG_SIZE = 16
KEY_SIZE = 32
CIPHER_AES_256_GCM = 1
KDF_ARGON2ID = 1
# A save log frame: ciphertext length, CRC-32 of (length, sequence number), nonce.
FRAME = struct.Struct(">II12s")
FRAME_LABEL = b"PNDMPNG journal\x00"


class FileKind(enum.IntEnum):
    VAULT = 1
    BACKUP = 2
    CASE_BUNDLE = 3


class Compression(enum.IntEnum):
    NONE = 0
    ZLIB = 1


class SlotKind(enum.IntEnum):
    EMPTY = 0
    PASSPHRASE = 1
    RECOVERY = 2


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost. Memory in KiB."""

    memory_kib: int
    iterations: int
    lanes: int

    @property
    def weak(self) -> bool:
        """Below SAFE_MINIMUM_KDF: too cheap to protect a passphrase in real use."""
        return (
            self.memory_kib < SAFE_MINIMUM_KDF.memory_kib
            or self.iterations < SAFE_MINIMUM_KDF.iterations
        )


# About 0.2-0.3 s on a two-core laptop, 64 MiB; bench/run_all.py measures it.
DEFAULT_KDF = KdfParams(memory_kib=64 * 1024, iterations=3, lanes=4)
# The lowest Argon2id cost OWASP recommends (19 MiB, 2 passes): anything cheaper is only
# for the test suite, which unlocks thousands of times.
SAFE_MINIMUM_KDF = KdfParams(memory_kib=19 * 1024, iterations=2, lanes=1)
# A hostile or damaged file must not make us allocate gigabytes or spin for minutes.
MAX_KDF = KdfParams(memory_kib=256 * 1024, iterations=16, lanes=16)


class FormatProblem(Exception):
    """Raised by `parse`; the vault turns it into a clear, user-facing error."""

    def __init__(self, part: str, message: str) -> None:
        super().__init__(message)
        self.part = part


class NotAContainer(Exception):
    pass


class NewerVersion(Exception):
    def __init__(self, version: int) -> None:
        super().__init__(version)
        self.version = version


class SecretRejected(Exception):
    """The passphrase or recovery key does not open any slot of this kind."""


class BodyRejected(Exception):
    """The body failed authentication: damaged or altered."""


@dataclass(frozen=True)
class KeySlot:
    kind: SlotKind
    kdf: KdfParams
    salt: bytes
    nonce: bytes
    wrapped: bytes

    def descriptor(self) -> bytes:
        """The slot's first bytes, saying what it is and how its key is derived: the
        associated data its wrapped key is bound to."""
        return self._packed(b"", b"")[:SLOT_DESCRIPTOR_SIZE]

    def pack(self) -> bytes:
        return self._packed(self.nonce, self.wrapped)

    def _packed(self, nonce: bytes, wrapped: bytes) -> bytes:
        kdf = self.kdf
        return SLOT.pack(
            self.kind,
            KDF_ARGON2ID,
            kdf.memory_kib,
            kdf.iterations,
            kdf.lanes,
            self.salt,
            nonce,
            wrapped,
        )


@dataclass(frozen=True)
class Header:
    kind: FileKind
    compression: Compression
    slots: tuple[KeySlot | None, ...]
    body_length: int = 0
    body_nonce: bytes = bytes(12)

    def pack(self) -> bytes:
        parts = [
            PRELUDE.pack(MAGIC, FORMAT_VERSION, HEADER_SIZE),
            FIXED.pack(
                self.kind,
                CIPHER_AES_256_GCM,
                self.compression,
                SLOT_COUNT,
                self.body_length,
                self.body_nonce,
            ),
        ]
        for slot in self.slots:
            parts.append(slot.pack() if slot else bytes(SLOT.size))
        return b"".join(parts)

    def slot(self, kind: SlotKind) -> KeySlot | None:
        return next((s for s in self.slots if s and s.kind == kind), None)

    def with_slot(self, new: KeySlot) -> Header:
        """Put `new` in the slot of its kind (or the first empty one)."""
        slots = list(self.slots)
        index = next((i for i, s in enumerate(slots) if s and s.kind == new.kind), None)
        if index is None:
            index = next(i for i, s in enumerate(slots) if s is None)
        slots[index] = new
        return replace(self, slots=tuple(slots))


@dataclass(frozen=True)
class Parsed:
    header: Header
    header_bytes: bytes
    body: memoryview
    version: int
    save_log: memoryview  # empty unless a version 2 vault

    @property
    def body_end(self) -> int:
        """Where the body ends in the file: the save log's first frame, if any."""
        return len(self.header_bytes) + CHECKSUM_SIZE + self.header.body_length


def load_cryptography() -> None:
    """Import the `cryptography` package now.

    It takes a noticeable part of start-up, and reading a header needs none of it, so it
    loads on first use, or here, in the background, while the passphrase is typed.
    """
    _aead(bytes(KEY_SIZE))


def _aead(key: bytes) -> AESGCM:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    return AESGCM(key)


def _invalid_tag() -> type[Exception]:
    from cryptography.exceptions import InvalidTag

    return InvalidTag


def normalise_secret(secret: str) -> bytes:
    """The same passphrase typed on any system gives the same bytes (NFC, UTF-8)."""
    return unicodedata.normalize("NFC", secret).encode("utf-8")


def derive_kek(secret: bytes, kdf: KdfParams, salt: bytes) -> bytes:
    from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

    return Argon2id(
        salt=salt,
        length=KEY_SIZE,
        iterations=kdf.iterations,
        lanes=kdf.lanes,
        memory_cost=kdf.memory_kib,
    ).derive(secret)


def make_slot(kind: SlotKind, secret: bytes, data_key: bytes, kdf: KdfParams) -> KeySlot:
    return make_slot_and_kek(kind, secret, data_key, kdf)[0]


def make_slot_and_kek(
    kind: SlotKind, secret: bytes, data_key: bytes, kdf: KdfParams
) -> tuple[KeySlot, bytes]:
    """A new slot (fresh salt) wrapping `data_key`, and the key-encryption key it used."""
    salt = os.urandom(16)
    kek = derive_kek(secret, kdf, salt)
    return wrap_in_slot(KeySlot(kind, kdf, salt, b"", b""), kek, data_key), kek


def wrap_in_slot(slot: KeySlot, kek: bytes, data_key: bytes) -> KeySlot:
    """`slot` (its kind, cost and salt) wrapping another data key under the same
    key-encryption key: the same secret opens it, with no key derivation to wait for."""
    nonce = os.urandom(12)
    wrapped = _aead(kek).encrypt(nonce, data_key, slot.descriptor())
    return replace(slot, nonce=nonce, wrapped=wrapped)


def unwrap(slot: KeySlot, secret: bytes) -> bytes:
    return unwrap_with_kek(slot, secret)[0]


def unwrap_with_kek(slot: KeySlot, secret: bytes) -> tuple[bytes, bytes]:
    """The data key a slot wraps, and the key-encryption key that unwrapped it."""
    kek = derive_kek(secret, slot.kdf, slot.salt)
    try:
        return _aead(kek).decrypt(slot.nonce, slot.wrapped, slot.descriptor()), kek
    except _invalid_tag():
        raise SecretRejected() from None


def slots_digest(header_bytes: bytes) -> bytes:
    """SHA-256 of a header's key slots: equal for two files exactly when the same secrets
    open the same data key (every new key or secret makes a new wrap)."""
    return hashlib.sha256(header_bytes[PRELUDE.size + FIXED.size : HEADER_SIZE]).digest()


def seal(header: Header, data_key: bytes, plaintext: bytes) -> bytes:
    """Encrypt `plaintext` under `data_key` with a fresh nonce; returns the whole file."""
    return seal_with_header(header, data_key, plaintext)[1]


def seal_with_header(header: Header, data_key: bytes, plaintext: bytes) -> tuple[Header, bytes]:
    """`seal`, also returning the header written (its body nonce binds the save log)."""
    if header.compression == Compression.ZLIB:
        plaintext = zlib.compress(plaintext, 1)
    header = replace(header, body_length=len(plaintext) + TAG_SIZE, body_nonce=os.urandom(12))
    header_bytes = header.pack()
    body = _aead(data_key).encrypt(header.body_nonce, plaintext, header_bytes)
    return header, b"".join((header_bytes, hashlib.sha256(header_bytes).digest(), body))


def _frame_check(length: int, sequence: int) -> int:
    return zlib.crc32(struct.pack(">IQ", length, sequence))


def _frame_aad(body_nonce: bytes, sequence: int) -> bytes:
    return FRAME_LABEL + body_nonce + sequence.to_bytes(8, "big")


def seal_frame(data_key: bytes, body_nonce: bytes, sequence: int, plaintext: bytes) -> bytes:
    """One save log frame: `plaintext` encrypted for position `sequence` (from 1) after the
    body sealed with `body_nonce`."""
    nonce = os.urandom(12)
    ciphertext = _aead(data_key).encrypt(nonce, plaintext, _frame_aad(body_nonce, sequence))
    return FRAME.pack(len(ciphertext), _frame_check(len(ciphertext), sequence), nonce) + ciphertext


@dataclass(frozen=True)
class SaveLog:
    """The frames of a save log that verified, in order, and where the good part ends."""

    frames: list[bytes]
    length: int  # bytes of the save log that hold good frames
    unfinished: int = 0  # bytes after them: a save that did not finish (see open_journal)


# How many frames after a bad one are looked for, to tell damage from an unfinished save.
LOOKAHEAD_FRAMES = 16


def open_save_log(parsed: Parsed, data_key: bytes) -> SaveLog:
    """Decrypt the save log's frames in order.

    Whatever follows the last good frame without forming a complete, authenticated frame
    is a save that did not finish: a frame cut short by a crash, or the zeros some file
    systems leave when the machine loses power after the file grew but before its data
    reached the disk. It is ignored (`unfinished` says how many bytes it has) unless a
    good later frame follows it: then a frame in the middle of the save log is bad, which
    is damage: FormatProblem("trailing") where no frame starts, BodyRejected for a frame
    that fails authentication.
    """
    view, aead, nonce = parsed.save_log, _aead(data_key), parsed.header.body_nonce
    frames: list[bytes] = []
    offset = 0
    while offset < len(view):
        rest = view[offset:]
        sequence = len(frames) + 1
        problem: Exception = FormatProblem("trailing", "a save in the middle is damaged")
        if len(rest) >= FRAME.size:
            length, check, frame_nonce = FRAME.unpack_from(rest)
            end = FRAME.size + length
            if check == _frame_check(length, sequence) and end <= len(rest):
                try:
                    frames.append(
                        aead.decrypt(
                            frame_nonce, rest[FRAME.size : end], _frame_aad(nonce, sequence)
                        )
                    )
                except _invalid_tag():
                    problem = BodyRejected()
                else:
                    offset += end
                    continue
        if _later_frame_verifies(rest, aead, nonce, sequence):
            raise problem
        return SaveLog(frames, offset, len(rest))
    return SaveLog(frames, offset)


def _later_frame_verifies(rest: memoryview, aead: AESGCM, body_nonce: bytes, sequence: int) -> bool:
    """Does a frame numbered after `sequence` start anywhere in `rest` and verify?

    Where the bad frame's length cannot be trusted, the next frame may start at any byte,
    so every position is tried. A frame's length can never exceed what is left of the
    file, which (as lengths are big-endian) nearly always means its first byte is zero:
    a cheap filter before the check field and the authentication.
    """
    data = bytes(rest)
    if not data.strip(b"\x00"):
        return False  # zeros hold no frame: a frame's length is at least its tag
    wanted = range(sequence + 1, sequence + 1 + LOOKAHEAD_FRAMES)
    lengths_start_with_zero = len(data) < 1 << 24

    def next_candidate(start: int) -> int:
        return data.find(0, start) if lengths_start_with_zero else start

    position = next_candidate(0)
    while 0 <= position <= len(data) - FRAME.size - TAG_SIZE:
        length, check, frame_nonce = FRAME.unpack_from(data, position)
        end = position + FRAME.size + length
        if length >= TAG_SIZE and end <= len(data):
            for later in wanted:
                if check == _frame_check(length, later):
                    try:
                        aead.decrypt(
                            frame_nonce,
                            data[position + FRAME.size : end],
                            _frame_aad(body_nonce, later),
                        )
                    except _invalid_tag():
                        break
                    return True
        position = next_candidate(position + 1)
    return False


def open_body(parsed: Parsed, data_key: bytes) -> bytes:
    try:
        # A memoryview, not a copy: vaults grow to tens of megabytes over the years.
        plaintext = _aead(data_key).decrypt(
            parsed.header.body_nonce, parsed.body, parsed.header_bytes
        )
    except _invalid_tag():
        raise BodyRejected() from None
    if parsed.header.compression == Compression.ZLIB:
        try:
            plaintext = zlib.decompress(plaintext)
        except zlib.error:  # authenticated yet undecodable: written by a broken encoder
            raise BodyRejected() from None
    return plaintext


def sniff(prefix: bytes) -> bool:
    """Does this look like one of our files at all?"""
    return prefix[: len(MAGIC)] == MAGIC


def check_kdf(kdf: KdfParams) -> None:
    """Raise FormatProblem for a cost a reader refuses (FORMAT.md, "Limits")."""
    if not (1 <= kdf.lanes <= MAX_KDF.lanes and 1 <= kdf.iterations <= MAX_KDF.iterations):
        raise FormatProblem("header", "key-derivation parameters are out of range")
    if not (8 * kdf.lanes <= kdf.memory_kib <= MAX_KDF.memory_kib):
        raise FormatProblem("header", "key-derivation memory is out of range")


def _parse_slot(raw: bytes) -> KeySlot | None:
    kind, kdf_id, memory, iterations, lanes, salt, nonce, wrapped = SLOT.unpack(raw)
    if kind == SlotKind.EMPTY:
        if any(raw):
            raise FormatProblem("header", "an empty key slot holds data")
        return None
    if kind not in (SlotKind.PASSPHRASE, SlotKind.RECOVERY) or kdf_id != KDF_ARGON2ID:
        raise FormatProblem("header", "unknown key slot")
    kdf = KdfParams(memory, iterations, lanes)
    check_kdf(kdf)
    return KeySlot(SlotKind(kind), kdf, salt, nonce, wrapped)


def parse(data: bytes | memoryview) -> Parsed:
    """Split a file into its verified header and its (still encrypted) body.

    Raises NotAContainer, NewerVersion or FormatProblem(part=...), where part is
    "header" (damaged header), "truncated" or "trailing".
    """
    view = memoryview(data)
    if len(view) < len(MAGIC) or not sniff(bytes(view[: len(MAGIC)])):
        raise NotAContainer()
    if len(view) < PRELUDE.size:
        raise FormatProblem("truncated", "the file ends inside its header")
    _, version, header_size = PRELUDE.unpack_from(view)
    if header_size < PRELUDE.size:
        raise FormatProblem("header", "the header length is impossible")
    if len(view) < header_size + CHECKSUM_SIZE:
        raise FormatProblem("truncated", "the file ends inside its header")
    header_bytes = bytes(view[:header_size])
    checksum = bytes(view[header_size : header_size + CHECKSUM_SIZE])
    if hashlib.sha256(header_bytes).digest() != checksum:
        raise FormatProblem("header", "the header checksum does not match")
    # Only after the checksum: a flipped bit in the version field is damage, not the future.
    if version > FORMAT_VERSION:
        raise NewerVersion(version)
    if version < 1 or header_size != HEADER_SIZE:
        raise FormatProblem("header", "the header layout is not version 1 or 2")
    kind, cipher, compression, slot_count, body_length, body_nonce = FIXED.unpack_from(
        view, PRELUDE.size
    )
    if kind not in FileKind.__members__.values() or cipher != CIPHER_AES_256_GCM:
        raise FormatProblem("header", "unknown file kind or cipher")
    if compression not in Compression.__members__.values() or slot_count != SLOT_COUNT:
        raise FormatProblem("header", "unknown compression or slot count")
    offset = PRELUDE.size + FIXED.size
    slots = tuple(
        _parse_slot(header_bytes[offset + i * SLOT.size : offset + (i + 1) * SLOT.size])
        for i in range(SLOT_COUNT)
    )
    if not any(slots):
        raise FormatProblem("header", "no key slot is in use")
    kinds = [slot.kind for slot in slots if slot]
    if len(kinds) != len(set(kinds)):
        raise FormatProblem("header", "two key slots of one kind")
    body_start = header_size + CHECKSUM_SIZE
    available = len(view) - body_start
    if available < body_length:
        raise FormatProblem("truncated", "the file is shorter than its header says")
    # Only a vault of version 2 or later has a save log after its body.
    if available > body_length and (version < 2 or kind != FileKind.VAULT):
        raise FormatProblem("trailing", "the file has bytes after its body")
    if body_length < TAG_SIZE:
        raise FormatProblem("header", "the body length is impossible")
    header = Header(FileKind(kind), Compression(compression), slots, body_length, body_nonce)
    body_end = body_start + body_length
    return Parsed(header, header_bytes, view[body_start:body_end], version, view[body_end:])
