"""Every clip of every locale is recorded, a draft or explicitly missing; files decode."""

from __future__ import annotations

import pytest

from survey.audio import clips, draft, recorded, store
from survey.form.operations import current_definition
from survey.i18n import locales

from .conftest import CLIPS, LOCALES, decoded_seconds

NO_VOICE = {"ti", "ps", "ckb", "so", "fa-AF"}


def test_every_clip_of_every_locale_has_a_state_and_its_files_decode(app, audio_dir, tmp_path):
    definition = current_definition()
    names = clips.names(definition)
    assert {"intro", "overall", "overall-5", "overall-full", "improve-8", "comment"} <= names
    for info in locales.LOCALES:
        found = store.states(audio_dir, definition, info.code)
        assert set(found) == names, info.code
        assert set(found.values()) <= {store.RECORDED, store.DRAFT, store.MISSING}
        if info.code in NO_VOICE:
            assert store.DRAFT not in found.values(), info.code
        for name, state in found.items():
            if state == store.MISSING:
                continue
            path = store.file(audio_dir, definition.key, info.code, state, name)
            assert recorded.is_ogg_opus(path)
            assert decoded_seconds(path, tmp_path) > 0.3, (info.code, name)
    assert store.summary(audio_dir, definition, "tr").draft == len(CLIPS)


def test_locales_without_a_voice_are_skipped_not_faked(app, tmp_path):
    definition = current_definition()
    done = draft.generate(tmp_path, definition, ["ti", "so"], only=["overall"])
    assert done.written == [] and sorted(done.skipped) == [("so", "overall"), ("ti", "overall")]
    assert set(draft.VOICES) >= {"de", "en", "ar", "fa", "ku", "tr", "ru", "uk", "fr", "es",
                                 "ro", "pl"}  # fmt: skip
    assert not NO_VOICE & set(draft.VOICES)


def test_the_full_clip_reads_the_question_then_each_option(app):
    definition = current_definition()
    full = next(c for c in clips.clips(definition) if c.name == "overall-full")
    spoken = clips.text(full, locales.get("tr"))
    assert spoken is not None and len(spoken.splitlines()) == 6


@pytest.mark.parametrize("code", LOCALES)
def test_a_locales_kiosk_set_stays_small(app, audio_dir, code):
    definition = current_definition()
    sizes = [
        store.file(audio_dir, definition.key, code, store.DRAFT, name).stat().st_size
        for name in CLIPS
    ]
    # 9 of the 89 clips; the whole set measured 0.46 MB for Turkish (budget 1.5 MB)
    assert sum(sizes) < 1.5 * 1024 * 1024 * len(CLIPS) / 89
