"""Open and save times of the encrypted vault beside TinyDB's plaintext JSONStorage.

    .venv/bin/python bench/vault_bench.py            # 100, 1,000 and 10,000 notes
    .venv/bin/python bench/vault_bench.py 20000      # or any sizes you like

For each size it builds the same data (session notes of about 1.5 KB of fictional text)
in both stores and prints, side by side: the median time to open (for the vault, with
and without the deliberate key derivation), the median time to save one more note
(TinyDB `insert`, fsync included on both sides), the file size, and the peak resident
memory of a fresh process that opens the store and saves one note (above what the
imports alone take). Nothing here is asserted; the figures are for people.
"""

from __future__ import annotations

import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tinydb import TinyDB
from tinydb.storages import JSONStorage

from models.container import DEFAULT_KDF, KdfParams
from models.vault import Vault

WORDS = (
    "klien merasa lebih tenang setelah sesi jurnaling kelompok dan mulai bercerita tentang "
    "pekerjaan sebagai guru les yang melelahkan rencana menabung untuk hari tua teman "
    "baru di kelompok dukungan sebaya minum obat teratur kontrol ke puskesmas bulan depan "
    "the client felt calmer after the group session and talked about work and family"
).split()
PASSPHRASE = "kopi manis di pagi hari"
REPEATS = 7


def fictional_note(rng: random.Random, number: int) -> dict[str, object]:
    words: list[str] = []
    while sum(len(w) + 1 for w in words) < 1500:
        words.append(rng.choice(WORDS))
    return {
        "client_id": 1 + number % 40, "date": f"2026-{1 + number % 12:02d}-{1 + number % 28:02d}",
        "kind": "individual", "duration_minutes": 60, "template": "free",
        "body": " ".join(words), "signed_at": None, "signed_by": "", "addenda": [],
        "created": "2026-11-28T10:00:00+07:00", "updated": "2026-11-28T10:00:00+07:00",
    }


def tables_with(notes: int) -> dict[str, dict[str, object]]:
    rng = random.Random(notes)
    return {"meta": {"1": {"schema": 1}},
            "notes": {str(i + 1): fictional_note(rng, i) for i in range(notes)}}


def median_seconds(action: Callable[[], object], repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _max_rss_mib() -> float:
    # Linux: VmHWM starts afresh at exec, while ru_maxrss keeps the parent's peak.
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    scale = 1 if sys.platform == "darwin" else 1024  # macOS reports bytes, others KiB
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / 2**20


def child(store: str, path: str) -> None:
    """Run in a fresh process: open the store, save one note, print the memory it took."""
    note = fictional_note(random.Random(0), 0)
    before = _max_rss_mib()
    if store == "vault":
        with Vault.open(path, PASSPHRASE) as vault:
            vault.db.table("notes").insert(note)
    else:
        db = TinyDB(path, storage=JSONStorage)
        db.table("notes").insert(note)
        db.close()
    print(f"{_max_rss_mib() - before:.1f}")


def peak_mib(store: str, path: Path) -> float:
    out = subprocess.run([sys.executable, __file__, "--child", store, str(path)],
                         capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def bench(notes: int, folder: Path) -> list[str]:
    tables = tables_with(notes)
    note = fictional_note(random.Random(0), 0)

    vault_path = folder / f"bench-{notes}.vault"
    Vault.create(vault_path, PASSPHRASE, tables=tables).close()
    # The same vault with a negligible key-derivation cost shows the cost of the rest.
    cheap_path = folder / f"bench-{notes}-cheap.vault"
    Vault.create(cheap_path, PASSPHRASE, tables=tables, kdf=KdfParams(8, 1, 1)).close()
    json_path = folder / f"bench-{notes}.json"
    TinyDB(json_path, storage=JSONStorage).storage.write(tables)

    def open_vault(path: Path = vault_path) -> None:
        with Vault.open(path, PASSPHRASE) as vault:
            len(vault.db.table("notes"))

    def open_json() -> None:
        db = TinyDB(json_path, storage=JSONStorage)
        len(db.table("notes"))
        db.close()

    vault_open = median_seconds(open_vault)
    cheap_open = median_seconds(lambda: open_vault(cheap_path))
    json_open = median_seconds(open_json)

    vault = Vault.open(vault_path, PASSPHRASE)
    vault_save = median_seconds(lambda: vault.db.table("notes").insert(dict(note)))
    vault.close()
    json_db = TinyDB(json_path, storage=JSONStorage)
    json_save = median_seconds(lambda: json_db.table("notes").insert(dict(note)))
    json_db.close()

    vault_peak = peak_mib("vault", vault_path)
    json_peak = peak_mib("json", json_path)
    ms = 1000
    return [
        f"{notes:>7,} notes | open   vault {vault_open * ms:8.1f} ms "
        f"({cheap_open * ms:7.1f} ms without key derivation) | "
        f"JSONStorage {json_open * ms:8.1f} ms",
        f"{'':>13} | save   vault {vault_save * ms:8.1f} ms"
        f"{'':>35}| JSONStorage {json_save * ms:8.1f} ms"
        f"  ({'vault faster' if vault_save <= json_save else 'JSONStorage faster'})",
        f"{'':>13} | size   vault {vault_path.stat().st_size / 2**20:8.2f} MiB"
        f"{'':>34}| JSONStorage {json_path.stat().st_size / 2**20:8.2f} MiB",
        f"{'':>13} | memory vault {vault_peak:8.1f} MiB peak RSS (open + save)"
        f"{'':>10}| JSONStorage {json_peak:8.1f} MiB peak RSS",
    ]


def main(argv: list[str]) -> None:
    if argv[:1] == ["--child"]:
        child(argv[1], argv[2])
        return
    sizes = [int(a) for a in argv] or [100, 1_000, 10_000]
    print(f"Vault key derivation: Argon2id, {DEFAULT_KDF.memory_kib // 1024} MiB, "
          f"{DEFAULT_KDF.iterations} passes, {DEFAULT_KDF.lanes} lanes.")
    print(f"Medians of {REPEATS} runs; both stores fsync every save.\n")
    with tempfile.TemporaryDirectory() as folder:
        for notes in sizes:
            print("\n".join(bench(notes, Path(folder))))
            print()


if __name__ == "__main__":
    main(sys.argv[1:])
