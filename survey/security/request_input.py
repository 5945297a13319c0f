"""What comes in with a request, made safe once at the edge for every view.

- Text: NUL characters are removed and lone surrogates (``"\\ud800"`` in JSON)
  become U+FFFD in the query string, in form fields and in every string of a
  JSON body. PostgreSQL refuses NUL in text and no database can encode a lone
  surrogate, so both databases store the same cleaned text.
- JSON: bodies nested deeper than :data:`MAX_JSON_DEPTH` are refused as bad
  JSON (400) before the parser recurses into them.
- Query parameters: :func:`int_arg` reads a bounded integer (ASCII digits
  only, so ``²`` or twenty digits fall back to the default);
  :func:`url_with_query` builds a link from ``request.args`` without passing
  query names as keyword arguments of ``url_for`` (``?endpoint=x`` or
  ``?_external=1`` could otherwise break or bend it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar
from urllib.parse import urlencode

from flask import Flask, Request, request, url_for
from flask.json.provider import DefaultJSONProvider
from werkzeug.datastructures import ImmutableMultiDict, MultiDict
from werkzeug.utils import cached_property

#: Deeper JSON than this is refused; the kiosk API needs three levels.
MAX_JSON_DEPTH = 32

_SURROGATE = re.compile("[\ud800-\udfff]")
_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(rb"[\[\]{}]")
_D = TypeVar("_D", int, None)
_DIGITS = re.compile(r"[0-9]{1,18}")


def clean_text(text: str) -> str:
    """``text`` without NUL characters and with lone surrogates replaced."""
    if "\x00" in text:
        text = text.replace("\x00", "")
    return _SURROGATE.sub("\ufffd", text)


def clean_value(value: Any) -> Any:
    """Every string inside a parsed JSON value cleaned (keys too)."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [clean_value(v) for v in value]
    if isinstance(value, dict):
        return {clean_text(k): clean_value(v) for k, v in value.items()}
    return value


def _clean_multidict(data: MultiDict[str, Any]) -> ImmutableMultiDict[str, Any]:
    return ImmutableMultiDict(
        [
            (clean_text(k), clean_text(v) if isinstance(v, str) else v)
            for k, v in data.items(multi=True)
        ]
    )


def json_depth(data: bytes | str) -> int:
    """The deepest nesting of arrays and objects in a JSON text (strings skipped)."""
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    depth = deepest = 0
    for match in _BRACKET.finditer(_STRING.sub(b'""', raw)):
        if match.group() in (b"[", b"{"):
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


class LimitedJSONProvider(DefaultJSONProvider):
    """Flask's JSON, refusing deep nesting and cleaning every string it reads."""

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        if json_depth(s) > MAX_JSON_DEPTH:
            raise ValueError(f"JSON nested deeper than {MAX_JSON_DEPTH} levels")
        try:
            value = super().loads(s, **kwargs)
        except RecursionError:  # pragma: no cover - the depth check comes first
            raise ValueError("JSON nested too deeply") from None
        return clean_value(value)


class CleanRequest(Request):
    """A request whose query string and form fields are cleaned text."""

    @cached_property
    def args(self) -> MultiDict[str, str]:  # type: ignore[override]
        return _clean_multidict(super().args)

    def _load_form_data(self) -> None:
        if "form" in self.__dict__:
            return
        super()._load_form_data()
        self.__dict__["form"] = _clean_multidict(self.__dict__["form"])


def int_arg(
    name: str,
    default: _D,
    *,
    minimum: int = 0,
    maximum: int = 10**9,
    args: Mapping[str, str] | None = None,
) -> int | _D:
    """The query parameter ``name`` as an integer in ``[minimum, maximum]``.

    Anything that is not plain ASCII digits (``²``, ``-1``, ``1e3``, more than
    18 digits) gives ``default``; a number outside the bounds is clamped.
    """
    text = (request.args if args is None else args).get(name, "")
    if not _DIGITS.fullmatch(text or ""):
        return default
    return min(max(int(text), minimum), maximum)


def url_with_query(endpoint: str, query: Iterable[tuple[str, Any]] = (), **values: Any) -> str:
    """``url_for(endpoint, **values)`` with ``query`` appended as the query string.

    Names from the query string never become keyword arguments of ``url_for``.
    """
    base = url_for(endpoint, **values)
    pairs = [(k, v) for k, v in query if v is not None]
    if not pairs:
        return base
    return f"{base}{'&' if '?' in base else '?'}{urlencode(pairs)}"


def init_request_input(app: Flask) -> None:
    app.request_class = CleanRequest
    app.json = LimitedJSONProvider(app)
    app.jinja_env.globals["url_with_query"] = url_with_query
