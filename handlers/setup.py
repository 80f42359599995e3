"""Registers every handler and job on an Application; the composition root calls this once."""

from __future__ import annotations

from telegram.ext import Application


def register(application: Application) -> None:
    """Add command, button and error handlers, and schedule the jobs."""


async def on_start(application: Application) -> None:
    """Work that needs the running bot: the command menus."""
