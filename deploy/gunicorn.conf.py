"""gunicorn settings for one instance (see docs/deploy.md).

gunicorn -c deploy/gunicorn.conf.py wsgi:app
"""

import multiprocessing
import os

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


def post_worker_init(worker):
    """The app's factory leaves NumPy, SciPy, statsmodels and Plotly unimported (the CLI
    does not need them); a web worker imports them here, once, before its first request,
    instead of the first dashboard paying about a second for them."""
    from analysis.deferred import import_heavy

    import_heavy()
