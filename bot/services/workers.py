"""Who holds a claim: "host/pid/token" names one process incarnation.

A restarted bot must not wait out the lease of rows its own killed predecessor held, nor a worker
that of a worker killed next to it. On the same host a claim is known dead when its pid no longer
runs, or when the pid is ours but the token is not (containers restart as pid 1). Claims from
other hosts are left to the lease. Every pass first frees the dead workers' sources, articles and
outbox rows (`release_dead`).
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterable

from sqlmodel import Session

from bot.services.resources import Services
from storage import claims
from storage import deliveries as outbox


def worker_id(services: Services) -> str:
    """This process's worker name, made once per Services."""
    name = services.state.get("worker_id")
    if not isinstance(name, str):
        name = f"{socket.gethostname()}/{os.getpid()}/{uuid.uuid4().hex[:8]}"
        services.state["worker_id"] = name
    return name


def _pid_running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, it is just not ours
    return True


def dead_workers(me: str, holders: Iterable[str]) -> list[str]:
    """The holders that are certainly gone: same host, and not a running process."""
    host, pid, _token = me.rsplit("/", 2)
    dead = []
    for holder in holders:
        parts = holder.rsplit("/", 2)
        if len(parts) != 3 or parts[0] != host or holder == me or not parts[1].isdigit():
            continue
        other = int(parts[1])
        if other == int(pid) or not _pid_running(other):
            dead.append(holder)
    return dead


def release_dead(*, session: Session, me: str) -> int:
    """Free every claim of our dead neighbours on this host: sources, articles, outbox rows."""
    holders = set(outbox.claiming_workers(session=session))
    holders.update(claims.claim_holders(session=session))
    dead = dead_workers(me, sorted(holders))
    if not dead:
        return 0
    freed = outbox.release_workers(session=session, workers=dead)
    return freed + claims.release_claims(session=session, workers=dead)
