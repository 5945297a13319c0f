"""What a person does at the kiosk, step by step, and what the server then holds."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import func, select

from survey.database import db
from survey.responses.models import Response

#: What the full flow answers, per item kind (scale 4, first choice, n/a where allowed).
MULTI_CHOICE = (1, 3)


def wait_until(
    check: Callable[[], bool], page: Any = None, timeout: float = 15.0, what: str = ""
) -> None:
    """Poll ``check``; waiting through ``page`` lets Playwright run route handlers meanwhile."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        if page is not None:
            page.wait_for_timeout(100)
        else:
            time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what or check}")


def stored(**where: Any) -> int:
    with db.engine.connect() as conn:
        query = select(func.count()).select_from(Response).filter_by(**where)
        return conn.scalar(query)


def begin(kiosk: Any, locale: str) -> None:
    kiosk.screen("attract")
    kiosk.page.click("main button.primary")
    kiosk.screen("language")
    kiosk.page.click(f"button[data-locale={locale}]")
    kiosk.screen("question")


def current_item(kiosk: Any) -> str:
    return kiosk.page.get_attribute("main .screen", "data-item")


def go_to(kiosk: Any, item: str) -> None:
    kiosk.page.wait_for_selector(f"main .screen[data-item={item}]")


def quick_response(kiosk: Any, locale: str = "de", overall: int = 5, then: str = "thanks") -> None:
    """Answer one question, skip the rest, send; wait for the screen ``then``."""
    begin(kiosk, locale)
    kiosk.page.click("main button.skip")  # topic
    go_to(kiosk, "overall")
    kiosk.page.click(f"main .options button[data-value='{overall}']")
    go_to(kiosk, "resolved")
    while current_item(kiosk) != "comment":
        item = current_item(kiosk)
        kiosk.page.click("main button.skip")
        kiosk.page.wait_for_function(
            f"() => document.querySelector('main .screen').dataset.item !== '{item}'"
        )
    kiosk.page.click("main button.send")
    kiosk.screen(then)
