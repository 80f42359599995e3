"""`diplobot preview [--published YYYY-MM-DD] [--json] FILE_OR_URL...`: the extractor on demand.

For operators checking what the bot would make of an article, and for integrations that want the
facts as JSON lines. A bad input is reported on stderr and skipped; the exit code is 1 if any was.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import sys
from datetime import date
from pathlib import Path

from bot.cli.common import fail, load_settings
from bot.cli.preview_inputs import (
    InputError,
    PreviewInput,
    fetch_pages,
    is_url,
    make_fetcher,
    read_file,
)
from bot.cli.preview_view import Style, as_json_line, as_text
from bot.pipeline.collect import MAX_TEXT_CHARS
from bot.pipeline.types import ArticleFacts

EXIT_INPUT_FAILED = 1
MAX_WIDTH = 100


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "preview",
        help="show who said what and upcoming meetings in articles (files or URLs)",
        description="Run the extractor on .txt files (first line: title), .html files and URLs.",
    )
    parser.add_argument(
        "--published",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help="publication date (default: the page's metadata date, else the file's mtime)",
    )
    parser.add_argument("--json", action="store_true", help="one JSON object per input per line")
    parser.add_argument(
        "inputs", nargs="+", metavar="FILE_OR_URL", help="a .txt or .html file, or an http(s) URL"
    )
    parser.set_defaults(func=_preview)


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"use YYYY-MM-DD, not {value!r}") from exc


def _preview(args: argparse.Namespace) -> int:
    settings = load_settings()
    loaded = load_inputs(args.inputs, args.published)
    items = [item for item in loaded if isinstance(item, PreviewInput)]
    failed = len(loaded) - len(items)
    if items:
        facts = _extract(items, settings.spacy_model)
        style = Style() if args.json else terminal_style()
        for number, (item, found) in enumerate(zip(items, facts, strict=True)):
            if args.json:
                print(as_json_line(item, found), flush=True)
            else:
                print(("\n" if number else "") + as_text(item, found, style), flush=True)
    return EXIT_INPUT_FAILED if failed else 0


def load_inputs(args: list[str], published: date | None) -> list[PreviewInput | InputError]:
    """Every input in command-line order; failures are reported on stderr as they are found."""
    urls = [arg for arg in args if is_url(arg)]
    pages = dict(zip(urls, asyncio.run(_fetch_all(urls, published)), strict=True)) if urls else {}
    out: list[PreviewInput | InputError] = []
    for arg in args:
        try:
            result = pages[arg] if is_url(arg) else read_file(Path(arg), published)
        except InputError as exc:
            result = exc
        if isinstance(result, InputError):
            print(f"diplobot preview: {arg}: {result}", file=sys.stderr)
        elif result.cut:
            note = f"only the first {MAX_TEXT_CHARS} characters are read, as the collector does"
            print(f"diplobot preview: {arg}: {note}", file=sys.stderr)
        out.append(result)
    return out


async def _fetch_all(urls: list[str], published: date | None) -> list[PreviewInput | InputError]:
    fetcher = make_fetcher()
    try:
        return await fetch_pages(urls, published, fetcher)
    finally:
        await fetcher.client.aclose()


def _extract(items: list[PreviewInput], model: str) -> list[ArticleFacts]:
    """Load the model once (SPACY_MODEL) and extract every article in one batch."""
    from bot.pipeline.extractor import Extractor, load_nlp  # seconds to import: only when needed

    try:
        nlp = load_nlp(model)
    except OSError as exc:
        fail(f"cannot load the spaCy model {model!r} (SPACY_MODEL): {exc}")
    return Extractor(nlp).extract_many([item.article for item in items])


def terminal_style() -> Style:
    """Bold and wrapped on a terminal (unless NO_COLOR); plain long lines when piped."""
    if not sys.stdout.isatty():
        return Style()
    no_color = bool(os.environ.get("NO_COLOR")) or os.environ.get("TERM") == "dumb"
    width = min(shutil.get_terminal_size().columns, MAX_WIDTH)
    return Style(bold=not no_color, width=width)
