from __future__ import annotations

import os
import socket

from bot.services.workers import dead_workers

HOST = socket.gethostname()
GONE = 4_000_000  # above Linux's pid_max: never a running process


def test_only_dead_processes_on_this_host_are_released() -> None:
    me = f"{HOST}/{os.getpid()}/aaaa1111"
    holders = [
        me,
        f"{HOST}/{GONE}/bbbb2222",  # killed predecessor
        f"{HOST}/{os.getpid()}/cccc3333",  # our pid, older incarnation (container restart)
        f"{HOST}/1/dddd4444",  # alive (init)
        f"elsewhere/{GONE}/eeee5555",  # other host: only its lease can free it
        "garbage",
    ]
    assert dead_workers(me, holders) == [holders[1], holders[2]]
