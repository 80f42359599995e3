"""The relevance pre-filter keeps every diplomacy fixture and drops everyday news."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.pipeline.collect.relevance import is_relevant

ARTICLES = Path(__file__).resolve().parents[2] / "fixtures" / "articles"

OFF_TOPIC = [
    (
        "Late goal sends City top of the table",
        "A stoppage-time header from the captain gave City a 2-1 win on Saturday. The coach "
        "praised his players' patience after a frustrating first half in the rain.",
    ),
    (
        "Five ways to make the perfect sourdough",
        "Start with a lively starter, feed it twice a day and keep the kitchen warm. Bake the "
        "loaf in a covered pot for the first twenty minutes so the crust stays glossy.",
    ),
    (
        "New phone brings a brighter screen and a bigger battery",
        "The company unveiled its latest handset on Tuesday. Reviewers said the camera was "
        "better in low light, while the price stays the same as last year's model.",
    ),
    (
        "Storm to bring heavy snow to the north",
        "Forecasters expect up to 30 centimetres of snow overnight. Drivers are advised to "
        "avoid unnecessary journeys and to check for road closures before setting out.",
    ),
    (
        "Russia beat Canada to reach hockey final",
        "Two late goals sent Russia into the final. Canada's goalkeeper made 40 saves but "
        "could not stop the winner with three minutes left on the clock.",
    ),
]


@pytest.mark.parametrize("path", sorted(ARTICLES.glob("*.txt")), ids=lambda p: p.stem)
def test_every_diplomacy_fixture_is_relevant(path: Path) -> None:
    title, _, body = path.read_text(encoding="utf-8").partition("\n")
    assert is_relevant(title, body)


@pytest.mark.parametrize(("title", "text"), OFF_TOPIC, ids=lambda v: v[:20])
def test_everyday_news_is_not_relevant(title: str, text: str) -> None:
    assert not is_relevant(title, text)


def test_headline_alone_can_carry_relevance() -> None:
    assert is_relevant("Lavrov and Blinken to hold talks in Geneva", "")


def test_empty_article_is_not_relevant() -> None:
    assert not is_relevant("", "")
