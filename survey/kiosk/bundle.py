"""Everything a kiosk tablet needs to run offline, in one JSON document.

:func:`build_bundle` is the only place where kiosk texts are chosen: the
questionnaire (items and options) and the kiosk's own few UI strings, for
each language the site offers. UI strings use the German wording as msgid;
questionnaire texts by their German master wording and the context ``core@1:<item>``
(``survey.i18n.questionnaire``), so the kiosk and the online form say the same.
"""

from __future__ import annotations

from typing import Any

from flask import url_for

from survey.i18n import format_number, locales, selection
from survey.i18n.locales import LocaleInfo
from survey.i18n.questionnaire import item_context, option_context
from survey.i18n.text import lookup
from survey.questionnaires.definition import Definition
from survey.responses import presentation
from survey.sites.models import Site

from .status_strings import N_, STATUS_STRINGS

#: The kiosk's own texts for visitors (German msgids, translated into all 18 locales).
UI_STRINGS: dict[str, str] = {
    "greeting": N_("Ihre Meinung zählt – bitte berühren Sie den Bildschirm"),
    "start": N_("Start"),
    "language": N_("Sprache wählen"),
    "back": N_("Zurück"),
    "skip": N_("Überspringen"),
    "next": N_("Weiter"),
    "send": N_("Senden"),
    "thanks": N_("Vielen Dank!"),
    "not_applicable": N_("trifft nicht zu"),
    "unpaired": N_("Dieses Gerät ist nicht mehr gekoppelt."),
    "listen": N_("Vorlesen"),
}


def _plain(info: LocaleInfo, msgid: str, context: str | None = None) -> str:
    """Plain text for JSON (a catalog gap falls back to German, unmarked)."""
    return lookup(info, msgid, context)[0]


def _texts(definition: Definition, info: LocaleInfo) -> dict[str, Any]:
    return {
        "ui": {key: _plain(info, msgid) for key, msgid in UI_STRINGS.items()},
        #: the locale's digits 0–9, for the numbers of the scale steps (Persian in fa)
        "digits": [format_number(d, info) for d in range(10)],
        "items": {
            item.code: {
                "text": _plain(info, item.text, item_context(definition, item)),
                "options": [
                    _plain(info, option, option_context(definition, item, value))
                    for value, option in zip(item.values, item.options, strict=True)
                ],
            }
            for item in definition.items
        },
    }


def offered(site: Site) -> list[LocaleInfo]:
    """The site's languages in its order (all when it names none), default first if missing."""
    infos = selection.offered(site)
    default = locales.BY_CODE.get(locales.normalize(site.default_locale) or "")
    if default is not None and default not in infos:
        infos.insert(0, default)
    return infos


def _audio_base() -> str:
    """``/kiosk/audio/`` under the app's root (the kiosk appends site, locale and clip)."""
    return url_for("audio.kiosk_clip", code="_", lang="_", clip="_").removesuffix("_/_/_.opus")


def build_bundle(
    site: Site,
    definition: Definition,
    device_label: str = "",
    audio: dict[str, list[str]] | None = None,
) -> dict[str, Any]:
    """The questionnaire, texts per offered language and site settings for the tablet.

    ``audio``: locale → the clips that can be played (survey.audio.store.playable);
    a locale with none shows no speaker button.
    """
    infos = offered(site)
    staff_locale = locales.get(site.default_locale if site.default_locale in ("de", "en") else "de")
    staff = {key: _plain(staff_locale, msgid) for key, msgid in STATUS_STRINGS.items()}
    return {
        "site": {"code": site.code, "name": site.name},
        #: clips are fetched from <audio_base><site>/<locale>/<clip>.opus (kiosk scope)
        "audio_base": url_for("audio.kiosk_clip", code="_", lang="_", clip="_")[
            : -len("_/_/_.opus")
        ],
        "device": {"label": device_label},
        "settings": {
            "idle_seconds": site.kiosk_idle_seconds,
            "min_interval_seconds": site.kiosk_min_interval_seconds,
            "default_locale": site.default_locale,
            #: how the 1–5 scale is shown; sent back with each response
            "presentation": site.scale_presentation,
            "faces": presentation.shows_faces(site.scale_presentation),
        },
        "questionnaire": {
            "key": definition.key,
            "items": [
                {
                    "code": item.code,
                    "kind": item.kind,
                    "scale": item.scale,
                    "allow_na": item.allow_na,
                    "values": list(item.values) if item.kind != "text" else [],
                    "max_length": item.max_length,
                }
                for item in definition.items
            ],
        },
        "locales": [
            {"code": info.code, "name": info.native, "lang": info.html_lang, "dir": info.direction}
            for info in infos
        ],
        "texts": {info.code: _texts(definition, info) for info in infos},
        "audio": {info.code: sorted((audio or {}).get(info.code, ())) for info in infos},
        "staff": staff,
        #: the status screen's language tag: its dates and numbers are formatted in it
        "staff_lang": staff_locale.html_lang,
    }
