"""Every performance figure of Pendamping, with its target and the plain alternative
measured in the same run. One command:

    python3 dev.py bench            # 1,000 and 10,000 notes (about 8 min)
    python3 dev.py bench --large    # and 20,000 notes too
    python3 dev.py bench --no-screens   # without the screens (bench/screen_latency.py)

The vaults hold fictional casework in proportion (bench/casework.py): per 25 session
notes of about 1.5 KB, one client with an assessment and two questionnaires; per 50
notes, a group session. Nothing is asserted; the figures are for people, and machines
differ. Timings are wall-clock medians unless they say "worst".
"""

from __future__ import annotations

import asyncio
import os
import pty
import re
import select
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import casework  # beside this file
from tinydb import TinyDB
from tinydb.storages import JSONStorage

from models import container
from models.casefile import case_facts
from models.container import DEFAULT_KDF, KdfParams
from models.note_search import NoteIndex, search_notes
from models.records import SessionNote
from models.vault import Vault
from tui.session import Session

BIN = Path(sys.executable).parent
HERE = Path(__file__).resolve().parent
CHEAP = KdfParams(8, 1, 1)  # only where the key derivation is not what is measured
SAVES = 200
STARTS = 7
ANSI = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]")


@dataclass
class Row:
    figure: str
    ours: str
    baseline: str
    target: str
    met: bool | None


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms"


# -- cold start -----------------------------------------------------------------------------


def seconds_until_drawn(command: list[str], phrase: bytes, env: dict[str, str]) -> float:
    """Start `command` on a pseudo-terminal; seconds until `phrase` is on the screen."""
    master, slave = pty.openpty()
    start = time.perf_counter()
    process = subprocess.Popen(
        command,
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=True,
        close_fds=True,
    )
    os.close(slave)
    seen = b""
    try:
        while True:
            ready, _, _ = select.select([master], [], [], 30)
            if not ready:
                raise RuntimeError(f"{command[0]} drew nothing in 30 s")
            seen += os.read(master, 65536)
            if phrase in re.sub(rb"\s+", b"", ANSI.sub(b"", seen)):
                return time.perf_counter() - start
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        os.close(master)


def cold_start(vault: Path, folder: Path) -> list[Row]:
    env = {
        **os.environ,
        "TERM": "xterm-256color",
        "COLUMNS": "80",
        "LINES": "24",
        "PENDAMPING_VAULT": str(vault),
        "PENDAMPING_CONFIG_DIR": str(folder / "config"),
        "LANG": "C.UTF-8",
    }
    ours = [str(BIN / "pendamping"), "--lang", "en"]
    minimal = [sys.executable, str(HERE / "minimal_app.py")]
    seconds_until_drawn(ours, b"Openyourvault", env)  # warm the file cache for both
    seconds_until_drawn(minimal, b"Passphrase", env)
    ours_times, bare_times = [], []
    for _ in range(STARTS):  # taken in turns, so a busy moment weighs on both alike
        ours_times.append(seconds_until_drawn(ours, b"Openyourvault", env))
        bare_times.append(seconds_until_drawn(minimal, b"Passphrase", env))
    app, bare = statistics.median(ours_times), statistics.median(bare_times)
    return [
        Row(
            "cold start to the unlock screen",
            ms(app),
            f"{ms(bare)} minimal Textual app",
            "at most 1.3x the minimal app",
            app <= 1.3 * bare,
        ),
        Row("  ratio", f"{app / bare:.2f}x", "", "", None),
    ]


# -- the vault ------------------------------------------------------------------------------


def unlock_seconds(path: Path) -> tuple[float, float]:
    """Opening as the unlock screen does it, then the caseload's figures; and the part
    of that which is the deliberate key derivation."""

    def once() -> float:
        start = time.perf_counter()
        session = Session.open(path, casework.PASSPHRASE)
        case_facts(session.repository)
        elapsed = time.perf_counter() - start
        session.close()
        return elapsed

    total = statistics.median(once() for _ in range(5))
    derive = statistics.median(
        save_times(lambda _: container.derive_kek(b"x", DEFAULT_KDF, bytes(16)), 5)
    )
    return total, derive


def save_times(save: Callable[[int], object], count: int = SAVES) -> list[float]:
    times = []
    for number in range(count):
        start = time.perf_counter()
        save(number)
        times.append(time.perf_counter() - start)
    return times


