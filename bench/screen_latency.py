"""How long a worker waits for each screen: from the key that opens it to the last change
on a real 80x24 terminal, with the least a Textual app can do measured in the same run.

    python3 dev.py bench                              # with every other figure
    .venv/bin/python bench/screen_latency.py          # only these (about 5 minutes)
    .venv/bin/python bench/screen_latency.py 10000 note   # one size, screens named "note"

The installed `pendamping` runs on a pseudo-terminal, in Indonesian, exactly as a
worker starts it; the keys are written to the terminal and the time is read off what
the app writes back. A screen counts as drawn at the last byte written before the
terminal has been quiet for a quarter of a second (a blinking cursor, every half
second, is not drawing). The baseline is `bare_screen_app.py`: a key pushes a screen
with a title, three Inputs, a TextArea and a Footer, and nothing else.

Nothing is asserted: the figures are for people, and machines differ.
"""

from __future__ import annotations

import contextlib
import os
import pty
import re
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import casework  # beside this file

from models.container import KdfParams
from models.records import (
    Action,
    EventCategory,
    Flow,
    Goal,
    HealthPicture,
    LifeEvent,
    Plan,
    Regimen,
    Relation,
    RelationKind,
    Strength,
    ViralLoad,
    ViralLoadTest,
)
from models.repository import Repository
from models.vault import Vault

BIN = Path(sys.executable).parent
HERE = Path(__file__).resolve().parent
ROUNDS = 9
QUIET = 0.25  # seconds without output after which a screen counts as drawn
TIMEOUT = 20.0
ANSI = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]")
ESC, ENTER = b"\x1b", b"\r"


def plain(raw: bytes) -> str:
    return re.sub(r"\s+", "", ANSI.sub(b"", raw).decode("utf-8", "replace"))


class Terminal:
    """A program on an 80x24 pseudo-terminal, and the time of everything it writes."""

    def __init__(self, command: list[str], env: dict[str, str]) -> None:
        import fcntl
        import termios

        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.process = subprocess.Popen(
            command,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
            close_fds=True,
        )
        os.close(slave)
        self.master = master
        self.output = bytearray()

    def close(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        os.close(self.master)

    def read(self, timeout: float) -> float | None:
        """Read what arrives within `timeout`; the time it arrived, or None."""
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return None
        chunk = os.read(self.master, 65536)
        if not chunk:
            raise RuntimeError("the program ended")
        self.output.extend(chunk)
        return time.perf_counter()

    def settle(self, since: float) -> float:
        """Seconds from `since` to the last output before QUIET seconds of silence."""
        last = since
        deadline = since + TIMEOUT
        while time.perf_counter() < deadline:
            arrived = self.read(QUIET)
            if arrived is None:
                return last - since
            last = arrived
        raise RuntimeError("the screen never settled")

    def press(self, keys: bytes, phrase: str | None = None) -> float:
        """Write `keys`; seconds until the screen settles (and shows `phrase`)."""
        mark = len(self.output)
        start = time.perf_counter()
        os.write(self.master, keys)
        elapsed = self.settle(start)
        if phrase is not None:
            wanted = re.sub(r"\s+", "", phrase)
            deadline = time.perf_counter() + TIMEOUT
            while wanted not in plain(bytes(self.output[mark:])):
                if time.perf_counter() > deadline:
                    raise RuntimeError(f"{phrase!r} never appeared")
                self.read(0.1)
            elapsed = max(elapsed, self.settle(start))
        return elapsed

    def wait_for(self, phrase: str) -> None:
        wanted = re.sub(r"\s+", "", phrase)
        deadline = time.perf_counter() + TIMEOUT
        while wanted not in plain(bytes(self.output)):
            if time.perf_counter() > deadline:
                raise RuntimeError(f"{phrase!r} never appeared")
            self.read(0.1)
        self.settle(time.perf_counter())


@dataclass
class Screen:
    name: str
    path: list[bytes]  # keys from the caseload to the screen the key is pressed on
    key: bytes
    phrase: str  # on the opened screen: proves the key reached the right place
    back: list[bytes] = field(default_factory=lambda: [ESC])


def screens() -> list[Screen]:
    from tui.i18n import t, use_language

    use_language("id")
    code = "K0000"
    overview = [ENTER]
    return [
        # The title: the timeline's heading may be below the fold of a full overview.
        Screen("client overview", [], ENTER, t("overview.title", code=code, phase="")[:-3]),
        Screen("plan", overview, b"l", t("plan.title", code=code)),
        Screen("goal form", [*overview, b"l"], b"g", t("plan.goal.title", code=code)),
        Screen("action form", [*overview, b"l"], b"a", t("plan.action")),
        Screen("notes list", overview, b"n", t("notes.list.title", code=code)),
        # The editor's header (its title is the list's title in Indonesian).
        Screen("a note", [*overview, b"n"], ENTER, t("notes.date")),
        Screen("assessment", overview, b"a", t("assessment.list.title", code=code)),
        Screen("questionnaire (PHQ-9)", [*overview, b"s"], b"1", "Patient Health Questionnaire-9"),
        Screen("life events", overview, b"h", t("history.title", code=code)),
        Screen("ecomap", overview, b"m", t("ecomap.title", code=code)),
        Screen("health", overview, b"b", t("health.title", code=code)),
        Screen("group session", [b"g", ENTER], ENTER, t("session.attendance")),
        Screen(
            "attendance", [b"g", ENTER, ENTER], b"a", t("attendance.title", session="").rstrip(": ")
        ),
        Screen(
            "observations",
            [b"g", ENTER, ENTER],
            b"o",
            t("observations.title", session="").rstrip(": "),
        ),
    ]


def enrich(path: Path) -> None:
    """Give the first client what the plan, life events, ecomap and health screens show."""
    with Vault.open(path, casework.PASSPHRASE) as vault:
        repo = Repository(vault.db, today=lambda: date(2026, 11, 28))
        client = repo.client_by_code("K0000")
        assert client is not None and client.id is not None
        with vault.batch():
            repo.add(
                Plan(
                    client_id=client.id,
                    agreed_on=date(2026, 1, 5),
                    goals=[
                        Goal(
                            title=f"Tujuan {g}",
                            actions=[Action(what=f"Tindakan {g}.{a}") for a in range(3)],
                        )
                        for g in range(3)
                    ],
                )
            )
            for year in range(1990, 2026, 4):
                repo.add(
                    LifeEvent(
                        client_id=client.id,
                        when=str(year),
                        what=f"Peristiwa {year}",
                        category=EventCategory.WORK,
                    )
                )
            for number in range(6):
                repo.add(
                    Relation(
                        client_id=client.id,
                        name=f"Relasi {number}",
                        kind=RelationKind.FRIEND,
                        strength=Strength.STRONG,
                        stressful=number % 2 == 0,
                        flow=list(Flow)[number % 4],
                    )
                )
            repo.save_health(
                HealthPicture(
                    client_id=client.id,
                    art_start="2019-03",
                    clinic="Puskesmas",
                    regimens=[Regimen("TLE", "2019-03"), Regimen("TLD", "2021-06")],
                    viral_loads=[
                        ViralLoadTest(date(2025, 5 + n, 1), ViralLoad.SUPPRESSED) for n in range(3)
                    ],
                    next_pickup=date(2026, 12, 1),
                )
            )


def environment(folder: Path, vault: Path) -> dict[str, str]:
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith(("LC_", "TEXTUAL"))},
        "TERM": "xterm-256color",
        "COLUMNS": "80",
        "LINES": "24",
        "LANG": "C.UTF-8",
        "PENDAMPING_VAULT": str(vault),
        "PENDAMPING_CONFIG_DIR": str(folder / "config"),
        # The vault is made with a cheap key (KdfParams(8, 1, 1)): the app is told so,
        # or it would first offer to strengthen it, and that dialog is not a screen.
        "PENDAMPING_KDF_COST": "8:1:1",
        "PENDAMPING_WEAK_KEYS_FOR_TESTS": "1",
    }


