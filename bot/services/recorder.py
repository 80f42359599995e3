"""Group commit for delivery progress: one transaction records every message accepted meanwhile.

Each accepted message must be committed before its sender moves on (that commit is what keeps a
restart from sending it again). One writer commits whatever accumulated while the previous commit
ran: at 30 messages a second that is one message per commit, as before; at 1000 a second it is a
few dozen, which is what lets a single SQLite file keep up. No timer is involved, so batching never
widens the crash window beyond the commit already in progress.
"""

from __future__ import annotations

import asyncio
from datetime import datetime

from bot.services.resources import Services
from storage.delivery_progress import MessageRecord, record_messages


class Recorder:
    """Collects MessageRecords from many senders; commits them in as few transactions as it can."""

    def __init__(self, services: Services, worker: str, digest_at: datetime) -> None:
        self._services = services
        self._worker = worker
        self._digest_at = digest_at
        self._pending: list[tuple[MessageRecord, asyncio.Future[bool]]] = []
        self._wake = asyncio.Event()
        self._closed = False
        self._task: asyncio.Task[None] | None = None

    async def record(self, record: MessageRecord) -> bool:
        """Commit this progress (with whatever else is waiting); False if the row is not ours."""
        if self._task is None:
            self._task = asyncio.create_task(self._run())
        future: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
        self._pending.append((record, future))
        self._wake.set()
        return await future

    async def close(self) -> None:
        """Let the last commit finish; called once every sender is done."""
        self._closed = True
        self._wake.set()
        if self._task is not None:
            await self._task

    async def _run(self) -> None:
        while not (self._closed and not self._pending):
            await self._wake.wait()
            self._wake.clear()
            batch, self._pending = self._pending, []
            if batch:
                await self._commit(batch)

    async def _commit(self, batch: list[tuple[MessageRecord, asyncio.Future[bool]]]) -> None:
        try:
            results = await self._services.db(
                record_messages,
                worker=self._worker,
                records=[record for record, _ in batch],
                now=self._services.clock(),
                digest_at=self._digest_at,
            )
        except Exception as exc:  # every waiting sender learns the commit failed
            for _, future in batch:
                future.set_exception(exc)
            return
        for (_, future), ok in zip(batch, results, strict=True):
            future.set_result(ok)
