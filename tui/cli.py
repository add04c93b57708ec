"""The `pendamping` command: the app, and the vault chores that need no screen.

    pendamping                      open the app (first run: make the vault)
    pendamping backup export OUT    write an encrypted, verified backup
    pendamping backup verify FILE   check a backup and say what it holds
    pendamping backup restore FILE  make the vault from a backup
    pendamping passwd               change the vault's passphrase
    pendamping locate               print where the files are

Passphrases are read from the terminal without echo, or, when standard input is not a
terminal, one per line from it; never from the command line. Exit status: 0 success,
1 a user error (one line on stderr, no traceback), 2 bad usage.
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, NoReturn

from models.container import DEFAULT_KDF, SAFE_MINIMUM_KDF, KdfParams
from models.errors import VaultError

from . import i18n
from .i18n import t
from .locations import default_vault_path, marks_file, settings_file
from .passphrase import refusal_text
from .settings import load_settings, record_backup


def installed_version() -> str:
    """The version written once, in pyproject.toml, as the installed package carries it.

    Read only when asked: finding the package's metadata costs a cold start ~20 ms.
    """
    from importlib.metadata import version

    return version("pendamping")


class _VersionAction(argparse.Action):
    def __init__(self, option_strings: list[str], dest: str, help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        print(f"pendamping {installed_version()}")  # to standard output, as argparse does
        parser.exit()


class UserError(Exception):
    """A mistake the person can fix; printed as one line, exit status 1."""


WEAK_KEYS_FOR_TESTS = "PENDAMPING_WEAK_KEYS_FOR_TESTS"


def kdf_cost() -> KdfParams:
    """Argon2id cost for new keys. `PENDAMPING_KDF_COST=memKiB:iterations:lanes` sets it;
    below a safe minimum only where `PENDAMPING_WEAK_KEYS_FOR_TESTS=1` says this is the
    test suite (every passphrase it touches is weak). Never a cost the reader refuses."""
    raw = os.environ.get("PENDAMPING_KDF_COST")
    if not raw:
        return DEFAULT_KDF
    try:
        memory, iterations, lanes = (int(part, 10) for part in raw.strip().split(":"))
    except ValueError:
        raise UserError(t("cli.kdf_cost.malformed", value=raw[:40])) from None
    kdf = KdfParams(memory, iterations, lanes)
    if not kdf_readable(kdf):
        raise UserError(t("cli.kdf_cost.out_of_range", value=raw[:40]))
    if kdf.weak and os.environ.get(WEAK_KEYS_FOR_TESTS) != "1":
        raise UserError(
            t(
                "cli.kdf_cost.too_weak",
                memory=SAFE_MINIMUM_KDF.memory_kib,
                iterations=SAFE_MINIMUM_KDF.iterations,
            )
        )
    return kdf


def kdf_readable(kdf: KdfParams) -> bool:
    """Would a reader accept a key slot with this cost? (The writer must never write one
    it would refuse: the vault would become unopenable.)"""
    from models.container import FormatProblem, check_kdf

    try:
        check_kdf(kdf)
    except FormatProblem:
        return False
    return True


class Passphrases:
    """Asks for passphrases: hidden at a terminal, one line each from a pipe."""

    def __init__(self, stdin: IO[str] | None = None) -> None:
        self._stdin = stdin or sys.stdin  # None when started with standard input closed
        self.interactive = self._stdin is not None and self._stdin.isatty()

    def ask(self, prompt: str) -> str:
        try:
            if self.interactive:
                return getpass.getpass(f"{prompt}: ")
            line = self._stdin.readline() if self._stdin is not None else ""
        except EOFError:
            raise UserError(t("cli.no_passphrase")) from None
        except UnicodeDecodeError:  # bytes that are not UTF-8 text
            raise UserError(t("cli.passphrase_not_text")) from None
        except (OSError, ValueError):  # a closed or unreadable standard input
            raise UserError(t("cli.no_passphrase")) from None
        if not line:
            raise UserError(t("cli.no_passphrase"))
        try:  # bytes that were not UTF-8 arrive as lone surrogates
            line.encode("utf-8")
        except UnicodeEncodeError:
            raise UserError(t("cli.passphrase_not_text")) from None
        return line.rstrip("\r\n")

    def ask_new(self, prompt: str) -> str:
        """A new passphrase: long enough, and typed twice at a terminal."""
        passphrase = self.ask(prompt)
        refused = refusal_text(passphrase)
        if refused:
            raise UserError(refused)
        if self.interactive and self.ask(t("cli.prompt.repeat")) != passphrase:
            raise UserError(t("passphrase.mismatch"))
        return passphrase


# argparse's own words (usage, section titles, mistakes), in the catalogue's keys; argparse
# asks for them through gettext at the moment it writes them.
ARGPARSE_WORDS = {
    "usage: ": "cli.argparse.usage",
    "positional arguments": "cli.argparse.positionals",
    "options": "cli.argparse.options",
    "the following arguments are required: %s": "cli.argparse.required",
    "unrecognized arguments: %s": "cli.argparse.unrecognized",
    "invalid choice: %(value)r (choose from %(choices)s)": "cli.argparse.invalid_choice",
    "expected one argument": "cli.argparse.expected_one",
    "argument %(argument_name)s: %(message)s": "cli.argparse.argument",
    "ambiguous option: %(option)s could match %(matches)s": "cli.argparse.ambiguous",
    "invalid %(type)s value: %(value)r": "cli.argparse.invalid_value",
}


@contextlib.contextmanager
def argparse_in_language() -> Iterator[None]:
    """Let argparse write its usage, headings and mistakes in the current language.

    argparse looks its words up through gettext (`argparse._`) each time it writes
    them; for the few a person sees, answer from our catalogue instead.
    """
    original = argparse._  # type: ignore[attr-defined]

    def translate(text: str) -> str:
        key = ARGPARSE_WORDS.get(text)
        return t(key) if key else original(text)

    argparse._ = translate  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._ = original  # type: ignore[attr-defined]


class _Parser(argparse.ArgumentParser):
    """argparse with our own, translated -h/--help, and exit status 2 on bad usage."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.add_argument("-h", "--help", action="help", help=t("cli.help.help"))

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="pendamping", description=t("cli.description"))
    parser.add_argument(
        "--version",
        action=_VersionAction,
        help=t("cli.help.version"),
    )
    parser.add_argument("--vault", type=Path, metavar="PATH", help=t("cli.help.vault"))
    parser.add_argument("--lang", choices=i18n.LANGUAGES, help=t("cli.help.lang"))
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    backup = commands.add_parser("backup", help=t("cli.help.backup"))
    backup_commands = backup.add_subparsers(
        dest="backup_command", metavar="ACTION", required=True, parser_class=_Parser
    )
    export = backup_commands.add_parser("export", help=t("cli.help.backup_export"))
    export.add_argument("out", type=Path, metavar="OUT")
    verify = backup_commands.add_parser("verify", help=t("cli.help.backup_verify"))
    verify.add_argument("file", type=Path, metavar="FILE")
    restore = backup_commands.add_parser("restore", help=t("cli.help.backup_restore"))
    restore.add_argument("file", type=Path, metavar="FILE")
    restore.add_argument("--force", action="store_true", help=t("cli.help.force"))

    commands.add_parser("passwd", help=t("cli.help.passwd"))
    commands.add_parser("locate", help=t("cli.help.locate"))
    return parser


