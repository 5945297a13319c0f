"""Applicant-facing messages used by the form, the kiosk and the thank-you page.

Declared here with ``_l`` so that they are in every catalog (and checked by the
coverage test) before the POST handling uses them. Keys of ``ERRORS`` are the
error codes of :meth:`survey.questionnaires.definition.Definition.validate`.
"""

from __future__ import annotations

from survey.i18n import _l

ERRORS = {
    "one_value_only": _l("Bitte wählen Sie eine Antwort."),
    "out_of_range": _l("Diese Antwort ist nicht möglich."),
    "not_a_number": _l("Diese Antwort ist nicht möglich."),
    "na_not_allowed": _l("Diese Antwort ist nicht möglich."),
    "unknown_item": _l("Diese Frage gibt es in diesem Fragebogen nicht."),
    "too_long": _l("Ihr Kommentar ist zu lang. Erlaubt sind höchstens %(max)s Zeichen."),
    "not_text": _l("Bitte geben Sie hier nur Text ein."),
}

ERROR_SUMMARY = _l("Bitte prüfen Sie die markierten Antworten.")
SITE_NOT_FOUND = _l("Diesen Standort gibt es nicht, oder er nimmt gerade keine Antworten an.")
NOT_FOUND_TITLE = _l("Seite nicht gefunden")
TOO_LARGE = _l("Ihre Eingabe ist zu groß. Bitte kürzen Sie Ihren Kommentar.")
ALREADY_SUBMITTED = _l("Diese Antworten wurden bereits gesendet. Vielen Dank!")
SESSION_EXPIRED = _l("Die Seite war zu lange offen. Bitte senden Sie das Formular noch einmal.")
#: A POST without a valid token (none sent, no session cookie, or another session's).
CHECK_FAILED = _l(
    "Ihre Antworten konnten nicht geprüft werden, weil ein Sicherheitsmerkmal fehlte "
    "(zum Beispiel, wenn Cookies blockiert sind). Bitte senden Sie das Formular noch einmal."
)

THANKS_TITLE = _l("Vielen Dank!")
THANKS_TEXT = _l("Ihre Antworten sind gespeichert. Sie können diese Seite jetzt schließen.")

KIOSK_GREETING = _l("Wie war Ihr Besuch heute?")
KIOSK_START = _l("Tippen Sie hier, um zu beginnen.")
KIOSK_CHOOSE_LANGUAGE = _l("Sprache wählen")

CODE_USED = _l("Dieser Einladungscode wurde schon benutzt. Jeder Code gilt für eine Antwort.")
CODE_UNKNOWN = _l("Dieser Einladungscode ist ungültig. Bitte prüfen Sie den Code auf Ihrem Zettel.")
TOO_MANY = _l("Zu viele Versuche. Bitte warten Sie einige Minuten.")
#: The honeypot's label: hidden from people and screen readers, read by bots.
HONEYPOT_LABEL = _l("Bitte lassen Sie dieses Feld leer.")
#: An error on a field the form does not show (a forged or outdated request).
OTHER_ERROR = ERRORS["out_of_range"]


def error_text(code: str, max_length: int | None = None) -> str:
    """The applicant's message for an error code of the validation."""
    from survey.i18n import format_number

    message = ERRORS.get(code, OTHER_ERROR)
    if code == "too_long":
        return str(message) % {"max": format_number(max_length or 2000)}
    return str(message)