def open_bare(folder: Path) -> Terminal:
    term = Terminal(
        [sys.executable, str(HERE / "bare_screen_app.py")], environment(folder, folder / "none")
    )
    term.wait_for("Bare app ready")
    return term


def bare_once(term: Terminal) -> float:
    elapsed = term.press(b"o", "Bare form")
    term.press(ESC)
    return elapsed


def pendamping_figures(
    folder: Path, vault: Path, wanted: list[Screen]
) -> tuple[dict[str, float], list[float]]:
    """Each screen's median, and the bare app's times taken in turn with them (so a
    busy moment of the machine weighs on both alike)."""
    from tui.i18n import t

    bare = open_bare(folder)
    term = Terminal([str(BIN / "pendamping"), "--lang", "id"], environment(folder, vault))
    figures: dict[str, float] = {}
    bare_times: list[float] = []
    try:
        term.wait_for(t("unlock.title"))
        os.write(term.master, casework.PASSPHRASE.encode() + ENTER)
        term.wait_for("K0000")
        for screen in wanted:
            for key in screen.path:
                term.press(key)
            times = []
            for round_number in range(ROUNDS):
                if round_number:
                    for key in screen.back:
                        term.press(key)
                bare_times.append(bare_once(bare))
                times.append(term.press(screen.key, screen.phrase))
            for key in [*screen.back, *[ESC] * len(screen.path)]:
                term.press(key)
            figures[screen.name] = statistics.median(times)
            print(f"  {screen.name}: {figures[screen.name] * 1000:.0f} ms", file=sys.stderr)
    finally:
        term.close()
        bare.close()
    return figures, bare_times


def measure(notes: int, folder: Path, wanted: list[Screen]) -> tuple[dict[str, float], float]:
    vault = casework.build_vault(folder / f"screens-{notes}.vault", notes, kdf=KdfParams(8, 1, 1))
    enrich(vault)
    figures, bare_times = pendamping_figures(folder, vault, wanted)
    return figures, statistics.median(bare_times)


def main(argv: list[str]) -> None:
    sizes = [int(a) for a in argv if a.isdigit()] or [1_000, 10_000]
    only = [a for a in argv if not a.isdigit()]
    wanted = [s for s in screens() if not only or any(o in s.name for o in only)]
    with tempfile.TemporaryDirectory() as name:
        results = {notes: measure(notes, Path(name), wanted) for notes in sizes}
    bare = statistics.median(b for _, b in results.values())
    print(
        f"{'screen (key to last change, median of ' + str(ROUNDS) + ')':<42}"
        + "".join(f"{f'{n:,} notes':>14}" for n in sizes)
        + "   vs bare   target"
    )
    for screen in wanted:
        values = [results[n][0][screen.name] for n in sizes]
        worst = max(values)
        met = "met" if worst <= min(1.5 * bare, 0.150) else "MISSED"
        print(
            f"{screen.name:<42}"
            + "".join(f"{v * 1000:>11.0f} ms" for v in values)
            + f"   {worst / bare:5.2f}x   {met}"
        )
    print(
        f"{'bare Textual app, key to a pushed form':<42}"
        + "".join(f"{results[n][1] * 1000:>11.0f} ms" for n in sizes)
    )
    print("target: at most 1.5x the bare app and at most 150 ms, at every size")


if __name__ == "__main__":
    main(sys.argv[1:])
