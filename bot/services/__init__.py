"""The application's use cases, between the pipeline and storage below and Telegram above.

A collection pass (`collect_once`, with `extract_pending` as its second half), the facts of a
chat's digest (`load_snapshot`, `build_digest`) and a dispatch pass (`dispatch_due`, sending
through an `Outlet`) need `Services`, never a running bot: the scheduled jobs, /digest and the CLI
all call these. No module here imports Telegram or handlers (import-linter holds it).
"""

from bot.services.collection import FETCH_LIMITS_KEY, collect_once
from bot.services.digest_facts import (
    DEFAULT_WINDOW,
    SNAPSHOT_TTL,
    FactsSnapshot,
    build_digest,
    load_snapshot,
    window_start,
)
from bot.services.dispatch import MAX_SENDERS, DispatchSummary, dispatch_due
from bot.services.extraction import extract_pending
from bot.services.outlet import ChatGone, ChatMoved, MessageRejected, Outlet, SendDeferred
from bot.services.resources import Services
from bot.services.summary import CollectSummary

__all__ = [
    "DEFAULT_WINDOW",
    "FETCH_LIMITS_KEY",
    "MAX_SENDERS",
    "SNAPSHOT_TTL",
    "ChatGone",
    "ChatMoved",
    "CollectSummary",
    "DispatchSummary",
    "FactsSnapshot",
    "MessageRejected",
    "Outlet",
    "SendDeferred",
    "Services",
    "build_digest",
    "collect_once",
    "dispatch_due",
    "extract_pending",
    "load_snapshot",
    "window_start",
]
