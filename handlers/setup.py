"""Registers every handler and job on an Application; the composition root calls this once."""

from __future__ import annotations

from telegram.ext import Application

from handlers import (
    buttons,
    channels,
    collect_job,
    commands,
    digest_cmd,
    digest_job,
    errors,
    flood,
)


def register(application: Application, *, jobs: bool = True) -> None:  # type: ignore[type-arg]
    """Add command, button and error handlers, and schedule the jobs unless `jobs` is False.

    A Telegram front (`diplobot front`) answers updates only; `diplobot worker` runs the work.
    """
    application.add_handler(flood.handler(), group=-1)
    commands.register(application)
    buttons.register(application)
    application.add_error_handler(errors.on_error)
    digest_cmd.register(application)
    channels.register(application)
    commands.register_fallback(application)  # last: only commands nobody else handled
    if jobs:
        collect_job.register(application)
        digest_job.register(application)


async def on_start(application: Application) -> None:  # type: ignore[type-arg]
    """Work that needs the running bot: the command menus."""
    await commands.set_menus(application)
