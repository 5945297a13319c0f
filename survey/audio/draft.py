"""Draft audio spoken by espeak-ng and encoded as Ogg Opus by opusenc (opus-tools).

Only for locales espeak-ng has a voice for; Tigrinya, Pashto, Sorani and Somali
have none, and a text without a translation is not spoken (see clips.text).
The commands get argument lists, never a shell string.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from survey.i18n import locales
from survey.questionnaires.definition import Definition

from . import clips, store

#: public locale code → espeak-ng voice. Leichte Sprache is German, read by the German voice.
VOICES: dict[str, str] = {
    "de": "de",
    "de-easy": "de",
    "en": "en-gb",
    "ar": "ar",
    "fa": "fa",
    "ku": "ku",
    "tr": "tr",
    "ru": "ru",
    "uk": "uk",
    "fr": "fr-fr",
    "es": "es",
    "ro": "ro",
    "pl": "pl",
}
#: Speech needs little: 16 kbit/s mono keeps a locale's kiosk set small.
BITRATE_KBPS = "16"
#: espeak-ng words per minute: a little slower than its default 175 for first-time listeners.
SPEED_WPM = "150"


class DraftFailed(RuntimeError):
    pass


@dataclass
class Generated:
    written: list[Path] = field(default_factory=list)
    #: (locale, clip): no voice, or no translation to speak
    skipped: list[tuple[str, str]] = field(default_factory=list)


def speak(text: str, voice: str, out: Path) -> None:
    """Write ``text`` spoken by ``voice`` to ``out`` (Ogg Opus), atomically."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        wav = Path(tmp) / "speech.wav"
        opus = Path(tmp) / "speech.opus"
        _run(["espeak-ng", "-v", voice, "-s", SPEED_WPM, "-w", str(wav), "--", text])
        _run(["opusenc", "--quiet", "--bitrate", BITRATE_KBPS, "--downmix-mono",
              str(wav), str(opus)])  # fmt: skip
        if not opus.stat().st_size:
            raise DraftFailed(f"no audio written for {out.name}")
        os.replace(opus, out)


def _run(command: list[str]) -> None:
    try:
        subprocess.run(command, check=True, capture_output=True, timeout=120)  # noqa: S603
    except FileNotFoundError:
        raise DraftFailed(
            f"{command[0]} is not installed (Debian packages espeak-ng and opus-tools)"
        ) from None
    except subprocess.CalledProcessError as exc:
        raise DraftFailed(f"{command[0]} failed: {exc.stderr.decode(errors='replace')}") from None


def generate(
    root: Path,
    definition: Definition,
    codes: Iterable[str] | None = None,
    *,
    only: Iterable[str] | None = None,
    overwrite: bool = False,
) -> Generated:
    """Draft audio for ``codes`` (default: every locale with a voice); ``only``: these clips."""
    result = Generated()
    wanted = set(only) if only is not None else None
    for code in codes or VOICES:
        voice = VOICES.get(code)
        info = locales.BY_CODE[code]
        for clip in clips.clips(definition):
            if wanted is not None and clip.name not in wanted:
                continue
            spoken = clips.text(clip, info)
            if voice is None or spoken is None:
                result.skipped.append((code, clip.name))
                continue
            out = store.file(root, definition.key, code, store.DRAFT, clip.name)
            if out.is_file() and not overwrite:
                continue
            speak(spoken, voice, out)
            result.written.append(out)
    return result
