"""The story the demo data tells, as plain data.

- Ten BAMF model sites answer from October 2013 (some on paper at first, then
  on kiosks), six Hessen sites from October 2015, all until June 2017.
- The 2015/16 caseload peak (Sep 2015 – Apr 2016) brings more visitors, more
  asylum topics, longer waits and a dip in satisfaction everywhere.
- Some sites take measures (a new appointment system, language help, a
  referral desk) and improve after them; others take none and do not.
- Deggendorf is small: in many months it has fewer than ten answers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

FIRST_MONTH = date(2013, 10, 1)
HESSEN_START = date(2015, 10, 1)
LAST_MONTH = date(2017, 6, 1)
PEAK = (date(2015, 9, 1), date(2016, 4, 30))

#: Topic mix outside / during the peak (Aufenthalt, Familie, Arbeit, Flucht, Sonstiges).
TOPICS_NORMAL = (0.46, 0.16, 0.2, 0.1, 0.08)
TOPICS_PEAK = (0.32, 0.14, 0.12, 0.36, 0.06)


@dataclass(frozen=True)
class Measure:
    """Something a site changed, and what it moved (latent effect per item)."""

    start: date
    label: str
    effects: dict[str, float]
    #: its type (survey/measures/types.py); an empty ``effects`` is a measure that did not work
    type: str = "other"


@dataclass(frozen=True)
class DemoSite:
    code: str
    name: str
    start: date
    #: relative number of answers per month
    size: float
    #: locale → share of answers
    locales: dict[str, float]
    #: site-level offset of satisfaction (latent scale)
    base: float = 0.0
    #: shares of (kiosk, online, paper) before and after ``online_from``
    channels_before: tuple[float, float, float] = (1.0, 0.0, 0.0)
    channels_after: tuple[float, float, float] = (0.6, 0.4, 0.0)
    online_from: date = HESSEN_START
    measures: tuple[Measure, ...] = field(default=())
    #: share of "nein, hätte ich gebraucht" on referral before any measure
    referral_gap: float = 0.2


APPOINTMENTS = {"appointment": 0.9, "waiting": 0.8}
LANGUAGE_HELP = {"understood": 0.6, "communication": 0.7, "friendly": 0.3}
REFERRAL_DESK = {"referral": 1.0, "trust": 0.3}

SITES: tuple[DemoSite, ...] = (
    # Hessen follow-up project
    DemoSite(
        "WI",
        "Wiesbaden",
        HESSEN_START,
        3.2,
        {
            "de": 0.42,
            "en": 0.1,
            "tr": 0.1,
            "ar": 0.12,
            "fa": 0.05,
            "ru": 0.04,
            "pl": 0.05,
            "ro": 0.05,
            "uk": 0.02,
            "fr": 0.02,
            "es": 0.03,
        },
        base=-0.1,
        channels_before=(0.7, 0.3, 0.0),
        channels_after=(0.5, 0.5, 0.0),
        measures=(
            Measure(date(2016, 5, 1), "Neues Terminsystem", APPOINTMENTS, "appointments"),
            Measure(
                date(2016, 11, 1), "Sprachmittlung am Schalter", LANGUAGE_HELP, "language_mediation"
            ),
        ),
    ),
    DemoSite(
        "GI",
        "Gießen",
        HESSEN_START,
        1.8,
        {
            "de": 0.3,
            "ar": 0.2,
            "fa": 0.08,
            "fa-AF": 0.08,
            "ps": 0.04,
            "ti": 0.1,
            "so": 0.05,
            "en": 0.1,
            "ku": 0.03,
            "ckb": 0.02,
        },
        base=-0.2,
        channels_before=(0.8, 0.2, 0.0),
        channels_after=(0.6, 0.4, 0.0),
        measures=(
            Measure(
                date(2016, 7, 1),
                "Lotsendienst und Beratungsverweis",
                REFERRAL_DESK,
                "referral_counselling",
            ),
        ),
        referral_gap=0.3,
    ),
    DemoSite(
        "OF",
        "Offenbach",
        HESSEN_START,
        2.1,
        {
            "de": 0.35,
            "tr": 0.18,
            "ar": 0.1,
            "ro": 0.1,
            "pl": 0.08,
            "en": 0.08,
            "ru": 0.04,
            "es": 0.04,
            "fr": 0.03,
        },
        base=-0.25,
        channels_before=(0.6, 0.4, 0.0),
        channels_after=(0.4, 0.6, 0.0),
        measures=(Measure(date(2016, 9, 1), "Online-Terminvergabe", APPOINTMENTS, "appointments"),),
    ),
    DemoSite(
        "DA",
        "Darmstadt",
        HESSEN_START,
        1.9,
        {
            "de": 0.45,
            "en": 0.15,
            "tr": 0.08,
            "ar": 0.1,
            "fa": 0.05,
            "ru": 0.05,
            "fr": 0.04,
            "es": 0.04,
            "uk": 0.04,
        },
        base=0.05,
        channels_before=(0.7, 0.3, 0.0),
        channels_after=(0.7, 0.3, 0.0),
        # a measure that did not work: the catalogue should find no effect
        measures=(
            Measure(date(2016, 3, 1), "Interkulturelle Schulung", {}, "intercultural_training"),
        ),
    ),
    DemoSite(
        "MKK",
        "Main-Kinzig-Kreis",
        HESSEN_START,
        1.4,
        {"de": 0.5, "tr": 0.12, "ar": 0.1, "ro": 0.08, "pl": 0.08, "ru": 0.05, "en": 0.07},
        base=-0.05,
        channels_before=(1.0, 0.0, 0.0),
        channels_after=(0.65, 0.35, 0.0),
        online_from=date(2016, 6, 1),
        measures=(
            Measure(
                date(2016, 6, 1),
                "Wartebereich mit Aufrufsystem",
                {"waiting": 0.6},
                "queue_guidance",
            ),
        ),
    ),
    DemoSite(
        "HP",
        "Kreis Bergstraße",
        HESSEN_START,
        1.0,
        {"de": 0.55, "tr": 0.1, "ar": 0.1, "en": 0.1, "ru": 0.05, "pl": 0.05, "ro": 0.05},
        base=0.0,
        channels_before=(0.8, 0.2, 0.0),
        channels_after=(0.8, 0.2, 0.0),
    ),
    # BAMF model project
    DemoSite(
        "BIB",
        "Bietigheim-Bissingen",
        FIRST_MONTH,
        0.6,
        {"de": 0.55, "tr": 0.15, "en": 0.1, "ru": 0.08, "ar": 0.07, "pl": 0.05},
        base=0.15,
        channels_before=(0.0, 0.0, 1.0),
        channels_after=(0.8, 0.2, 0.0),
        online_from=date(2014, 6, 1),
        measures=(
            Measure(
                date(2014, 6, 1), "Servicetheke", {"waiting": 0.4, "friendly": 0.3}, "staffing"
            ),
        ),
    ),
    DemoSite(
        "DEG",
        "Deggendorf",
        FIRST_MONTH,
        0.18,
        {"de": 0.6, "ar": 0.15, "fa": 0.1, "en": 0.1, "ru": 0.05},
        base=0.1,
        channels_before=(0.0, 0.0, 1.0),
        channels_after=(1.0, 0.0, 0.0),
        online_from=date(2014, 9, 1),
    ),
    DemoSite(
        "P",
        "Potsdam",
        FIRST_MONTH,
        1.0,
        {"de": 0.45, "en": 0.2, "ru": 0.1, "ar": 0.1, "pl": 0.05, "fr": 0.05, "es": 0.05},
        base=0.0,
        channels_before=(0.7, 0.0, 0.3),
        channels_after=(0.6, 0.4, 0.0),
        online_from=date(2015, 1, 1),
        measures=(
            Measure(date(2014, 10, 1), "Terminvergabe online", APPOINTMENTS, "appointments"),
        ),
    ),
    DemoSite(
        "FB",
        "Wetteraukreis",
        FIRST_MONTH,
        0.9,
        {"de": 0.5, "tr": 0.12, "ar": 0.1, "ru": 0.08, "en": 0.1, "pl": 0.1},
        base=-0.05,
        channels_before=(0.0, 0.0, 1.0),
        channels_after=(0.9, 0.1, 0.0),
        online_from=date(2014, 4, 1),
    ),
    DemoSite(
        "E",
        "Essen",
        FIRST_MONTH,
        2.6,
        {
            "de": 0.35,
            "tr": 0.15,
            "ar": 0.15,
            "ku": 0.05,
            "ru": 0.06,
            "pl": 0.06,
            "ro": 0.06,
            "en": 0.07,
            "fa": 0.05,
        },
        base=-0.3,
        channels_before=(0.8, 0.0, 0.2),
        channels_after=(0.6, 0.4, 0.0),
        online_from=date(2015, 3, 1),
        measures=(Measure(date(2015, 9, 1), "Neue Beschilderung", {}, "signage"),),
    ),
    DemoSite(
        "MZ",
        "Mainz",
        FIRST_MONTH,
        1.2,
        {"de": 0.45, "en": 0.15, "tr": 0.1, "ar": 0.1, "fr": 0.08, "es": 0.06, "ro": 0.06},
        base=0.05,
        channels_before=(0.8, 0.0, 0.2),
        channels_after=(0.7, 0.3, 0.0),
        online_from=date(2015, 1, 1),
        measures=(
            Measure(
                date(2015, 2, 1),
                "Interkulturelle Schulung",
                LANGUAGE_HELP,
                "intercultural_training",
            ),
        ),
    ),
    DemoSite(
        "C",
        "Chemnitz",
        FIRST_MONTH,
        0.9,
        {"de": 0.45, "ru": 0.15, "ar": 0.15, "uk": 0.05, "en": 0.1, "fa": 0.05, "pl": 0.05},
        base=-0.15,
        channels_before=(1.0, 0.0, 0.0),
        channels_after=(0.85, 0.15, 0.0),
        online_from=date(2015, 6, 1),
    ),
    DemoSite(
        "MD",
        "Magdeburg",
        FIRST_MONTH,
        0.9,
        {"de": 0.45, "ar": 0.15, "ru": 0.1, "en": 0.1, "fa": 0.08, "ti": 0.05, "pl": 0.07},
        base=-0.1,
        channels_before=(1.0, 0.0, 0.0),
        channels_after=(0.75, 0.25, 0.0),
        online_from=date(2015, 6, 1),
        measures=(
            Measure(date(2015, 5, 1), "Verweisberatung", REFERRAL_DESK, "referral_counselling"),
        ),
        referral_gap=0.28,
    ),
    DemoSite(
        "KI",
        "Kiel",
        FIRST_MONTH,
        0.9,
        {"de": 0.5, "en": 0.15, "ar": 0.1, "fa": 0.08, "ru": 0.07, "pl": 0.05, "tr": 0.05},
        base=0.1,
        channels_before=(0.9, 0.0, 0.1),
        channels_after=(0.7, 0.3, 0.0),
        online_from=date(2014, 10, 1),
    ),
    DemoSite(
        "WE",
        "Weimar",
        FIRST_MONTH,
        0.45,
        {"de": 0.5, "en": 0.2, "ar": 0.1, "ru": 0.1, "fr": 0.05, "es": 0.05},
        base=0.2,
        channels_before=(0.0, 0.0, 1.0),
        channels_after=(0.7, 0.3, 0.0),
        online_from=date(2014, 9, 1),
    ),
)

#: Comments in the applicants' own languages (already free of personal data).
COMMENTS: dict[str, tuple[str, ...]] = {
    "de": (
        "Die Wartezeit war viel zu lang.",
        "Sehr freundliche Mitarbeiterin, danke!",
        "Die Formulare sind schwer zu verstehen.",
        "Termin online zu bekommen ist unmöglich.",
        "Alles schnell erledigt, vielen Dank.",
        "Telefonisch erreicht man niemanden.",
    ),
    "en": (
        "The staff were very helpful.",
        "I waited three hours without information.",
        "Please offer forms in English.",
    ),
    "ar": ("شكراً على المساعدة واللطف.", "الانتظار كان طويلاً جداً.", "نحتاج إلى مترجم في المكتب."),
    "fa": ("کارمندان بسیار مهربان بودند.", "گرفتن وقت ملاقات خیلی سخت است."),
    "fa-AF": ("وقت انتظار زیاد بود.",),
    "ps": ("مننه د مرستې لپاره.",),
    "ti": ("ሰራሕተኛታት ኣዝዮም ሕያዋያን ነይሮም።", "ነዊሕ ግዜ ተጸቢና።"),
    "tr": ("Bekleme süresi çok uzundu.", "Çok ilgili bir görevli, teşekkürler."),
    "ru": ("Очень долго ждали.", "Спасибо за помощь!"),
    "uk": ("Дякую за допомогу.",),
    "pl": ("Bardzo miła obsługa.",),
    "ro": ("Mulțumesc pentru ajutor.",),
    "fr": ("Le personnel était aimable.",),
    "es": ("Muy buena atención.",),
}
