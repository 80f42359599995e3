"""End-to-end fixtures: the fake Bot API server and the real bot long-polling it."""

from tests.fakebot.fixtures import *  # noqa: F403
