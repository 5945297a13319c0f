"""Everything a kiosk tablet needs to run offline, in one JSON document.

:func:`build_bundle` is the only place where kiosk texts are chosen: the
questionnaire (items and options) and the kiosk's own few UI strings, for
each language the site offers. UI strings use the German wording as msgid;
questionnaire texts are looked up by their German master wording.
"""

from __future__ import annotations

from typing import Any

from flask_babel import force_locale, gettext

from survey.questionnaires.definition import Definition, ItemDef
from survey.sites.models import Site

from .languages import Language, babel_locale, offered


def ui_strings() -> dict[str, str]:
    """The kiosk's own UI strings in the current locale."""
    return {
        "greeting": gettext("Ihre Meinung zählt – bitte berühren Sie den Bildschirm"),
        "start": gettext("Start"),
        "language": gettext("Sprache wählen"),
        "back": gettext("Zurück"),
        "skip": gettext("Überspringen"),
        "next": gettext("Weiter"),
        "send": gettext("Senden"),
        "thanks": gettext("Vielen Dank!"),
        "not_applicable": gettext("trifft nicht zu"),
        "unpaired": gettext("Dieses Gerät ist nicht mehr gekoppelt."),
    }


def staff_strings() -> dict[str, str]:
    """The hidden status screen, for staff (site's default language)."""
    return {
        "status": gettext("Gerätestatus"),
        "device": gettext("Gerät"),
        "queue": gettext("Nicht gesendete Antworten"),
        "rejected": gettext("Abgewiesene Antworten"),
        "last_sync": gettext("Zuletzt gesendet"),
        "version": gettext("Version"),
        "connection": gettext("Verbindung"),
        "close": gettext("Schließen"),
    }


def _item_texts(item: ItemDef) -> dict[str, Any]:
    return {
        "text": gettext(item.text),
        "options": [gettext(option) for option in item.options],
    }


def _texts(definition: Definition, language: Language) -> dict[str, Any]:
    with force_locale(babel_locale(language.code)):
        return {
            "ui": ui_strings(),
            "items": {item.code: _item_texts(item) for item in definition.items},
        }


def build_bundle(site: Site, definition: Definition, device_label: str = "") -> dict[str, Any]:
    """The questionnaire, texts per offered language and site settings for the tablet."""
    languages = offered(site.locales, site.default_locale)
    with force_locale(babel_locale(site.default_locale)):
        staff = staff_strings()
    return {
        "site": {"code": site.code, "name": site.name},
        "device": {"label": device_label},
        "settings": {
            "idle_seconds": site.kiosk_idle_seconds,
            "min_interval_seconds": site.kiosk_min_interval_seconds,
            "default_locale": site.default_locale,
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
            {"code": lang.code, "name": lang.name, "dir": lang.direction} for lang in languages
        ],
        "texts": {lang.code: _texts(definition, lang) for lang in languages},
        "staff": staff,
    }
