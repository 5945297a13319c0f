"""Bounded background work: 20 requests by one user and by five users.

One queued or running job per user (reports and exports alike), a global cap of
``SURVEY_JOBS_WORKERS`` running and ``SURVEY_JOBS_QUEUE`` waiting, the place in
the queue on the status page, and a clear refusal (429) for the rest. Nothing
here waits on the clock: the consumer is driven by hand, or its workers block on
a gate the test opens, and every wait is for an event.
"""

from __future__ import annotations

import socket
import threading
import uuid
from pathlib import Path

import pytest
from huey.signals import SIGNAL_COMPLETE

from survey.reports import queue, worker
from tests.survey.staff import post_form, sign_in

FORM = {"start": "2016-05-01", "end": "2016-05-31", "lang": "de"}
EXPORT = {"start": "2016-05-01", "end": "2016-05-31", "fmt": "csv"}
BUSY = "schon einen Bericht oder Export in Arbeit"
WAIT = 120  # seconds: only a guard against a hang, never a measurement


def _finish(args, log, env, limit) -> int:
    Path(args[args.index("--out") + 1]).write_bytes(b"%PDF-1.7 stand-in")
    return 0


def _client(app, make_user, name, site):
    client = app.test_client()
    assert sign_in(client, make_user(name, "lead", [site])).status_code == 302
    return client


def _request(client, n: int):
    if n % 2:
        return post_form(client, "/exports/site/WI", EXPORT)
    return post_form(client, "/reports/site/WI", FORM)


def test_twenty_requests_by_one_user_queue_one_job_and_refuse_the_rest(
    make_app, make_site, make_user, monkeypatch
):
    monkeypatch.setattr(worker, "run_command", _finish)
    app = make_app(SURVEY_JOBS_CONSUMER="")  # the default: SQLite queue, external consumer
    client = _client(app, make_user, "anna", make_site("WI", "Wiesbaden"))
    answers = [_request(client, n) for n in range(20)]
    assert [r.status_code for r in answers] == [302] + [429] * 19
    assert all(BUSY in r.get_data(as_text=True) for r in answers[1:])
    huey = queue.of(app).huey
    assert huey.pending_count() == 1 and (Path(app.instance_path) / "jobs.sqlite3").is_file()
    status = answers[0].location
    assert "In der Warteschlange: Platz 1." in client.get(status).get_data(as_text=True)

    huey.execute(huey.dequeue())  # what `flask report worker` does with the job
    assert "PDF herunterladen" in client.get(status).get_data(as_text=True)
    download = client.get(status.replace("/job", "/download"))
    assert download.status_code == 200
    download.close()
    again = _request(client, 1)  # done: the next one is admitted
    assert again.status_code == 302
    assert "Platz 1." in client.get(again.location).get_data(as_text=True)
    english = client.get(f"{again.location}&lang=en").get_data(as_text=True)
    assert "In the queue: place 1." in english and "refreshes by itself" in english
    refused = post_form(client, "/reports/site/WI?lang=en", FORM).get_data(as_text=True)
    assert "You already have a report or export in progress." in refused


class Gate:
    """Workers that block until the test opens the gate; counts who runs at once."""

    def __init__(self) -> None:
        self.cond = threading.Condition()
        self.running = self.most = self.complete = 0
        self.open = False

    def run(self, args, log, env, limit) -> int:
        with self.cond:
            self.running += 1
            self.most = max(self.most, self.running)
            self.cond.notify_all()
            assert self.cond.wait_for(lambda: self.open, timeout=WAIT)
            self.running -= 1
        return _finish(args, log, env, limit)

    def completed(self, signal, task, *args) -> None:
        with self.cond:
            self.complete += task.name == queue.TASK
            self.cond.notify_all()

    def until(self, predicate) -> None:
        with self.cond:
            assert self.cond.wait_for(predicate, timeout=WAIT)


def test_twenty_requests_by_five_users_run_two_queue_two_and_refuse_the_rest(
    make_app, make_site, make_user, monkeypatch
):
    gate = Gate()
    monkeypatch.setattr(worker, "run_command", gate.run)
    app = make_app(SURVEY_JOBS_CONSUMER="thread", SURVEY_JOBS_WORKERS=2, SURVEY_JOBS_QUEUE=2)
    queue.of(app).huey.signal(SIGNAL_COMPLETE)(gate.completed)
    site = make_site("WI", "Wiesbaden")
    clients = [_client(app, make_user, f"lead{i}", site) for i in range(5)]
    codes: list[list[int]] = [[] for _ in clients]
    first = {}
    for n in range(4):
        for i, client in enumerate(clients):
            answer = _request(client, n)
            codes[i].append(answer.status_code)
            if answer.status_code == 302:
                first[i] = answer.location
            elif i == 4:
                assert "Zurzeit sind schon 4 Berichte und Exporte" in answer.get_data(as_text=True)
            else:
                assert BUSY in answer.get_data(as_text=True)
    assert codes == [[302, 429, 429, 429]] * 4 + [[429] * 4]
    gate.until(lambda: gate.running == 2)
    pages = [clients[i].get(first[i]).get_data(as_text=True) for i in range(4)]
    assert ["wird erstellt" in page for page in pages] == [True, True, False, False]
    assert "Platz 1." in pages[2] and "Platz 2." in pages[3]
    assert gate.most == 2

    with gate.cond:
        gate.open = True
        gate.cond.notify_all()
    gate.until(lambda: gate.complete == 4)
    assert gate.most == 2  # never more than the workers
    assert all("PDF herunterladen" in clients[i].get(first[i]).get_data(as_text=True)
               or "Export herunterladen" in clients[i].get(first[i]).get_data(as_text=True)
               for i in range(4))  # fmt: skip
    assert _request(clients[4], 0).status_code == 302  # room again


def redis_reachable() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=2) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@pytest.mark.skipif(not redis_reachable(), reason="no Redis on 127.0.0.1:6379")
def test_two_instances_on_redis_share_the_bounds(make_app, make_site, make_user, monkeypatch):
    monkeypatch.setattr(worker, "run_command", _finish)
    shared = {
        "SURVEY_JOBS_CONSUMER": "",
        "SURVEY_JOBS_URL": "redis://127.0.0.1:6379/0",
        "SURVEY_JOBS_NAME": f"test-{uuid.uuid4().hex}",
        "SURVEY_JOBS_WORKERS": 1,
        "SURVEY_JOBS_QUEUE": 1,
    }
    one, two = make_app(**shared), make_app(**shared)
    site = make_site("WI", "Wiesbaden")
    huey = queue.of(two).huey
    try:
        anna_one = _client(one, make_user, "anna", site)
        anna_two = two.test_client()
        anna_two.set_cookie("session", anna_one.get_cookie("session").value)
        assert _request(anna_one, 0).status_code == 302
        refused = _request(anna_two, 0)  # the same user on the other instance
        assert refused.status_code == 429 and BUSY in refused.get_data(as_text=True)
        assert _request(_client(two, make_user, "bert", site), 1).status_code == 302
        carl = _client(one, make_user, "carl", site)
        assert _request(carl, 0).status_code == 429  # one running, one waiting: full
        assert huey.pending_count() == 2
        huey.execute(huey.dequeue())  # instance two's consumer runs anna's job
        assert _request(carl, 0).status_code == 302
        full = _request(anna_two, 1)  # anna is free again, but bert and carl fill the queue
        assert full.status_code == 429 and "Zurzeit sind schon 2" in full.get_data(as_text=True)
    finally:
        huey.storage.flush_all()
