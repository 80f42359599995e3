"""Where handlers and jobs find the one `Services` the composition root put in `bot_data`."""

from __future__ import annotations

from telegram.ext import ContextTypes

from bot.services import Services

SERVICES_KEY = "services"


def get_services(context: ContextTypes.DEFAULT_TYPE) -> Services:
    services = context.bot_data[SERVICES_KEY]
    assert isinstance(services, Services)
    return services
