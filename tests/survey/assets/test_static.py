"""Static files: the build's hashed, pre-compressed copies, served by WhiteNoise with
long cache lifetimes for hashed names; the source folder served as it is otherwise."""

from __future__ import annotations

import gzip

import brotli
import pytest
from flask import url_for

from survey.assets.__main__ import SOURCE
from survey.assets.__main__ import main as build_command
from survey.assets.build import HASHED, build, hashed_name


def _get(client, url: str, encoding: str = "identity"):
    """The response with its body read (and its file closed)."""
    with client.get(url, headers={"Accept-Encoding": encoding}) as response:
        response.body = response.get_data()
    return response


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("static-build")
    build(SOURCE, out)
    return out


def test_build_writes_hashed_compressed_copies_and_a_manifest(built):
    from survey.assets.build import read_manifest

    manifest = read_manifest(built)
    js = manifest["dashboard/dashboard.js"]
    assert HASHED.search(js) and js == hashed_name(
        "dashboard/dashboard.js", (SOURCE / "dashboard/dashboard.js").read_bytes()
    )
    for name in ("dashboard/dashboard.js", js, "css/staff.css", "kiosk/kiosk.js"):
        assert (built / name).read_bytes() == (
            SOURCE / name.replace(js, "dashboard/dashboard.js")
        ).read_bytes()
        assert brotli.decompress((built / f"{name}.br").read_bytes()) == (built / name).read_bytes()
        assert (built / f"{name}.gz").is_file()
    # the kiosk's service worker lists its files by fixed name: never hashed
    assert not any(name.startswith("kiosk/") for name in manifest)
    # WOFF2 is compressed already
    assert not list(built.glob("fonts/*.woff2.*"))


def test_hashed_names_are_compressed_and_cached_for_good(make_app, built):
    app = make_app(SURVEY_STATIC_BUILD=str(built))
    client = app.test_client()
    with app.test_request_context():
        url = url_for("static", filename="dashboard/vendor/plotly-cartesian.min.js")
        kiosk = url_for("static", filename="kiosk/kiosk.js", v="7")
    assert HASHED.search(url) and kiosk == "/static/kiosk/kiosk.js?v=7"
    plain = _get(client, url).body
    for encoding, decode in (("br", brotli.decompress), ("gzip", gzip.decompress)):
        response = _get(client, url, encoding)
        assert response.headers["Content-Encoding"] == encoding
        assert decode(response.body) == plain
        assert len(response.body) < len(plain) / 3
        assert "immutable" in response.headers["Cache-Control"]
        assert "max-age=315360000" in response.headers["Cache-Control"]
        assert response.headers["Vary"] == "Accept-Encoding"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.mimetype == "text/javascript"
    unhashed = _get(client, "/static/dashboard/dashboard.js", "br")
    assert unhashed.headers["Content-Encoding"] == "br"
    assert unhashed.headers["Cache-Control"] == "max-age=300, public"


def test_without_a_build_the_source_folder_is_served_and_revalidated(client):
    response = _get(client, "/static/dashboard/dashboard.js", "br")
    assert response.status_code == 200 and "Content-Encoding" not in response.headers
    assert response.body == (SOURCE / "dashboard/dashboard.js").read_bytes()
    assert response.headers["Cache-Control"] == "max-age=0, public"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert _get(client, "/static/../wsgi.py").status_code == 404
    assert _get(client, "/static/missing.js").status_code == 404


def test_a_configured_build_without_manifest_is_a_clear_error(make_app, tmp_path):
    with pytest.raises(FileNotFoundError, match=r"python -m survey\.assets build"):
        make_app(SURVEY_STATIC_BUILD=str(tmp_path / "never-built"))


def test_build_command(tmp_path, capsys, monkeypatch):
    source = tmp_path / "static"
    (source / "css").mkdir(parents=True)
    (source / "css" / "a.css").write_text("body { color: black; }\n" * 50)
    monkeypatch.setattr("survey.assets.__main__.SOURCE", source)
    assert build_command(["build", str(tmp_path / "out")]) == 0
    assert list((tmp_path / "out" / "css").iterdir())  # a.css, a.<hash>.css, each .br and .gz
    assert len(list((tmp_path / "out" / "css").iterdir())) == 6
    assert "SURVEY_STATIC_BUILD=" in capsys.readouterr().out
