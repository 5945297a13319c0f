"""The example deployment: nginx and gunicorn announce no versions, log no addresses."""

from __future__ import annotations

import re
import socket

from survey import ROOT
from tests.survey.scale import harness

NGINX = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")


def test_nginx_hides_its_version_in_every_server():
    servers = NGINX.count("server {")
    assert servers == 2
    assert len(re.findall(r"^\s*server_tokens off;", NGINX, re.M)) == servers


def test_nginx_sends_one_hsts_header():
    headers = re.findall(r"add_header\s+Strict-Transport-Security\s+\"([^\"]+)\"", NGINX)
    assert headers == ["max-age=31536000; includeSubDomains"]
    # the app's own header (SURVEY_HTTPS=true) is dropped, not sent as a second one
    assert re.search(r"^\s*proxy_hide_header Strict-Transport-Security;", NGINX, re.M)


def _raw(port: int, data: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(data)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def test_gunicorn_sends_no_server_header_and_logs_no_address(database_url, tmp_path):
    server = harness.Gunicorn(database_url, tmp_path, workers=1)
    try:
        server.wait_ready()
        ok = _raw(server.port, b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        bad = _raw(server.port, b"GET /healthz HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n")
    finally:
        server.stop()
    head = ok.split(b"\r\n\r\n", 1)[0].lower()
    assert head.startswith(b"http/1.1 200")
    assert b"\r\nserver:" not in head
    assert bad.startswith(b"HTTP/1.1 400")
    assert b"\r\nserver:" not in bad.split(b"\r\n\r\n", 1)[0].lower()
    log = server.log_path.read_text(encoding="utf-8", errors="replace")
    assert "Invalid request from ip=-" in log
    assert "127.0.0.1" not in log.replace("127.0.0.1:" + str(server.port), "")
