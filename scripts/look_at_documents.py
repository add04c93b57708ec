"""Render every kind of document for the fictional MA case in headless Chromium, in
both languages, so a person can look at them: each HTML file, a screenshot of it in a
browser window, a PDF of it printed on A4 and on Letter paper, and a PNG picture of
every A4 page.

    .venv/bin/python scripts/look_at_documents.py [output folder]

Needs Chromium (`apt install chromium` on Debian and Ubuntu) and, for the PNG pages,
pdftoppm (`apt install poppler-utils`). Not part of the tests: it is for looking.
Chromium runs with no network and no profile of its own; the documents load nothing.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]  # the fictional case lives with the tests

from app_support import (  # noqa: E402
    PASSPHRASE,
    TODAY,
    seed_ma_assessment,
    seed_ma_contract,
    seed_ma_intervention,
    seed_ma_termination,
    seed_vault,
)
from documents.client_data import client_data  # noqa: E402
from documents.html_export import render_html  # noqa: E402
from documents.journal import journal  # noqa: E402
from documents.report import ReportOptions, case_report, caseload_summary  # noqa: E402
from group_support import group_clients, seed_journaling_group  # noqa: E402
from models.repository import Repository  # noqa: E402
from models.vault import Vault  # noqa: E402
from screens.caseload import Row  # noqa: E402
from tui.i18n import use_language  # noqa: E402
from tui.rendering import app_rendering  # noqa: E402

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]
PAPERS = {"a4": "A4", "letter": "letter"}  # as a printer with that paper prints it


def fictional_case(folder: Path) -> Path:
    path = folder / "case.vault"
    seed_vault(path, group_clients())
    seed_ma_assessment(path)
    seed_ma_contract(path)
    seed_ma_intervention(path)
    seed_journaling_group(path)
    seed_ma_termination(path)
    return path


def documents(vault: Path, language: str) -> dict[str, str]:
    """Each kind of document for MA (the caseload for everyone), as HTML."""
    use_language(language)
    r = app_rendering()
    with Vault.open(vault, PASSPHRASE, read_only=True) as opened:
        repo = Repository(opened.db, today=lambda: TODAY)
        client = repo.client_by_code("MA")
        assert client is not None and client.id is not None
        made = {
            "case-report": case_report(repo, client.id, ReportOptions(), r),
            "caseload": caseload_summary(
                repo, r, lambda f: Row.from_facts(f).open_items_text(), include_closed=True
            ),
            "journal": journal(repo, client.id, r),
            "client-data": client_data(repo, client.id, r),
        }
        return {name: render_html(document) for name, document in made.items()}


def chromium(*args: str, profile: Path) -> None:
    subprocess.run(
        [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
        check=True,
        capture_output=True,
        timeout=120,
    )


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "document-look").resolve()
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as temp:
        vault = fictional_case(Path(temp))
        for language in ("en", "id"):
            for name, page in documents(vault, language).items():
                html = out / f"{name}-{language}.html"
                html.write_text(page, encoding="utf-8")
                profile = Path(temp) / "profile"
                chromium(
                    "--window-size=900,1300",
                    f"--screenshot={html.with_suffix('.png')}",
                    html.as_uri(),
                    profile=profile,
                )
                for paper, size in PAPERS.items():
                    # The page leaves the paper to the printer; here it is chosen.
                    sized = Path(temp) / f"{name}-{language}-{paper}.html"
                    sized.write_text(
                        page.replace("</style>", f"@page {{ size: {size}; }}</style>", 1),
                        encoding="utf-8",
                    )
                    pdf = out / f"{name}-{language}-{paper}.pdf"
                    chromium(
                        "--no-pdf-header-footer",
                        f"--print-to-pdf={pdf}",
                        sized.as_uri(),
                        profile=profile,
                    )
                    print(pdf)
                if PDFTOPPM:
                    subprocess.run(
                        [
                            PDFTOPPM,
                            "-png",
                            "-r",
                            "60",
                            str(out / f"{name}-{language}-a4.pdf"),
                            str(out / f"{name}-{language}-a4-page"),
                        ],
                        check=True,
                    )
    print(f"Open the files in {out}")
    return 0


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or ""
PDFTOPPM = shutil.which("pdftoppm") or ""

if __name__ == "__main__":
    if not CHROMIUM:
        sys.exit("look_at_documents: Chromium is needed (apt install chromium)")
    sys.exit(main())
