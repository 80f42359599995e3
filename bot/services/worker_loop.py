"""`diplobot worker`: collection, extraction and digest dispatch, shared with other workers.

Three loops run side by side until `stop` is set: a heartbeat (the `workers` table, read by
`diplobot stats`), collection (claim the sources due and the articles waiting, again at once
while there is work, else after `idle_seconds`) and dispatch (a pass every minute; its claims
share the outbox). A failing loop logs and goes on: no exception stops the worker. What makes the
work shared is in storage (claims with SKIP LOCKED and leases), so a worker is just these loops.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta

from bot.services.collection import collect_once
from bot.services.dispatch import dispatch_due
from bot.services.outlet import Outlet
from bot.services.resources import Services
from bot.services.workers import worker_id
from storage import workers

log = logging.getLogger(__name__)

HEARTBEAT_EVERY = 10.0
# `stats` counts a worker alive when it beat within this; three beats may be missed.
ALIVE_WITHIN = timedelta(seconds=4 * HEARTBEAT_EVERY)
DISPATCH_EVERY = 60.0
Notify = Callable[[], Awaitable[object]]


async def _wait(stop: asyncio.Event, seconds: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), seconds)


async def beat_until(
    services: Services, role: str, stop: asyncio.Event, on_beat: Notify | None = None
) -> None:
    """Heartbeat until `stop`, then remove this process's row (a clean exit is not a death).

    `on_beat` runs after every beat: bot.services.send_share.refresh_share takes this process's
    share of the Telegram budget there, from the heartbeats it just joined."""
    name = worker_id(services)
    while not stop.is_set():
        try:
            await services.db(workers.beat, name=name, role=role, now=services.clock())
            if on_beat is not None:
                await on_beat()
        except Exception:
            log.exception("heartbeat failed")
        await _wait(stop, HEARTBEAT_EVERY)
    with contextlib.suppress(Exception):
        await services.db(workers.forget_worker, name=name)


async def _collect_loop(
    services: Services, stop: asyncio.Event, idle_seconds: float, notify: Notify | None
) -> None:
    while not stop.is_set():
        busy = False
        try:
            summary = await collect_once(services, record_idle=False)
            busy = bool(summary.sources_polled or summary.extracted)
            if notify is not None:
                await notify()
        except Exception:
            log.exception("collection pass failed")
        if not busy:
            await _wait(stop, idle_seconds)


async def _dispatch_loop(
    services: Services, outlet: Outlet, stop: asyncio.Event, every: float
) -> None:
    while not stop.is_set():
        try:
            summary = await dispatch_due(services, outlet)
            if summary.sent or summary.failed or summary.blocked:
                log.info("digests: %s", "; ".join(summary.lines()))
        except Exception:
            log.exception("dispatch pass failed")
        await _wait(stop, every)


async def run_worker(
    services: Services,
    outlet: Outlet,
    stop: asyncio.Event,
    *,
    idle_seconds: float = 5.0,
    dispatch_seconds: float = DISPATCH_EVERY,
    notify: Notify | None = None,
    on_beat: Notify | None = None,
) -> None:
    """Load the extractor, then heartbeat, collect and dispatch until `stop` is set."""
    try:
        await services.get_extractor()
    except Exception as exc:  # articles wait for a worker that has the model; digests go on
        log.warning("extractor unavailable: %s", exc)
    log.info("worker %s started", worker_id(services))
    await asyncio.gather(
        beat_until(services, "worker", stop, on_beat),
        _collect_loop(services, stop, idle_seconds, notify),
        _dispatch_loop(services, outlet, stop, dispatch_seconds),
    )