def vault_saves(path: Path) -> tuple[list[float], float]:
    """Saving notes as the editor does (new note, then updates), after the session's
    first save; and that first save, which also copies the vault to generation 1."""
    session = Session.open(path, casework.PASSPHRASE)
    repo = session.repository
    client = repo.records(casework.Client)[0]
    start = time.perf_counter()
    note = repo.add(
        SessionNote(
            client_id=client.id or 0, date=casework.FIRST_DAY, body="the first save of the session"
        )
    )
    first = time.perf_counter() - start
    rng = casework.random.Random(1)

    def save(number: int) -> None:
        nonlocal note
        if number % 4 == 0:
            note = repo.add(
                SessionNote(
                    client_id=client.id or 0, date=casework.FIRST_DAY, body=casework.text(rng, 300)
                )
            )
        else:
            from dataclasses import replace

            note = repo.update(replace(note, body=note.body + casework.text(rng, 200)))

    times = save_times(save)
    session.close()
    return times, first


def json_saves(vault: Path, folder: Path) -> list[float]:
    """TinyDB's JSONStorage on the same data, one note per save."""
    with Vault.open(vault, casework.PASSPHRASE, read_only=True) as opened:
        tables = {
            name: dict(opened.db.storage.read()[name])  # type: ignore[union-attr]
            for name in opened.db.tables()
        }
    path = folder / f"{vault.stem}.json"
    db = TinyDB(path, storage=JSONStorage)
    db.storage.write(tables)
    notes = db.table("notes")
    note = {"client_id": 1, "date": "2019-01-07", "body": "x" * 300}

    def save(number: int) -> None:
        notes.insert(dict(note))
        with open(path, "rb+") as handle:  # JSONStorage flushes; the vault also fsyncs
            os.fsync(handle.fileno())

    times = save_times(save, SAVES // 4)
    db.close()
    return times


def search_seconds(path: Path) -> tuple[float, float]:
    """Per query: as the search screen runs them while the worker types (its index of
    folded text kept between keys), and the first query, which builds that index."""
    session = Session.open(path, casework.PASSPHRASE)
    queries = ["tenang", "jurnaling kelompok", "puskesmas bulan", "zzz-nothing", "family"]
    repo = session.repository
    index = NoteIndex()
    start = time.perf_counter()
    search_notes(repo, "first", index=index)
    first = time.perf_counter() - start

    def run() -> None:
        for words in queries:
            search_notes(repo, words, index=index)

    elapsed = statistics.median(save_times(lambda _: run(), 7)) / len(queries)
    session.close()
    return elapsed, first


# -- the app --------------------------------------------------------------------------------


def child_json(*args: str) -> list[float]:
    out = subprocess.run(
        [sys.executable, __file__, *args], capture_output=True, text=True, check=True
    )
    return [float(x) for x in out.stdout.split()]


async def unlock(app: Any, pilot: Any) -> None:
    """Type the passphrase as a worker would and wait until the vault is open."""
    await pilot.pause()
    for char in casework.PASSPHRASE:
        await pilot.press(char if char != " " else "space")
    await pilot.press("enter")
    while not app.is_unlocked:
        await asyncio.sleep(0.05)


async def _typing(vault: str, with_saves: str) -> None:
    """In a fresh process: type into a new note of this vault, starting a save every 20
    keys (or none); print the longest the UI's event loop was held up, its median tick,
    the saves that ran meanwhile, and the longest save.

    Keys are handled on the event loop, so a loop held up by a save is a keystroke made
    to wait: a heartbeat that should wake every 5 ms measures how late it wakes.
    """
    from screens.notes import NoteEditorScreen
    from tui.app import make_app

    app = make_app(Path(vault), language="en", settings_path=Path(vault + ".settings.json"))
    lateness: list[float] = []
    saves: list[float] = []
    typing = True

    async def heartbeat() -> None:
        while typing:
            start = time.perf_counter()
            await asyncio.sleep(0.005)
            lateness.append(time.perf_counter() - start - 0.005)

    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(app, pilot)
        client = app.repository.records(casework.Client)[0]
        editor = NoteEditorScreen(client)
        await app.push_screen(editor)
        await pilot.pause()
        repo = app.repository
        real_add, real_update = repo.add, repo.update

        def timed(call: Callable[[SessionNote], SessionNote]) -> Callable[..., SessionNote]:
            def run(record: SessionNote) -> SessionNote:
                start = time.perf_counter()
                try:
                    return call(record)
                finally:
                    saves.append(time.perf_counter() - start)

            return run

        repo.add, repo.update = timed(real_add), timed(real_update)  # type: ignore[method-assign]
        beat = asyncio.create_task(heartbeat())
        for number in range(300):
            if with_saves == "yes" and number % 20 == 1:
                editor.save()  # what the keys typed so far, in the background
            await pilot.press("a" if number % 7 else "space")
        await app.workers.wait_for_complete()
        typing = False
        await beat
    print(max(lateness), statistics.median(lateness), len(saves), max(saves, default=0.0))


async def _memory(vault: str) -> None:
    """In a fresh process: unlock, show a client's overview; print the peak memory."""
    from screens.client_overview import ClientOverviewScreen
    from tui.app import make_app

    app = make_app(Path(vault), language="en", settings_path=Path(vault + ".settings.json"))
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(app, pilot)
        await pilot.pause()
        client = app.repository.records(casework.Client)[0]
        await app.push_screen(ClientOverviewScreen(client.id or 0))
        await pilot.pause()
        await pilot.pause()
    with open("/proc/self/status", encoding="ascii") as status:
        peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    print(peak / 1024)


# -- the table ------------------------------------------------------------------------------


def measure(notes: int, folder: Path) -> list[Row]:
    path = casework.build_vault(folder / f"bench-{notes}.vault", notes)
    size = path.stat().st_size / 2**20
    rows = [Row(f"{notes:,} notes", f"vault {size:.1f} MiB", "", "", None)]

    total, kdf = unlock_seconds(path)
    rows.append(
        Row(
            "  unlock (key derivation, decrypt, load, caseload)",
            ms(total),
            f"{ms(kdf)} of it key derivation",
            "under 1 s at 10,000 notes",
            total < 1.0 if notes >= 10_000 else None,
        )
    )

    times, first = vault_saves(path)
    plain = json_saves(path, folder)
    median = statistics.median(times)
    rows.append(
        Row(
            "  save one note, median",
            ms(median),
            f"{ms(statistics.median(plain))} JSONStorage",
            "at most 10 ms at 10,000 notes",
            median <= 0.010 if notes >= 10_000 else None,
        )
    )
    rows.append(
        Row("  save one note, worst", ms(max(times)), f"{ms(max(plain))} JSONStorage", "", None)
    )
    rows.append(
        Row("  first save of a session (copies the vault to generation 1)", ms(first), "", "", None)
    )

    search, first_search = search_seconds(path)
    rows.append(
        Row(
            "  search all notes, per query while typing",
            ms(search),
            f"{ms(first_search)} the first query",
            "under 50 ms",
            search < 0.050,
        )
    )

    if notes >= 10_000:
        longest, typical, saves, slowest = child_json("--typing", str(path), "yes")
        quiet, _, _, _ = child_json("--typing", str(path), "no")
        rows.append(
            Row(
                "  typing while saving: longest the UI loop was held up",
                ms(longest),
                f"{ms(quiet)} typing with no save",
                "no keystroke waits for a save",
                longest < slowest,
            )
        )
        rows.append(
            Row(
                f"    ({int(saves)} saves ran meanwhile; the longest took)",
                ms(slowest),
                f"median hold-up {ms(typical)}",
                "",
                None,
            )
        )
        (peak,) = child_json("--memory", str(path))
        rows.append(
            Row(
                "  peak memory, unlocked, client overview shown",
                f"{peak:.0f} MiB",
                "",
                "under 150 MiB",
                peak < 150,
            )
        )
    rows.append(Row("", "", "", "", None))
    return rows, median  # type: ignore[return-value]


def print_table(rows: list[Row]) -> None:
    widths = [
        max(len(getattr(r, f)) for r in rows) for f in ("figure", "ours", "baseline", "target")
    ]
    header = Row("figure", "Pendamping", "plain alternative", "target", None)
    for row in [header, *rows]:
        met = "" if row.met is None else ("met" if row.met else "MISSED")
        print(
            f"{row.figure:<{widths[0]}}  {row.ours:>{widths[1]}}  "
            f"{row.baseline:<{widths[2]}}  {row.target:<{widths[3]}}  {met}"
        )


def main(argv: list[str]) -> None:
    if argv[:1] == ["--typing"]:
        asyncio.run(_typing(argv[1], argv[2]))
        return
    if argv[:1] == ["--memory"]:
        asyncio.run(_memory(argv[1]))
        return
    sizes = [1_000, 10_000] + ([20_000] if "--large" in argv else [])
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        rows: list[Row] = []
        medians = {}
        for notes in sizes:
            more, medians[notes] = measure(notes, folder)  # type: ignore[misc]
            rows += more
        growth = medians[10_000] / medians[1_000]
        rows.append(
            Row(
                "save median, 10,000 against 1,000 notes",
                f"{growth:.2f}x",
                "",
                "within 2x",
                growth <= 2.0,
            )
        )
        rows += cold_start(folder / "bench-10000.vault", folder)
    print_table(rows)
    if "--no-screens" not in argv:
        import screen_latency  # beside this file

        print()
        screen_latency.main([str(n) for n in sizes])


if __name__ == "__main__":
    main(sys.argv[1:])
