"""The `diplobot` command line: parse arguments and dispatch to a subcommand module."""

from __future__ import annotations

import argparse
import importlib
import sys

# Each module adds its own subparser; the order here is the order of `diplobot --help`.
SUBCOMMAND_MODULES = (
    "run",
    "worker",
    "db",
    "preview",
    "sources",
    "collect",
    "send_due",
    "stats",
)


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The full parser, or with `only` the one subcommand module a command line names: importing
    every module pulls in Telegram and the services (a second and more), which `diplobot preview`
    over a folder of articles never needs."""
    parser = argparse.ArgumentParser(
        prog="diplobot",
        description="Diplomacy news for Telegram: who said what, and which talks are coming up.",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in [only] if only else SUBCOMMAND_MODULES:
        importlib.import_module(f"bot.cli.{name}").register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else argv
    module = words[0].replace("-", "_") if words else ""
    args = build_parser(module if module in SUBCOMMAND_MODULES else None).parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
