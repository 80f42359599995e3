"""Facts: statements stored per article, a meeting reported twice stored once and linked twice."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy.engine import Engine
from sqlmodel import select

from bot.pipeline.meetings import merge
from bot.pipeline.types import ArticleFacts, Meeting, Statement
from storage import articles, facts, sources
from storage.engine import session_scope
from storage.models import Article, MeetingArticle, MeetingRow, StatementRow

NOW = datetime(2026, 3, 6, 12, 0, tzinfo=UTC)
RULE = facts.MeetingRule(same=merge.same_meeting, merge=merge.merge, key=merge.meeting_key)
TALKS = Meeting(
    title="Austria–Slovenia talks",
    kind="talks",
    participants=("Austria", "Slovenia"),
    evidence="The foreign ministers of Austria and Slovenia will meet in Vienna on Tuesday.",
    place="Vienna",
    start=date(2026, 3, 10),
    end=date(2026, 3, 10),
    date_text="on Tuesday",
)
SAID = Statement(
    speaker="Helga Brandauer",
    kind="direct",
    text="We want our citizens to cross this border easily.",
    evidence='"We want our citizens to cross this border easily," Brandauer said.',
    role="Foreign Minister",
)


def _article(engine: Engine, n: int) -> int:
    with session_scope(engine) as s:
        sid = sources.add_source(session=s, url=f"http://src{n}/feed")[0].id
        assert sid is not None
        return articles.store_article(
            session=s,
            source_id=sid,
            url=f"https://wire{n}.example/a",
            title=f"Talks {n}",
            text="Text.",
            published=NOW,
            content_hash=f"h{n}",
            relevant=True,
        ).id


def _store(engine: Engine, article_id: int, found: ArticleFacts) -> facts.FactsStored:
    with session_scope(engine) as s:
        return facts.store_facts(session=s, article_id=article_id, facts=found, rule=RULE, now=NOW)


def test_statements_and_meeting_stored_and_article_marked(engine: Engine) -> None:
    first = _article(engine, 1)
    result = _store(engine, first, ArticleFacts(statements=(SAID,), meetings=(TALKS,)))
    assert result == facts.FactsStored(statements=1, meetings_new=1, meetings_merged=0)
    with session_scope(engine) as s:
        st = s.exec(select(StatementRow)).one()
        assert (st.speaker, st.role, st.article_id) == (
            "Helga Brandauer",
            "Foreign Minister",
            first,
        )
        row = s.exec(select(MeetingRow)).one()
        assert facts.meeting_from_row(row) == TALKS
        assert s.get(Article, first).extracted  # type: ignore[union-attr]
    assert _store(engine, first, ArticleFacts(statements=(SAID,))) == facts.FactsStored(0, 0, 0)


def test_same_meeting_from_two_articles_is_one_row_linked_twice(engine: Engine) -> None:
    first, second = _article(engine, 1), _article(engine, 2)
    _store(engine, first, ArticleFacts(meetings=(TALKS,)))
    undated_echo = Meeting(
        title="talks",
        kind="talks",
        participants=("Slovenia", "Austria", "EU"),
        evidence="Slovenia and Austria hold talks in Vienna on Tuesday, officials said.",
        place="Vienna",
        start=date(2026, 3, 10),
        end=date(2026, 3, 10),
    )
    result = _store(engine, second, ArticleFacts(meetings=(undated_echo,)))
    assert (result.meetings_new, result.meetings_merged) == (0, 1)
    with session_scope(engine) as s:
        row = s.exec(select(MeetingRow)).one()
        assert set(row.participants) >= {"Austria", "Slovenia"}
        links = {(m.meeting_id, m.article_id) for m in s.exec(select(MeetingArticle)).all()}
        assert links == {(row.id, first), (row.id, second)}


def test_different_meetings_stay_apart(engine: Engine) -> None:
    first, second = _article(engine, 1), _article(engine, 2)
    _store(engine, first, ArticleFacts(meetings=(TALKS,)))
    other = Meeting(
        title="Kenya–Ethiopia call",
        kind="call",
        participants=("Kenya", "Ethiopia"),
        evidence="Mwangi spoke by telephone with Alemu.",
        start=date(2026, 3, 5),
    )
    assert _store(engine, second, ArticleFacts(meetings=(other,))).meetings_new == 1
    with session_scope(engine) as s:
        assert len(s.exec(select(MeetingRow)).all()) == 2