def _say(text: str, stream: IO[str] | None = None) -> None:
    print(text, file=stream or sys.stdout)


def cmd_backup_export(args: argparse.Namespace, ask: Passphrases) -> int:
    from models.backup import export_backup
    from models.vault import Vault

    passphrase = ask.ask(t("cli.prompt.vault_passphrase"))
    # Read-only: a backup may be taken while the app has the vault open.
    vault = Vault.open(args.vault, passphrase, read_only=True)
    try:
        snapshot = vault.snapshot()
    finally:
        vault.close()
    backup_passphrase = ask.ask_new(t("cli.prompt.backup_passphrase"))
    info = export_backup(snapshot, args.out, backup_passphrase, kdf=kdf_cost())
    record_backup(args.vault, info.made_at.date(), file=Path(args.out))
    _say(t("backup.exported", path=args.out))
    _say(i18n.backup_text(info))
    return 0


def cmd_backup_verify(args: argparse.Namespace, ask: Passphrases) -> int:
    from models.backup import verify_backup

    info = verify_backup(args.file, ask.ask(t("cli.prompt.backup_passphrase")))
    _say(t("backup.verified", path=args.file))
    _say(i18n.backup_text(info))
    return 0


def cmd_backup_restore(args: argparse.Namespace, ask: Passphrases) -> int:
    from models.backup import restore_backup, verify_backup

    if args.vault.exists() and not args.force:
        raise UserError(t("backup.restore_exists", path=args.vault))
    backup_passphrase = ask.ask(t("cli.prompt.backup_passphrase"))
    verify_backup(args.file, backup_passphrase)  # fail before asking for more
    new_passphrase = ask.ask_new(t("cli.prompt.new_vault_passphrase"))
    info = restore_backup(
        args.file,
        backup_passphrase,
        args.vault,
        new_passphrase,
        overwrite=args.force,
        kdf=kdf_cost(),
        marks=marks_file(),
    )
    _say(t("backup.restored", path=args.vault))
    _say(i18n.backup_text(info))
    return 0


