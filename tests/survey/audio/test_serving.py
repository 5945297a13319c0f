"""Audio served by the app, and the online form's plain <audio> controls."""

from __future__ import annotations

import re

from survey.database import db

AUDIO = re.compile(
    r'<audio class="listen" controls preload="none" aria-labelledby="([^"]+)" src="([^"]+)">'
)


def test_a_draft_is_served_as_ogg(client, make_site, audio_dir):
    make_site("WI", "Wiesbaden")
    with client.get("/s/WI/audio/tr/overall-full.opus") as response:
        assert response.status_code == 200
        assert response.mimetype == "audio/ogg"
        assert response.get_data().startswith(b"OggS")


def test_what_cannot_be_played_is_404(client, make_site, audio_dir):
    make_site("WI", "Wiesbaden", locales=["de", "tr", "ti"])
    for path in (
        "/s/WI/audio/ti/overall-full.opus",  # no voice, no recording
        "/s/WI/audio/ar/overall-full.opus",  # the site does not offer Arabic
        "/s/WI/audio/tr/nothing.opus",
        "/s/WI/audio/tr/..%2F..%2Fsecret.opus",
        "/s/NOPE/audio/tr/overall.opus",
        "/s/WI/audio/xx/overall.opus",
    ):
        with client.get(path) as response:
            assert response.status_code == 404, path


def test_the_form_offers_audio_beside_each_question_that_has_it(client, make_site, audio_dir):
    make_site("WI", "Wiesbaden")
    html = client.get("/s/WI?lang=tr").get_data(as_text=True)
    found = AUDIO.findall(html)
    assert found == [
        ("title", "/s/WI/audio/tr/intro.opus"),
        ("l-overall", "/s/WI/audio/tr/overall-full.opus"),
        ("l-comment", "/s/WI/audio/tr/comment.opus"),
    ]
    assert 'id="l-overall"' in html and "autoplay" not in html
    assert AUDIO.findall(client.get("/s/WI?lang=ti").get_data(as_text=True)) == []


def test_an_office_switches_drafts_off(client, make_site, audio_dir):
    site = make_site("WI", "Wiesbaden")
    site.audio_drafts = False
    db.session.commit()
    assert AUDIO.findall(client.get("/s/WI?lang=tr").get_data(as_text=True)) == []
    with client.get("/s/WI/audio/tr/overall-full.opus") as response:
        assert response.status_code == 404


def test_the_translations_page_counts_audio_per_locale(app, make_user, audio_dir):
    from tests.survey.staff import sign_in

    client = app.test_client()
    sign_in(client, make_user("paula", "provider", totp=True))
    html = client.get("/admin/translations").get_data(as_text=True)
    assert '<td class="audio-draft">9</td>' in html
    assert html.count('<td class="audio-recorded">0</td>') == 18
