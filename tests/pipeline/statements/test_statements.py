"""Who said what: one test per rule of issue 3, on short articles written for the purpose."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from spacy.language import Language

from bot.pipeline.extractor import Extractor
from bot.pipeline.types import Article, Entity, Statement

PUBLISHED = datetime(2022, 1, 7, 9, 0, tzinfo=UTC)
ARTICLES = Path(__file__).resolve().parents[2] / "fixtures" / "articles"


@pytest.fixture(scope="module")
def extractor(nlp: Language) -> Extractor:
    return Extractor(nlp)


def run(extractor: Extractor, title: str, *paragraphs: str) -> list[Statement]:
    """Statements of an article made of a title and paragraphs."""
    article = Article(title, "\n\n".join(paragraphs), PUBLISHED)
    return list(extractor.extract(article).statements)


def pairs(statements: list[Statement]) -> list[tuple[str, str, str]]:
    return [(s.speaker, s.kind, s.text) for s in statements]


def test_straight_and_curly_quotes(extractor: Extractor) -> None:
    found = run(
        extractor,
        "Talks in Geneva",
        '"We are ready for dialogue," Russian Foreign Minister Sergei Lavrov said on Monday.',
        "“The door remains open,” NATO Secretary General Jens Stoltenberg said in Brussels.",
    )
    assert pairs(found) == [
        ("Sergei Lavrov", "direct", "We are ready for dialogue"),
        ("Jens Stoltenberg", "direct", "The door remains open"),
    ]
    assert (found[0].role, found[0].affiliation) == ("Foreign Minister", "Russia")
    assert (found[1].role, found[1].affiliation) == ("Secretary General", "NATO")


def test_multi_sentence_quote_is_one_statement(extractor: Extractor) -> None:
    found = run(
        extractor,
        "Kuleba on talks",
        '"We will not trade our land. We will not trade our people," Ukrainian Foreign '
        "Minister Dmytro Kuleba told reporters.",
    )
    assert pairs(found) == [
        (
            "Dmytro Kuleba",
            "direct",
            "We will not trade our land. We will not trade our people",
        )
    ]
    assert found[0].audience == "reporters"
    assert found[0].cue_verb == "told"


def test_quote_continued_into_next_paragraph(extractor: Extractor) -> None:
    found = run(
        extractor,
        "Blinken in Berlin",
        "U.S. Secretary of State Antony Blinken spoke after the meeting. He said:",
        "\"We have offered a serious path. The choice is Moscow's.",
        '"If it chooses escalation, the answer will be united."',
    )
    assert pairs(found) == [
        (
            "Antony Blinken",
            "direct",
            "We have offered a serious path. The choice is Moscow's. "
            "If it chooses escalation, the answer will be united.",
        )
    ]


def test_split_quote_is_joined(extractor: Extractor) -> None:
    found = run(
        extractor,
        "NATO ready to talk",
        '"We are ready to sit down," Stoltenberg said. "But we will not compromise."',
    )
    assert pairs(found) == [
        ("Stoltenberg", "direct", "We are ready to sit down … But we will not compromise.")
    ]


def test_stray_marks_and_apostrophes_never_break_the_article(extractor: Extractor) -> None:
    found = run(
        extractor,
        "Monitors report violations",
        'The separatists’ leaders rejected the monitors’ report as "biased.',
        "Polish Foreign Minister Zbigniew Rau said the monitors must have full access.",
        "“Dialogue is the only way,” Rau told the Permanent Council.",
    )
    assert pairs(found) == [
        ("Zbigniew Rau", "indirect", "the monitors must have full access"),
        ("Zbigniew Rau", "direct", "Dialogue is the only way"),
    ]


def test_quoted_phrase_inside_reported_speech_is_one_indirect_statement(
    extractor: Extractor,
) -> None:
    found = run(
        extractor,
        "Kremlin warns Washington",
        "Kremlin spokesman Dmitry Peskov warned Washington against new sanctions, saying that "
        'the United States would make "serious mistakes" if it went ahead.',
    )
    assert pairs(found) == [
        (
            "Dmitry Peskov",
            "indirect",
            'the United States would make "serious mistakes" if it went ahead',
        )
    ]


def test_headline_scare_quotes_are_not_statements(extractor: Extractor) -> None:
    found = run(
        extractor,
        'Lavrov says West must give "concrete answers"',
        "Russian Foreign Minister Sergei Lavrov met his Iranian counterpart in Moscow on Friday.",
    )
    assert found == []


@pytest.mark.parametrize(
    ("sentence", "cue", "text", "audience"),
    [
        (
            "Lavrov told reporters on Friday that the talks would continue next week.",
            "told",
            "the talks would continue next week",
            "reporters",
        ),
        (
            "Lavrov said the talks would focus on missile deployments.",
            "said",
            "the talks would focus on missile deployments",
            None,
        ),
        (
            "According to Lavrov, Moscow had handed over a draft treaty.",
            "according to",
            "Moscow had handed over a draft treaty",
            None,
        ),
        (
            "Moscow had handed over a draft treaty, according to Lavrov.",
            "according to",
            "Moscow had handed over a draft treaty",
            None,
        ),
        (
            "Lavrov was quoted by Interfax as saying that a deal could be reached soon.",
            "saying",
            "a deal could be reached soon",
            None,
        ),
        (
            "Lavrov told RIA-Novosti that Moscow saw no reason to hurry.",
            "told",
            "Moscow saw no reason to hurry",
            "RIA-Novosti",
        ),
    ],
)
def test_reported_speech_forms(
    extractor: Extractor, sentence: str, cue: str, text: str, audience: str | None
) -> None:
    found = run(extractor, "Talks", "Russian Foreign Minister Sergei Lavrov arrived.", sentence)
    assert pairs(found) == [("Sergei Lavrov", "indirect", text)]
    assert (found[0].cue_verb, found[0].audience) == (cue, audience)


@pytest.mark.parametrize(
    "verb",
    [
        "warned",
        "stressed",
        "insisted",
        "noted",
        "added",
        "announced",
        "declared",
        "claimed",
        "wrote",
    ],
)
def test_reporting_verbs_beyond_said(extractor: Extractor, verb: str) -> None:
    found = run(
        extractor,
        "Talks",
        f"Foreign Minister Sergei Lavrov {verb} that Russia would not back down.",
    )
    assert pairs(found) == [("Sergei Lavrov", "indirect", "Russia would not back down")]
    assert found[0].cue_verb == verb


def test_inverted_attribution_and_colon_introduction(extractor: Extractor) -> None:
    found = run(
        extractor,
        "Talks",
        '"We expect answers in writing," said Russian Foreign Minister Sergei Lavrov.',
        "German Foreign Minister Annalena Baerbock met him later. She also said:",
        '"There is no alternative to a political solution."',
    )
    assert pairs(found) == [
        ("Sergei Lavrov", "direct", "We expect answers in writing"),
        ("Annalena Baerbock", "direct", "There is no alternative to a political solution."),
    ]


def test_speaker_is_canonical_with_role_and_affiliation(extractor: Extractor) -> None:
    found = run(
        extractor,
        "Biden call",
        "U.S. President Joe Biden spoke with European leaders on Monday.",
        "Mr. Biden said the allies were united.",
        '"We will respond together," President Biden told reporters.',
        "Ukraine's president, Volodymyr Zelensky, said Kyiv was grateful for the support.",
    )
    assert [s.speaker for s in found] == ["Joe Biden", "Joe Biden", "Volodymyr Zelensky"]
    assert (found[0].role, found[0].affiliation) == ("President", "United States")
    assert found[2].affiliation == "Ukraine"


def test_pronouns_and_descriptions_resolve_to_the_named_speaker(extractor: Extractor) -> None:
    found = run(
        extractor,
        "Talks",
        "NATO Secretary General Jens Stoltenberg said the alliance was ready to talk.",
        '"We want de-escalation," he said.',
        "The NATO chief said that allies had offered concrete proposals.",
        "U.S. President Joe Biden, 79, spoke later. The 79-year-old said he hoped for progress.",
    )
    assert [s.speaker for s in found] == [
        "Jens Stoltenberg",
        "Jens Stoltenberg",
        "Jens Stoltenberg",
        "Joe Biden",
    ]


def test_unresolvable_pronoun_gives_no_statement(extractor: Extractor) -> None:
    assert run(extractor, "Talks", "He said the talks would continue next week.") == []


def test_institutions_as_speakers(extractor: Extractor) -> None:
    found = run(
        extractor,
        "Talks",
        "The Kremlin said the meeting would take place in Beijing.",
        "The State Department said the embassy would remain open.",
        "According to the White House, the two leaders will speak on Thursday.",
        "Russia's Foreign Ministry said the decision was premature.",
        "The ministry said it had no further comment on the matter.",
    )
    assert [(s.speaker, s.affiliation, s.speaker_type) for s in found] == [
        ("Kremlin", "Russia", "org"),
        ("State Department", "United States", "org"),
        ("White House", "United States", "org"),
        ("Russian Foreign Ministry", "Russia", "org"),
        ("Russian Foreign Ministry", "Russia", "org"),
    ]


def test_unnamed_sources_and_relaying_outlets_give_no_statement(extractor: Extractor) -> None:
    found = run(
        extractor,
        "Troops",
        "U.S. officials said Russia had moved more troops to the border.",
        "A source said the drills would last ten days.",
        "Western diplomats said they expected no breakthrough.",
        "Reuters reported that new deployments had been seen near Yelnya.",
        "Deputy Foreign Minister Sergei Ryabkov told TASS that Moscow was not worried.",
    )
    assert pairs(found) == [("Sergei Ryabkov", "indirect", "Moscow was not worried")]
    assert found[0].audience == "TASS"


def test_transliterated_name_keeps_text_and_takes_fullest_form(extractor: Extractor) -> None:
    found = run(
        extractor,
        "Zelensky and Macron",
        "President of Ukraine Volodymyr Zelensky held a conversation with Emmanuel Macron.",
        '"We discussed the Normandy format," Volodmir Zelensky wrote in his Telegram channel.',
    )
    assert pairs(found) == [("Volodymyr Zelensky", "direct", "We discussed the Normandy format")]
    assert "Volodmir Zelensky" in found[0].evidence


@pytest.mark.parametrize(
    "sentence",
    [
        "Lavrov did not say whether Moscow would send a delegation.",
        "Lavrov declined to say which measures were on the table.",
        "Lavrov is said to be preparing a new proposal.",
        "Lavrov will say on Monday whether the talks can continue.",
        "Did Lavrov say that the talks had failed?",
    ],
)
def test_non_speech_uses_of_reporting_verbs(extractor: Extractor, sentence: str) -> None:
    assert run(extractor, "Talks", "Foreign Minister Sergei Lavrov arrived.", sentence) == []


def test_extract_many_matches_extract_and_entities_are_canonical(extractor: Extractor) -> None:
    articles = [
        Article("Talks", "Russian diplomats met NATO envoys. Lavrov said nothing.", PUBLISHED),
        Article("Visit", '"We are ready," Sergei Lavrov said in Moscow.', PUBLISHED),
    ]
    many = extractor.extract_many(articles, batch_size=2)
    assert many == [extractor.extract(a) for a in articles]
    assert Entity("Russia", "country") in many[0].entities
    assert Entity("NATO", "org") in many[0].entities


def _overlap(a: str, b: str) -> float:
    """Token Dice coefficient, as in benchmarks/eval_statements.py."""
    wa, wb = re.findall(r"\w+", a.casefold()), re.findall(r"\w+", b.casefold())
    common = sum(min(wa.count(w), wb.count(w)) for w in set(wa))
    return 2 * common / (len(wa) + len(wb)) if wa and wb else 0.0


def test_tuning_fixtures_are_extracted_with_high_precision_and_recall(
    extractor: Extractor,
) -> None:
    gold_count = found_count = hits = 0
    for gold_path in sorted(ARTICLES.glob("st_*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        if gold["split"] != "tune":
            continue
        title, _, body = gold_path.with_suffix(".txt").read_text(encoding="utf-8").partition("\n")
        found = extractor.extract(Article(title, body.strip(), PUBLISHED)).statements
        gold_count += len(gold["statements"])
        found_count += len(found)
        for g in gold["statements"]:
            surname = g["speaker"].split()[-1]
            hits += any(
                s.speaker.split()[-1] == surname and _overlap(s.text, g["text"]) >= 0.5
                for s in found
            )
    assert hits / found_count >= 0.9
    assert hits / gold_count >= 0.9


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        (
            "The talks, Russian Foreign Minister Sergei Lavrov said, were useful.",
            ("Sergei Lavrov", "indirect", "The talks were useful"),
        ),
        (
            "Chinese Foreign Ministry spokesman Zhao Lijian, who said China backed the plan, "
            "left early.",
            ("Zhao Lijian", "indirect", "China backed the plan"),
        ),
        (
            "“We are ready for talks,” according to Russian Foreign Minister Sergei Lavrov.",
            ("Sergei Lavrov", "direct", "We are ready for talks"),
        ),
        (
            "The leaders discussed the crisis, the press service of the Kremlin reported.",
            ("Kremlin", "indirect", "The leaders discussed the crisis"),
        ),
        (
            "Russian news agencies quoted Foreign Minister Sergei Lavrov as saying that Moscow "
            "was ready for talks.",
            ("Sergei Lavrov", "indirect", "Moscow was ready for talks"),
        ),
    ],
)
def test_less_common_attribution_forms(
    extractor: Extractor, paragraph: str, expected: tuple[str, str, str]
) -> None:
    assert pairs(run(extractor, "Talks", paragraph)) == [expected]


def test_wire_dateline_is_never_the_speaker(extractor: Extractor) -> None:
    found = run(
        extractor,
        "Talks",
        "MOSCOW (Wire) - Foreign Minister Sergei Lavrov said the talks would resume on Monday.",
        "LONDON (Wire) - The talks would resume on Monday, officials said.",
    )
    assert pairs(found) == [("Sergei Lavrov", "indirect", "the talks would resume on Monday")]


def test_people_sharing_a_surname_stay_apart(extractor: Extractor) -> None:
    found = run(
        extractor,
        "Clintons in Ohio",
        "Hillary Clinton spoke in Iowa on Monday. Bill Clinton spoke in Ohio.",
        "''Jobs, jobs, jobs,'' Mrs. Clinton said. Mr. Clinton said the economy was strong.",
    )
    assert [s.speaker for s in found] == ["Hillary Clinton", "Bill Clinton"]
