"""Chat members as Telegram reports them, and what a channel lets the bot do.

Channels: only administrators (and the creator) are listed; the bot itself is an administrator,
possibly without `can_post_messages`, or has left. A bot that is not a channel's administrator
cannot read its member list (400), and sending there answers 403 (not a member) or 400 (no
posting right), as Telegram does.
"""

from __future__ import annotations

from typing import Any

from tests.fakebot.state import ApiError, FakeChat

ADMIN_RIGHTS = (
    "can_manage_chat",
    "can_change_info",
    "can_delete_messages",
    "can_invite_users",
    "can_restrict_members",
    "can_pin_messages",
    "can_promote_members",
    "can_manage_video_chats",
    "can_post_stories",
    "can_edit_stories",
    "can_delete_stories",
)


def admin_member(
    user: dict[str, Any], *, channel: bool = False, can_post: bool = True
) -> dict[str, Any]:
    """A ChatMemberAdministrator; channels add the posting and editing rights."""
    member: dict[str, Any] = {"status": "administrator", "user": user, "is_anonymous": False}
    member |= dict.fromkeys(ADMIN_RIGHTS, True) | {"can_be_edited": False}
    if channel:
        member |= {"can_post_messages": can_post, "can_edit_messages": can_post}
    return member


def user_json(user_id: int) -> dict[str, Any]:
    return {"id": user_id, "is_bot": False, "first_name": f"User{user_id}"}


def member_json(chat: FakeChat, user_id: int, bot_user: dict[str, Any]) -> dict[str, Any]:
    """getChatMember's answer for `user_id` (the bot's own id included)."""
    channel = chat.type == "channel"
    if user_id == bot_user["id"]:
        return bot_member(chat, bot_user)
    if channel and chat.bot_status != "administrator":
        raise ApiError(400, "Bad Request: member list is inaccessible")
    user = user_json(user_id)
    if chat.type == "private":
        return {"status": "member", "user": user}
    if user_id == chat.creator:
        return {"status": "creator", "user": user, "is_anonymous": False}
    if user_id in chat.admins:
        return admin_member(user, channel=channel, can_post=user_id not in chat.cannot_post)
    return {"status": "left" if channel else "member", "user": user}


def bot_member(chat: FakeChat, bot_user: dict[str, Any]) -> dict[str, Any]:
    if chat.bot_status == "administrator":
        return admin_member(bot_user, channel=chat.type == "channel", can_post=chat.bot_can_post)
    if chat.bot_status == "kicked":  # also how a private chat shows a user who blocked the bot
        return {"status": "kicked", "user": bot_user, "until_date": 0}
    return {"status": chat.bot_status, "user": bot_user}


def check_can_send(chat: FakeChat) -> None:
    """Refuse a send the way Telegram does when the bot left or may not post."""
    if chat.type == "private":
        return
    kind = "channel" if chat.type == "channel" else chat.type
    if chat.bot_status in {"left", "kicked"}:
        raise ApiError(403, f"Forbidden: bot is not a member of the {kind} chat")
    if chat.type == "channel" and not (chat.bot_status == "administrator" and chat.bot_can_post):
        raise ApiError(400, "Bad Request: need administrator rights in the channel chat")


def full_info(chat: FakeChat) -> dict[str, Any]:
    """getChat's ChatFullInfo with the fields PTB requires."""
    gifts = dict.fromkeys(
        (
            "unlimited_gifts",
            "limited_gifts",
            "unique_gifts",
            "premium_subscription",
            "gifts_from_channels",
        ),
        False,
    )
    return chat.as_json() | {
        "accent_color_id": 0,
        "max_reaction_count": 11,
        "accepted_gift_types": gifts,
    }