def cmd_passwd(args: argparse.Namespace, ask: Passphrases) -> int:
    from models.vault import Vault

    with Vault.open(
        args.vault, ask.ask(t("cli.prompt.current_passphrase")), marks=marks_file()
    ) as vault:
        if vault.rollback is not None:  # the app asks; here, change nothing
            vault.forget_marks()
            raise UserError(
                t(
                    "vault.rollback.text",
                    path=args.vault.name,
                    missing=vault.rollback.remembered - vault.rollback.saves,
                )
            )
        rekeyed = vault.change_passphrase(
            ask.ask_new(t("cli.prompt.new_passphrase")), kdf=kdf_cost()
        )
    if rekeyed.removed_generations:
        _say(
            t(
                "keys.generations_removed",
                names=", ".join(
                    f"{Path(args.vault).name}.{n}" for n in rekeyed.removed_generations
                ),
            ),
            sys.stderr,
        )
    if rekeyed.recovery_key is not None:
        _say(t("keys.passphrase.recovery_replaced_cli"))
        _say(rekeyed.recovery_key)
    else:
        _say(t("passphrase.changed"))
    return 0


def cmd_locate(args: argparse.Namespace, ask: Passphrases) -> int:
    _say(f"{t('locate.vault')}: {args.vault}")
    _say(f"{t('locate.settings')}: {settings_file()}")
    return 0


def cmd_app(args: argparse.Namespace, ask: Passphrases) -> int:
    from .app import run_app

    if not _is_terminal(sys.stdin) or not _is_terminal(sys.stdout):
        # Without a keyboard the app would wait for keys that never come (and read the
        # end of /dev/null over and over); without a screen it would draw into a file.
        raise UserError(t("cli.needs_terminal"))

    return run_app(args.vault, language=args.lang, kdf=kdf_cost())


@contextlib.contextmanager
def typed_ahead_kept_quiet() -> Iterator[None]:
    """From the first moment, keys typed before the app is up are neither shown nor
    changed, and the terminal is as it was afterwards.

    A worker who types the passphrase while the app starts (the better part of a
    second on an old laptop) would otherwise see it echoed in clear by the terminal,
    left in its scrollback after quitting, and find its Enter turned into a newline
    that submits nothing. With echo, line editing and the CR-to-NL translation off,
    the keys wait unseen until the app reads them into the passphrase field.
    """
    try:
        import termios

        fd = sys.stdin.fileno()
        original = termios.tcgetattr(fd) if os.isatty(fd) else None
    except (ImportError, OSError, ValueError, AttributeError):  # Windows, no stdin
        original = None
    if original is None:  # not a terminal: nothing is echoed
        yield
        return
    quiet = termios.tcgetattr(fd)
    quiet[0] &= ~termios.ICRNL  # iflag
    quiet[3] &= ~(termios.ECHO | termios.ICANON)  # lflag
    termios.tcsetattr(fd, termios.TCSANOW, quiet)
    try:
        yield
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, original)


def _is_terminal(stream: IO[str] | None) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (OSError, ValueError):
        return False


COMMANDS: dict[str, Callable[[argparse.Namespace, Passphrases], int]] = {
    "export": cmd_backup_export,
    "verify": cmd_backup_verify,
    "restore": cmd_backup_restore,
    "passwd": cmd_passwd,
    "locate": cmd_locate,
}


def main(argv: list[str] | None = None, stdin: IO[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        if stdin is None and not any(a in COMMAND_WORDS for a in argv):
            with typed_ahead_kept_quiet():  # the app: the passphrase may already be coming
                code = _main(argv, stdin)
        else:
            code = _main(argv, stdin)
        if sys.stdout is not None:
            sys.stdout.flush()  # here, so a closed pipe is caught below
        return code
    except BrokenPipeError:
        # The reader went away (`pendamping locate | head -c0`): nothing left to say to
        # it; stop Python from complaining about the unflushed output on the way out.
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


COMMAND_WORDS = frozenset({"backup", "passwd", "locate", "-h", "--help", "--version"})


def _main(argv: list[str], stdin: IO[str] | None) -> int:
    # The language must be known before the help text is built.
    lang = next((argv[i + 1] for i, a in enumerate(argv[:-1]) if a == "--lang"), None)
    i18n.use_language(i18n.detect_language(lang or load_settings().language))
    with argparse_in_language():
        args = build_parser().parse_args(argv)
    if args.lang:
        i18n.use_language(args.lang)
    args.vault = (args.vault or default_vault_path()).expanduser()
    handler = COMMANDS.get(
        args.backup_command if args.command == "backup" else args.command, cmd_app
    )
    try:
        return handler(args, Passphrases(stdin))
    except VaultError as error:
        _say(f"pendamping: {i18n.error_text(error)}", sys.stderr)
    except UserError as error:
        _say(f"pendamping: {error}", sys.stderr)
    except KeyboardInterrupt:
        _say(f"pendamping: {t('cli.interrupted')}", sys.stderr)
    except BrokenPipeError:
        raise  # the reader went away: see main
    except Exception as error:  # a Python traceback would show data: see tui/crash.py
        from .crash import crash_text

        _say(f"pendamping: {crash_text(error)}", sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
