"""How quickly Pendamping starts, beside a bare Python in the same run.

    .venv/bin/python bench/startup_bench.py

Prints the median wall time (of 7 fresh processes each) of: a bare `python -c pass`;
`pendamping --version` (the command line's own start-up); importing the whole app
(Textual, every screen the caseload needs) as the first screen appears; and the same
with a bare Textual "hello" app for comparison. Nothing is asserted.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

RUNS = 7
BIN = Path(sys.executable).parent

CASES = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "pendamping --version": [str(BIN / "pendamping"), "--version"],
    "import the app": [sys.executable, "-c", "import tui.app, screens.caseload, screens.unlock"],
    "import textual's App only": [sys.executable, "-c", "import textual.app"],
}


def median_seconds(command: list[str]) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    print(f"Median of {RUNS} fresh processes each:")
    for name, command in CASES.items():
        print(f"  {name:<28} {median_seconds(command) * 1000:7.0f} ms")


if __name__ == "__main__":
    main()
