"""The codebook of an export: every column, its German wording and its value labels.

Built from the questionnaire definition, so that it always matches the data.
Written beside a CSV export (``FILE.codebook.csv``), as a sheet of an XLSX
export, and as the variable and value labels of an SPSS file.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from survey.questionnaires.definition import NA_TOKEN, Definition, ItemDef
from survey.security.spreadsheet import neutralise

from . import anonymise, csvio
from .models import CHANNELS, NOT_APPLICABLE

NA_LABEL = "nicht zutreffend"
COLUMNS = ("questionnaire", "column", "kind", "label", "values", "note")

_META = {
    "response_id": ("id", "Kennung der Antwort (UUID)", "", "unique; empty on import = new UUID"),
    "site": ("site", "Standort (Kürzel)", "", "site code as in /s/<site>"),
    "date": ("date", "Datum des Besuchs", "", "YYYY-MM-DD"),
    "channel": ("channel", "Kanal", " | ".join(CHANNELS), ""),
    "locale": (
        "locale",
        "Sprache des Fragebogens",
        " | ".join(csvio.LOCALES),
        "docs/methodology.md §5",
    ),
    "questionnaire": ("questionnaire", "Fragebogen und Version", "", "code@version"),
}
PRESENTATION_LABEL = "Darstellung der 1–5-Skala"
PRESENTATION_VALUES = (
    "words=Zahlen und Wörter | faces=Gesichter neben Zahlen und Wörtern | "
    "kiosk-faces-no-numbers=Kiosk vor 0021: Gesichter und Wörter ohne Zahlen"
)
PRESENTATION_NOTE = (
    "how the 1-5 scale was shown when the answers were given; empty = not known (paper, "
    "CSV import); a change is a break in the series (docs/methodology.md)"
)
#: the month-level staff file: no response_id, the month instead of the date
_MONTH_META = {
    "site": _META["site"],
    "month": ("month", "Monat des Besuchs", "", "YYYY-MM; no day (docs/access-control.md)"),
    "channel": _META["channel"],
    "locale": (
        "locale",
        "Sprache des Fragebogens",
        " | ".join((*csvio.LOCALES, anonymise.OTHER)),
        f"METHODOLOGY §5; {anonymise.OTHER} = a language pooled for anonymity",
    ),
    "questionnaire": _META["questionnaire"],
}


@dataclass(frozen=True)
class Entry:
    questionnaire: str
    column: str
    kind: str
    label: str
    values: str
    note: str

    def cells(self) -> list[str]:
        return [self.questionnaire, self.column, self.kind, self.label, self.values, self.note]


def value_labels(item: ItemDef) -> dict[int, str]:
    """Stored value → German label (0 is "not applicable" where the item allows it)."""
    labels = dict(zip(item.values, item.options, strict=True))
    if item.allow_na:
        labels[NOT_APPLICABLE] = NA_LABEL
    return labels


def _note(item: ItemDef) -> str:
    if item.kind == "text":
        return (
            f"free text, at most {item.max_length or 2000} characters, names, phone and file "
            "numbers scrubbed as […]; in CSV and XLSX a text that would begin with "
            "= + - @ has one ' in front (not part of the text)"
        )
    notes = ["empty = no answer"]
    if item.allow_na:
        notes.append(f"{NA_TOKEN} = not applicable (stored {NOT_APPLICABLE})")
    if item.kind == "multi":
        notes.append(f"several values joined by '{csvio.MULTI_SEPARATOR}', e.g. 1;5")
    return "; ".join(notes)


def entries(
    definitions: list[Definition], recoding: anonymise.Recoding | None = None
) -> Iterator[Entry]:
    """One entry per column, for each questionnaire version exported.

    With ``recoding`` (a month-level staff file) the columns are those of
    :mod:`.monthly`, and the entries end with what the anonymisation did.
    """
    meta = _MONTH_META if recoding is not None else _META
    for definition in definitions:
        for column, (kind, label, values, note) in meta.items():
            yield Entry(definition.key, column, kind, label, values, note)
        for item in definition.items:
            labels = value_labels(item) if item.kind != "text" else {}
            values = " | ".join(
                f"{NA_TOKEN if v == NOT_APPLICABLE else v}={text}"
                for v, text in sorted(labels.items(), key=lambda pair: (pair[0] == 0, pair[0]))
            )
            note = _note(item)
            if recoding is not None and item.code == "topic":
                values += f" | {anonymise.OTHER}=zusammengefasst (Anonymisierung)"
                note += f"; {anonymise.OTHER} = a topic pooled for anonymity"
            yield Entry(definition.key, item.code, item.kind, item.text, values, note)
        if recoding is None:  # the day-level file's trailing column
            yield Entry(definition.key, csvio.PRESENTATION_COLUMN, "presentation",
                        PRESENTATION_LABEL, PRESENTATION_VALUES, PRESENTATION_NOTE)  # fmt: skip
    if recoding is not None:
        yield from anonymisation(recoding)


def anonymisation(recoding: anonymise.Recoding) -> Iterator[Entry]:
    """The codebook's account of the anonymisation of a month-level file."""
    k = recoding.k
    qi = " × ".join(anonymise.QUASI_IDENTIFIERS)
    yield Entry("", "*", "anonymisation", f"k-Anonymität, k = {k}", f"k={k}",
                f"every combination of {qi} in this file holds at least {k} responses; "
                "no day, no response_id, no time of day")  # fmt: skip
    yield Entry("", "locale", "anonymisation", "Sprache zusammengefasst",
                str(recoding.locale_recoded),
                f"responses whose locale reads {anonymise.OTHER}: their combination "
                f"had fewer than {k} responses")  # fmt: skip
    yield Entry("", "topic", "anonymisation", "Anliegen zusammengefasst",
                str(recoding.topic_recoded),
                f"responses whose topic reads {anonymise.OTHER}: still fewer than {k} "
                "with the locale pooled")  # fmt: skip
    yield Entry("", "*", "anonymisation", "Weggelassene Antworten", str(recoding.left_out),
                f"of {recoding.selected} selected responses left out: their combination stayed "
                f"below {k} with locale and topic pooled")  # fmt: skip


def write_csv(
    definitions: list[Definition], path: Path, recoding: anonymise.Recoding | None = None
) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(COLUMNS)
        for entry in entries(definitions, recoding):
            writer.writerow([neutralise(cell) for cell in entry.cells()])


def codebook_path(path: Path) -> Path:
    """``responses.csv`` → ``responses.codebook.csv``."""
    return path.with_name(f"{path.stem}.codebook.csv")
