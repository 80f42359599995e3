"""Channels in storage, on SQLite and PostgreSQL: setting up, targets, and forgetting once."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy.engine import Engine
from sqlmodel import select

from storage import channels as ch
from storage.chats import delete_chat, ensure_chat
from storage.deliveries import create_deliveries
from storage.engine import session_scope
from storage.models import ChannelTarget, Chat, Delivery, Subscription
from storage.subscriptions import add_subscription

NOW = datetime(2022, 1, 7, 9, 0, tzinfo=UTC)
CHANNEL, OTHER_CHANNEL = -1001, -1002
ALICE, BOB = 11, 12
DEFAULTS = ("08:00", "UTC")


def set_up(engine: Engine, chat_id: int, user_id: int, title: str = "Desk") -> None:
    with session_scope(engine) as s:
        ch.set_up_channel(
            session=s,
            chat_id=chat_id,
            title=title,
            username="desk",
            user_id=user_id,
            defaults=DEFAULTS,
            now=NOW,
        )


def target(engine: Engine, user_id: int) -> int | None:
    with session_scope(engine) as s:
        row = ch.target_of(session=s, user_id=user_id)
        return row.id if row else None


def test_the_first_admin_manages_the_channel_and_each_user_has_one_target(engine: Engine) -> None:
    set_up(engine, CHANNEL, ALICE)
    set_up(engine, CHANNEL, BOB, title="Desk renamed")
    set_up(engine, OTHER_CHANNEL, ALICE, title="Archive")
    with session_scope(engine) as s:
        channel = s.get(Chat, CHANNEL)
        assert channel is not None
        assert (channel.kind, channel.managed_by) == ("channel", ALICE)
        assert channel.title == "Desk renamed"
        assert channel.username == "desk" and channel.created_at == NOW
        assert [c.id for c in ch.managed_channels(session=s, user_id=ALICE)] == [
            OTHER_CHANNEL,
            CHANNEL,
        ]
        # Bob did not set it up, but is configuring it now
        assert [c.id for c in ch.managed_channels(session=s, user_id=BOB)] == [CHANNEL]
    assert target(engine, ALICE) == OTHER_CHANNEL and target(engine, BOB) == CHANNEL
    with session_scope(engine) as s:
        ch.select_target(session=s, user_id=ALICE, chat_id=None)
    assert target(engine, ALICE) is None and target(engine, BOB) == CHANNEL


def test_a_lost_channel_is_forgotten_once_with_everything_it_had(engine: Engine) -> None:
    set_up(engine, CHANNEL, ALICE)
    set_up(engine, CHANNEL, BOB)
    with session_scope(engine) as s:
        add_subscription(session=s, chat_id=CHANNEL, topic="NATO", topic_norm="nato")
        create_deliveries(session=s, keys=[(CHANNEL, date(2022, 1, 7))], now=NOW)
    with session_scope(engine) as s:
        lost = ch.forget_lost_chat(session=s, chat_id=CHANNEL)
    assert lost == ch.LostChat(CHANNEL, "channel", "Desk", "desk", ALICE)
    with session_scope(engine) as s:
        assert ch.forget_lost_chat(session=s, chat_id=CHANNEL) is None  # nobody is told twice
        for table in (Chat, Subscription, Delivery, ChannelTarget):
            assert s.exec(select(table)).all() == [], table.__name__


def test_stopping_a_private_chat_drops_its_users_selection(engine: Engine) -> None:
    set_up(engine, CHANNEL, ALICE)
    with session_scope(engine) as s:
        ensure_chat(session=s, chat_id=ALICE, kind="private")
    with session_scope(engine) as s:
        assert delete_chat(session=s, chat_id=ALICE)
    assert target(engine, ALICE) is None
    with session_scope(engine) as s:
        assert s.get(Chat, CHANNEL) is not None  # the channel itself stays
