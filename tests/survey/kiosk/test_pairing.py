from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from survey.database import db
from survey.database.types import utcnow
from survey.kiosk import operations
from survey.kiosk.models import KioskDevice, PairingCode
from survey.kiosk.pairing import ALPHABET, PairingError, create_code, digest, redeem

from .conftest import bearer


def test_code_is_short_typable_and_stored_hashed(kiosk_site):
    issued = create_code(db.session, kiosk_site, utcnow(), "Schalter 3")
    assert len(issued.code) == 8
    assert set(issued.code) <= set(ALPHABET)
    assert issued.display == f"{issued.code[:4]}-{issued.code[4:]}"
    stored = db.session.scalar(select(PairingCode))
    assert stored.code_hash == digest(issued.code)
    assert issued.code not in stored.code_hash


def test_code_pairs_once_with_its_label_and_token_is_stored_hashed(kiosk_site):
    issued = create_code(db.session, kiosk_site, utcnow(), "Schalter 3")
    paired = redeem(db.session, issued.display.lower(), utcnow())  # dash and case forgiven
    device = db.session.get(KioskDevice, paired.device_id)
    assert (device.site_id, device.label) == (kiosk_site.id, "Schalter 3")
    assert device.token_hash == digest(paired.token)
    assert len(paired.token) >= 40
    with pytest.raises(PairingError):
        redeem(db.session, issued.code, utcnow())


def test_expired_and_unknown_codes_are_refused(kiosk_site):
    issued = create_code(db.session, kiosk_site, utcnow() - timedelta(hours=25))
    with pytest.raises(PairingError):
        redeem(db.session, issued.code, utcnow())
    with pytest.raises(PairingError):
        redeem(db.session, "ABCD-EFGH", utcnow())
    with pytest.raises(PairingError):
        redeem(db.session, "", utcnow())


def test_pair_api_gives_a_token_once(client, kiosk_site):
    issued = create_code(db.session, kiosk_site, utcnow(), "Eingang")
    db.session.commit()
    response = client.post("/kiosk/api/pair", json={"code": issued.display})
    assert response.status_code == 201
    body = response.get_json()
    assert (body["site"], body["label"]) == ("WI", "Eingang")
    assert client.get("/kiosk/api/bundle", headers=bearer(body["token"])).status_code == 200
    again = client.post("/kiosk/api/pair", json={"code": issued.code})
    assert (again.status_code, again.get_json()) == (400, {"error": "invalid_code"})
    assert client.post("/kiosk/api/pair", json={"code": 12345678}).status_code == 400


def test_guessing_pairing_codes_is_limited_per_address(client, kiosk_site):
    guesses = [client.post("/kiosk/api/pair", json={"code": f"2345678{n}"}) for n in range(2, 10)]
    guesses += [client.post("/kiosk/api/pair", json={"code": "ABCDEFGH"}) for _ in range(2)]
    assert [g.status_code for g in guesses] == [400] * 10
    issued = create_code(db.session, kiosk_site, utcnow(), "Eingang")
    db.session.commit()
    refused = client.post("/kiosk/api/pair", json={"code": issued.display})
    assert (refused.status_code, refused.get_json()) == (429, {"error": "too_many_attempts"})
    other = client.post(
        "/kiosk/api/pair", json={"code": issued.display}, environ_base={"REMOTE_ADDR": "10.0.0.2"}
    )
    assert other.status_code == 201  # another address: not affected, and the code still works


def test_cli_prints_a_code_that_pairs(runner, client, kiosk_site):
    result = runner.invoke(args=["kiosk", "pair-code", "wi", "--label", "Schalter 2"])
    assert result.exit_code == 0, result.output
    code = result.stdout.strip().splitlines()[0]
    assert len(code) == 9 and code[4] == "-"
    response = client.post("/kiosk/api/pair", json={"code": code})
    assert response.get_json()["label"] == "Schalter 2"
    missing = runner.invoke(args=["kiosk", "pair-code", "XX"])
    assert missing.exit_code == 1
    assert "no site XX" in missing.output


def test_rename_revoke_and_list(runner, kiosk_site, pair):
    pair(kiosk_site, "alt")
    device = db.session.scalar(select(KioskDevice))
    operations.rename(db.session, device.id, "  Schalter 7  ")
    db.session.commit()
    [status] = operations.list_devices(db.session, [kiosk_site.id], utcnow())
    assert (status.label, status.revoked, status.silent, status.flagged) == (
        "Schalter 7",
        False,
        True,
        0,
    )
    result = runner.invoke(args=["kiosk", "revoke", str(device.id)])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    [status] = operations.list_devices(db.session, None, utcnow())
    assert status.revoked and not status.silent
    listing = runner.invoke(args=["kiosk", "devices", "--site", "WI"])
    assert "Schalter 7\trevoked" in listing.output
    # a mistyped code is named, not silently read as "no devices"
    unknown = runner.invoke(args=["kiosk", "devices", "--site", "WI", "--site", "XX"])
    assert unknown.exit_code != 0
    assert "no site XX (unknown site code)" in unknown.output
    with pytest.raises(operations.NotPaired):
        operations.revoke(db.session, device.id + 100, utcnow())


def test_kiosk_devices_and_rename_always_say_what_happened(runner, make_site, pair):
    site = make_site("WI", "Wiesbaden")
    empty = runner.invoke(args=["kiosk", "devices"])
    assert empty.exit_code == 0 and "No kiosk devices." in empty.output
    pair(site, "Schalter 1")
    device = db.session.scalars(select(KioskDevice)).one()
    renamed = runner.invoke(args=["kiosk", "rename", str(device.id), "Schalter 2"])
    assert renamed.exit_code == 0
    assert renamed.output.strip() == f"Device {device.id} renamed to 'Schalter 2'."
    listing = runner.invoke(args=["kiosk", "devices", "--site", "WI"])
    assert "\tWI\tSchalter 2\t" in listing.output and "No kiosk" not in listing.output
