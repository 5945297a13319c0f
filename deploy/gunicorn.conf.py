"""gunicorn settings for one instance (see docs/deploy.md).

gunicorn -c deploy/gunicorn.conf.py wsgi:app
"""

import logging
import multiprocessing
import os
import re

from gunicorn.glogging import Logger
from gunicorn.http import wsgi

bind = os.environ.get("SURVEY_BIND", "127.0.0.1:8000")
# Sync workers: a request is short (one response, one page); one worker per core
# keeps the database pool small and predictable.
workers = int(os.environ.get("SURVEY_WORKERS", multiprocessing.cpu_count()))
worker_class = "sync"
timeout = 30
graceful_timeout = 20
# Recycle workers now and then, so a slow leak cannot grow without bound. Not
# often: a new worker imports the app again (about a second of CPU); at 5,000
# requests that showed as a p99 of hundreds of ms in the submission benchmark.
max_requests = 100_000
max_requests_jitter = 10_000
# No access log here: the reverse proxy keeps the only (IP-free) request log.
accesslog = None
errorlog = "-"
loglevel = "info"
forwarded_allow_ips = os.environ.get("SURVEY_FORWARDED_ALLOW_IPS", "127.0.0.1")

# Rate-limit counters must be shared by the workers, or each worker allows the
# whole limit (2 workers: twice the sign-in attempts). By default they live in
# the app's database; SURVEY_RATELIMIT_STORAGE_URI=redis://… for Redis.
ratelimit_storage = os.environ.get("SURVEY_RATELIMIT_STORAGE_URI", "survey-database://")
raw_env = [f"SURVEY_RATELIMIT_STORAGE_URI={ratelimit_storage}"]
#: Storages that count inside one process only.
PER_PROCESS_STORAGES = ("survey-memory://", "memory://")


def on_starting(server):
    """Refuse several workers that would each keep their own rate-limit counters."""
    storage = server.cfg.env.get("SURVEY_RATELIMIT_STORAGE_URI", ratelimit_storage)
    if server.cfg.workers > 1 and storage.startswith(PER_PROCESS_STORAGES):
        raise SystemExit(
            f"{server.cfg.workers} workers with per-process rate-limit counters ({storage}) "
            "would multiply every limit: use SURVEY_RATELIMIT_STORAGE_URI=survey-database:// "
            "(the default) or redis://…, or SURVEY_WORKERS=1"
        )


def post_worker_init(worker):
    """The app's factory leaves NumPy, SciPy, statsmodels and Plotly unimported (the CLI
    does not need them); a web worker imports them here, once, before its first request,
    instead of the first dashboard paying about a second for them."""
    from analysis.deferred import import_heavy

    import_heavy()


# The app promises to log no IP address: gunicorn's own warnings about
# malformed requests ("Invalid request from ip=…") lose the address.
_ADDRESS = re.compile(r"ip=\S+")


class _NoAddress(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "ip=" in message:
            record.msg, record.args = _ADDRESS.sub("ip=-", message), ()
        return True


class NoAddressLogger(Logger):
    def setup(self, cfg):
        super().setup(cfg)
        self.error_log.addFilter(_NoAddress())


logger_class = NoAddressLogger


# No "Server: gunicorn" header (gunicorn has no setting for it): the workers are
# forked from the master that read this file, so they send responses without it.
_default_headers = wsgi.Response.default_headers


def _headers_without_server(self):
    return [line for line in _default_headers(self) if not line.startswith("Server:")]


wsgi.Response.default_headers = _headers_without_server
