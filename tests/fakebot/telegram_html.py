"""Telegram's HTML parse mode, checked the way the Bot API does before it accepts a message.

Only Telegram's tags, properly nested, with every `<`, `>` and `&` outside a tag written as an
entity (the documented rule; stricter than the server's tolerance for a bare `&`, on purpose).
`parse_html` returns the visible text, or raises `HtmlError` with Telegram's wording.
"""

from __future__ import annotations

import html
import re

ALLOWED_TAGS = frozenset(
    {
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "span",
        "tg-spoiler",
        "a",
        "tg-emoji",
        "code",
        "pre",
        "blockquote",
    }
)
# Tags whose content is literal code: no other tag may open inside them (except code in pre).
_CODE_TAGS = frozenset({"code", "pre"})
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ENTITY = re.compile(r"&(?:#(\d{1,7})|#x([0-9a-fA-F]{1,6})|([a-zA-Z]+));")
_TAG = re.compile(
    r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z-]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>\"']+))?)*)"
    r"\s*(/?)>"
)
_ATTR = re.compile(r"([a-zA-Z-]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>\"']+)))?")


class HtmlError(ValueError):
    """A message Telegram would refuse with "Bad Request: can't parse entities: ..."."""


def parse_html(text: str) -> str:
    """Validate Telegram HTML and return the visible text."""
    out: list[str] = []
    stack: list[str] = []
    pos = 0
    while pos < len(text):
        char = text[pos]
        if char == "<":
            pos = _read_tag(text, pos, stack)
        elif char == "&":
            decoded, pos = _read_entity(text, pos)
            out.append(decoded)
        elif char == ">":
            raise HtmlError(f"Unexpected end tag at byte offset {_offset(text, pos)}")
        else:
            out.append(char)
            pos += 1
    if stack:
        raise HtmlError(f"Can't find end tag corresponding to start tag {stack[-1]}")
    return "".join(out)


def utf16_len(text: str) -> int:
    """Telegram measures lengths and offsets in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def _offset(text: str, pos: int) -> int:
    return len(text[:pos].encode("utf-8"))


def _read_entity(text: str, pos: int) -> tuple[str, int]:
    match = _ENTITY.match(text, pos)
    if match is None:
        raise HtmlError(f'Unsupported start tag "&" at byte offset {_offset(text, pos)}')
    decimal, hexa, name = match.groups()
    if name is not None:
        if name not in _NAMED_ENTITIES:
            raise HtmlError(f'Unsupported HTML entity "&{name};"')
        return _NAMED_ENTITIES[name], match.end()
    code = int(decimal) if decimal is not None else int(hexa, 16)
    if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        raise HtmlError(f"Wrong character code {code}")
    return chr(code), match.end()


def _read_tag(text: str, pos: int, stack: list[str]) -> int:
    match = _TAG.match(text, pos)
    if match is None:
        raise HtmlError(f"Unsupported start tag at byte offset {_offset(text, pos)}")
    closing, name, attrs, _self_closing = match.groups()
    name = name.lower()
    if name not in ALLOWED_TAGS:
        raise HtmlError(f'Unsupported start tag "{name}" at byte offset {_offset(text, pos)}')
    if closing:
        if not stack or stack[-1] != name:
            raise HtmlError(
                f'Unmatched end tag at byte offset {_offset(text, pos)}, expected "</'
                f'{stack[-1] if stack else ""}>", found "</{name}>"'
            )
        stack.pop()
        return match.end()
    _check_open(name, _attributes(attrs), stack)
    stack.append(name)
    return match.end()


def _attributes(raw: str) -> dict[str, str]:
    attrs: dict[str, str] = {}
    for match in _ATTR.finditer(raw):
        key, dq, sq, bare = match.groups()
        attrs[key.lower()] = html.unescape(next((v for v in (dq, sq, bare) if v is not None), ""))
    return attrs


def _check_open(name: str, attrs: dict[str, str], stack: list[str]) -> None:
    if stack and stack[-1] in _CODE_TAGS and not (stack[-1] == "pre" and name == "code"):
        raise HtmlError(f'Unsupported tag "{name}" inside "{stack[-1]}"')
    if name == "a":
        if "a" in stack:
            raise HtmlError("Nested links are not allowed")
        href = attrs.get("href", "")
        if not href or not re.match(r"^(https?://|tg://|mailto:)\S+$", href, re.IGNORECASE):
            raise HtmlError(f'Wrong HTTP URL "{href}"')
    if name == "span" and attrs.get("class") != "tg-spoiler":
        raise HtmlError('Tag "span" must have class "tg-spoiler"')
    if name == "tg-emoji" and not attrs.get("emoji-id", "").isdigit():
        raise HtmlError('Tag "tg-emoji" must have attribute "emoji-id"')
    if name == "blockquote" and "blockquote" in stack:
        raise HtmlError("Nested blockquotes are not allowed")
