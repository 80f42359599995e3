"""Telling a channel's administrator, once, that the bot lost the channel and forgot it.

Whoever deletes the channel's row (a dispatch pass that got 403/400, or the my_chat_member
update) gets its `LostChat` back and calls this; the row is gone for everyone else, so the
notice goes out once. It goes through the same Outlet as digests, so it is paced like them.
"""

from __future__ import annotations

import html
import logging

from bot.services.outlet import ChatGone, MessageRejected, Outlet, SendDeferred
from storage.channels import CHANNEL, LostChat

log = logging.getLogger(__name__)


def channel_label(title: str | None, username: str | None) -> str:
    """How a channel is named to its administrator: its title and @username when it has one."""
    name = title or (f"@{username}" if username else "your channel")
    return f"{name} (@{username})" if username and title else name


def lost_channel_notice(lost: LostChat) -> str:
    """The one message the administrator gets (Telegram HTML)."""
    label = html.escape(channel_label(lost.title, lost.username))
    again = f"/channel @{lost.username}" if lost.username else "/channel"
    return (
        f"I can no longer post to the channel <b>{label}</b>: I was removed from it or lost the "
        "right to post messages. I deleted its topics and settings. To get its digest back, make "
        f"me an administrator who can post messages and send {html.escape(again)}."
    )


async def tell_channel_admin(outlet: Outlet, lost: LostChat) -> bool:
    """Send the notice when the lost chat was a channel with a known administrator."""
    if lost.kind != CHANNEL or lost.managed_by is None:
        return False
    try:
        await outlet.send(lost.managed_by, lost_channel_notice(lost))
    except (ChatGone, MessageRejected, SendDeferred) as exc:  # they blocked the bot too, or worse
        log.info("could not tell %s about lost channel %s: %s", lost.managed_by, lost.chat_id, exc)
        return False
    return True
