"""The SPSS ``.sav`` export (pyreadstat), with variable labels and value labels.

Variables: the CSV's columns, with these differences for SPSS and R users:

- ``date`` is an SPSS date;
- single-choice and scale items are numeric, system-missing when unanswered;
  "not applicable" is 0, labelled and declared user-missing, so SPSS leaves it
  out of means and percentages;
- the multiple-choice ``improve`` becomes one 0/1 variable per option
  (``improve_1`` … ``improve_8``), system-missing when the item was unanswered.

A month-level staff file (:mod:`.monthly`) has no ``response_id`` and no
``date`` but a text ``month`` (``YYYY-MM``); a topic pooled for anonymity is
:data:`TOPIC_OTHER`, labelled as such.

pyreadstat writes a file from a complete data frame, so the columns are
collected first: numbers in compact arrays (8 bytes a cell), texts as strings,
repeated values shared. That is about 0.7 KB per response at the peak (measured:
174 MiB for 100,000 responses, of which about 105 MiB are the loaded libraries);
CSV and XLSX exports stream instead and stay near 60–80 MiB.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyreadstat

from survey.questionnaires.definition import Definition

from . import anonymise, codebook, monthly, presentation
from .models import NOT_APPLICABLE

TEXT_COLUMNS = ("response_id", "site", "channel", "locale", "questionnaire")
MONTH_TEXT_COLUMNS = ("site", "month", "channel", "locale", "questionnaire")
#: the SPSS value of a topic pooled for anonymity (answers stay below 100)
TOPIC_OTHER = 99.0
MEASURE = {"scale": "ordinal", "choice": "nominal", "multi": "nominal"}
NAN = float("nan")


def _layout(definition: Definition) -> list[tuple[str, str, int | None]]:
    """``(variable, item code, option)`` for each numeric variable."""
    out: list[tuple[str, str, int | None]] = []
    for item in definition.items:
        if item.kind == "multi":
            out += [(f"{item.code}_{v}", item.code, v) for v in item.values]
        elif item.kind != "text":
            out.append((item.code, item.code, None))
    return out


def write_sav(
    stream: Iterator[Any], definitions: list[Definition], path: Path, *, month: bool = False
) -> int:
    if month:
        return _write_month_sav(stream, definitions, path)
    definition = next(d for d in definitions if d.key == "core@1")
    layout = _layout(definition)
    texts: dict[str, list[str]] = {name: [] for name in TEXT_COLUMNS}
    days: list[date] = []
    numbers = {name: array("d") for name, _, _ in layout}
    comments: list[str] = []
    shown = array("d")
    # sites, channels, locales and days repeat: keep one object of each
    words: dict[str, str] = {}
    dates: dict[date, date] = {}
    for row in stream:
        texts["response_id"].append(str(row.response_id))
        texts["site"].append(words.setdefault(row.site, row.site))
        texts["channel"].append(words.setdefault(row.channel, row.channel))
        texts["locale"].append(words.setdefault(row.locale, row.locale))
        texts["questionnaire"].append(words.setdefault(row.questionnaire, row.questionnaire))
        days.append(dates.setdefault(row.day, row.day))
        for name, code, option in layout:
            values = row.answers.get(code, ())
            if not values:
                numbers[name].append(NAN)
            elif option is None:
                numbers[name].append(float(values[0]))
            else:
                numbers[name].append(1.0 if option in values else 0.0)
        comments.append(row.comment or "")
        shown.append(NAN if row.presentation is None else float(row.presentation))
    frame = pd.DataFrame(
        {
            "response_id": texts["response_id"],
            "site": texts["site"],
            "date": pd.Series(days, dtype="object"),
            "channel": texts["channel"],
            "locale": texts["locale"],
            "questionnaire": texts["questionnaire"],
            **{name: np.frombuffer(numbers[name], dtype=np.float64) for name, _, _ in layout},
            "comment": comments,
            "presentation": np.frombuffer(shown, dtype=np.float64),
        }
    )
    labels, value_labels, missing, measure = _metadata(definition, layout)
    labels["presentation"] = codebook.PRESENTATION_LABEL
    value_labels["presentation"] = {
        float(v): presentation.name_of(v) for v in sorted(presentation.KNOWN)
    }
    measure["presentation"] = "nominal"
    pyreadstat.write_sav(
        frame,
        str(path),
        file_label=f"{definition.title} ({definition.key})",
        column_labels=labels,
        variable_value_labels=value_labels,
        missing_ranges=missing,
        variable_measure=measure,
    )
    return len(comments)


def _metadata(
    definition: Definition, layout: list[tuple[str, str, int | None]]
) -> tuple[dict[str, str], dict[str, dict[float, str]], dict[str, list[float]], dict[str, str]]:
    labels = {
        column: entry.label
        for entry in codebook.entries([definition])
        for column in [entry.column]
        if column in TEXT_COLUMNS or column in ("date", "comment")
    }
    value_labels: dict[str, dict[float, str]] = {}
    missing: dict[str, list[float]] = {}
    measure = dict.fromkeys((*TEXT_COLUMNS, "date", "comment"), "nominal")
    for name, code, option in layout:
        item = definition.item(code)
        measure[name] = MEASURE[item.kind]
        if option is None:
            labels[name] = item.text
            value_labels[name] = {float(v): t for v, t in codebook.value_labels(item).items()}
            if item.allow_na:
                missing[name] = [float(NOT_APPLICABLE)]
        else:
            labels[name] = f"{item.text}: {item.options[option - 1]}"
            value_labels[name] = {0.0: "nicht genannt", 1.0: "genannt"}
    return labels, value_labels, missing, measure


def _write_month_sav(
    stream: Iterator[monthly.MonthRow], definitions: list[Definition], path: Path
) -> int:
    definition = next(d for d in definitions if d.key == "core@1")
    layout = _layout(definition)
    texts: dict[str, list[str]] = {name: [] for name in MONTH_TEXT_COLUMNS}
    numbers = {name: array("d") for name, _, _ in layout}
    comments: list[str] = []
    for row in stream:
        for name in MONTH_TEXT_COLUMNS:
            texts[name].append(getattr(row, name))
        for name, code, option in layout:
            if code == monthly.TOPIC:
                topic = row.topic
                numbers[name].append(
                    NAN if not topic else TOPIC_OTHER if not topic.isdigit() else float(topic)
                )
                continue
            values = row.answers.get(code, ())
            if not values:
                numbers[name].append(NAN)
            elif option is None:
                numbers[name].append(float(values[0]))
            else:
                numbers[name].append(1.0 if option in values else 0.0)
        comments.append(row.comment or "")
    frame = pd.DataFrame(
        {
            **texts,
            **{name: np.frombuffer(numbers[name], dtype=np.float64) for name, _, _ in layout},
            "comment": comments,
        }
    )
    labels, value_labels, missing, measure = _metadata(definition, layout)
    labels.pop("response_id", None)
    labels.pop("date", None)
    labels["month"] = "Monat des Besuchs (JJJJ-MM)"
    for name in ("response_id", "date"):
        measure.pop(name, None)
    measure["month"] = "nominal"
    value_labels["topic"] = {
        **value_labels["topic"],
        TOPIC_OTHER: f"{anonymise.OTHER}: zusammengefasst (Anonymisierung)",
    }
    pyreadstat.write_sav(
        frame,
        str(path),
        file_label=f"{definition.title} ({definition.key}), Monatsdatei",
        column_labels=labels,
        variable_value_labels=value_labels,
        missing_ranges=missing,
        variable_measure=measure,
    )
    return len(comments)
