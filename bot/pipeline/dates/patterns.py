"""The regular expressions behind `dates`: explicit days, weekdays, day words, vague spans."""

from __future__ import annotations

import re

MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        [
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        ]
    )
    for name in names
}

_MON = (
    r"(?-i:(?P<{0}>"
    + "|".join(sorted((m.capitalize() for m in MONTHS), key=len, reverse=True))
    + r"))\.?"
)
_WD = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_DAY = r"(?P<{0}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<{0}>(?:19|20)\d\d))?"
_TO = r"\s*(?:-|–|—|to|until|till|through|and)\s*"
_LEAD = rf"(?:(?:from|between)\s+)?(?:{_WD},?\s+)?"


# After a month: a space, or none after its abbreviation's full stop ("Dec.4-5", "Feb.11").
_SP = r"(?:(?<=\.)\s*|\s+)"


# "planned for March 30" is a day, not the month "for March" (as long a match as "March 30").
_NO_DAY = r"(?!\s*[0-3]?\d(?!\d))"


def _p(template: str, *names: str) -> str:
    return template.format(*names)


EXPLICIT = [
    # March 20 to April 2, 2022 / January 9-10 / March 20to 22 / Jan 13th
    re.compile(
        _LEAD
        + _p(_MON, "m1")
        + _SP
        + _p(_DAY, "d1")
        + rf"(?:{_TO}(?:{_WD},?\s+)?(?:"
        + _p(_MON, "m2")
        + _SP
        + r")?"
        + _p(_DAY, "d2")
        + r")?\b"
        + _p(_YEAR, "y"),
        re.IGNORECASE,
    ),
    # 9-10 January 2022 / from 20 to 22 March / 30 March to 2 April / on the 9th of January
    re.compile(
        _LEAD
        + _p(_DAY, "d1")
        + r"(?:\s+"
        + _p(_MON, "m1")
        + r")?"
        + _TO
        + _p(_DAY, "d2")
        + r"\s+(?:of\s+)?"
        + _p(_MON, "m2")
        + _p(_YEAR, "y")
        + r"|"
        + _LEAD
        + r"(?:the\s+)?"
        + _p(_DAY, "d3")
        + r"\s+(?:of\s+)?"
        + _p(_MON, "m3")
        + _p(_YEAR, "y3"),
        re.IGNORECASE,
    ),
]
# What every EXPLICIT match contains: a capitalised month name (all start with these) and a digit.
MONTH_NAME = re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
DIGIT = re.compile(r"\d")
RELATIVE_WEEKDAY = re.compile(
    rf"\b(?:(?P<mod>next|this|last|coming|on)\s+)?(?P<wd>{_WD})"
    rf"(?:\s+(?:and|or|-|–|to|through|until|till)\s+(?P<wd2>{_WD}))?"
    r"(?:,?\s+(?:of\s+)?(?P<week>next|last)\s+week)?\b",  # "on Monday next week"
    re.IGNORECASE,
)
# 09.01.2022 (day first, as in European and translated copy) and ISO 2022-01-09.
NUMERIC = re.compile(
    r"\b(?:(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>(?:19|20)\d\d)"
    r"|(?P<iy>(?:19|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d))\b"
)
# "on the 9th", "the 12th and 13th", "the 20th-21st of this month" (no month name follows).
ORDINAL_DAY = re.compile(
    r"\b(?:on\s+)?the\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)"
    r"(?:\s*(?:-|–|and|to|through|until)\s*(?:the\s+)?(?P<d2>[0-3]?\d)(?:st|nd|rd|th))?"
    r"(?:\s+of\s+(?P<which>this|next)\s+month)?\b(?!\s+(?:of\s+)?[A-Z])"
)
DAY_WORDS = {"today": 0, "tonight": 0, "tomorrow": 1, "yesterday": -1}
DAY_WORD = re.compile(
    r"\b(?:the\s+day\s+after\s+tomorrow|later\s+(?:today|in\s+the\s+day)"
    r"|this\s+(?:morning|afternoon|evening)|today|tonight|tomorrow|yesterday)\b",
    re.I,
)
VAGUE = re.compile(
    r"\b(?:(?:later|earlier)\s+(?:this|in\s+the)\s+(?:week|month|year)"
    r"|(?:in\s+)?the\s+week\s+after\s+next"
    r"|(?:(?:later|earlier)\s+)?(?:in|during|over)\s+the\s+(?:(?:early|late)\s+)?"
    r"(?:autumn|fall|spring|summer|winter)"
    r"|(?:this|next|last)\s+(?:autumn|fall|spring|summer|winter)"
    r"|(?:(?:later|earlier)\s+)?in\s+the\s+(?:first|second|last)\s+(?:half|week|days)\s+of\s+"
    + _p(_MON, "vm3")
    + r"|(?:later|earlier)\s+in\s+"
    + _p(_MON, "vm4")
    + r"|(?:in\s+the\s+)?(?:first|second)\s+half\s+of\s+(?:this|next|the)\s+year"
    r"|(?:by\s+)?the\s+end\s+of\s+(?:this|next|the)\s+(?:week|month|year)"
    r"|(?:(?:early|late|mid)[-\s])?(?:this|next|last|the\s+coming|the\s+following)\s+"
    r"(?:week|month|weekend|year)"
    r"|(?:in|during|over)\s+the\s+(?:coming|next|following)\s+(?:few\s+)?(?:days|weeks|months)"
    r"|(?:in|within)\s+(?:a|one|two|three|four|a\s+few|several|\d+)\s+(?:days?|weeks?|months?)"
    r"|within\s+(?:days|weeks)|(?:at|over|on)\s+the\s+weekend"
    r"|(?:in|for|by|until|during|at)\s+(?:the\s+)?(?:(?:early|mid|late|(?:end|beginning|start|middle)\s+of)\s*-?\s*)?"
    + _p(_MON, "vm")
    + r"(?:\s+(?:19|20)\d\d)?"
    + _NO_DAY
    + r"|(?:early|mid|late)[-\s]"
    + _p(_MON, "vm2")
    + r"(?:\s+(?:19|20)\d\d)?"
    + _NO_DAY
    + r"|soon)\b",
    re.IGNORECASE,
)
# A weekend is two days: "next weekend" is Saturday and Sunday of the next Monday-to-Sunday week.
WEEKEND = re.compile(
    r"\b(?:(?P<mod>this|next|last|coming|the\s+coming|the\s+following)\s+weekend"
    r"|(?:at|over|on|during)\s+the\s+weekend)\b",
    re.IGNORECASE,
)
PAST_VAGUE = re.compile(r"\b(?:last|earlier|yesterday|previous)\b", re.IGNORECASE)
# Vague expressions that can only point ahead of the publication day ("later this month").
FUTURE_VAGUE = re.compile(r"\b(?:next|coming|later\s+this)\b", re.IGNORECASE)
# A day counted from another: "the next day", "a day later", "the day before the summit",
# "on the eve of the talks". An event noun after it names the event it is counted from.
_EVENT_NOUN = (
    r"(?:summit|meeting|talks|visit|trip|conference|session|forum|gathering|ministerial"
    r"|negotiations|round|call|assembly|council|congress)"
)
RELATIVE_DAY = re.compile(
    r"\b(?:(?:on\s+)?the\s+(?P<side>following|next|previous|preceding)\s+day"
    r"|(?:on\s+)?(?:the|a|one|(?P<count>two|three|four|five|[2-5]))\s+days?\s+"
    r"(?P<dir>before|after|later|earlier)"
    r"|on\s+the\s+(?P<eve>eve)\s+of)"
    rf"(?:\s+(?P<noun>(?:the|a|an|this|that|its|their|his|her)\s+(?:[\w'-]+\s+){{0,3}}"
    rf"{_EVENT_NOUN}))?\b",
    re.IGNORECASE,
)
