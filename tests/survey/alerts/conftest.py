from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from email import message_from_bytes
from email.message import Message
from typing import Any

import pytest

from tests.survey.staff import isolated_requests, make_user  # noqa: F401 - fixtures

FIRST = date(2016, 3, 1)


@pytest.fixture
def answers(make_response):
    """Store ``count`` responses per day with the given answers, from ``start`` on."""

    def store(site, count: int, days: int = 1, start: date = FIRST, **items: int) -> None:
        values = {code: (value,) for code, value in items.items()}
        for k in range(days):
            for _ in range(count):
                make_response(site, answers=values, day=start + timedelta(days=k))

    return store


@dataclass
class Inbox:
    """A real SMTP server on localhost (aiosmtpd) keeping what it receives."""

    port: int
    messages: list[Message] = field(default_factory=list)
    recipients: list[list[str]] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(message_from_bytes(envelope.original_content))
        self.recipients.append(list(envelope.rcpt_tos))
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def inbox() -> Iterator[Inbox]:
    from aiosmtpd.controller import Controller

    box = Inbox(free_port())
    controller = Controller(box, hostname="127.0.0.1", port=box.port)
    controller.start()
    try:
        yield box
    finally:
        controller.stop()
