"""Modules imported on first use, so that importing the app does not pay for them.

NumPy, SciPy, Plotly and kaleido take most of a second to import. The web app's
factory and every ``flask`` command import the modules that use them (to register
views and commands), but only a request or a command that computes or draws needs
them. A module writes::

    if TYPE_CHECKING:
        import plotly.graph_objects as go
    else:
        go = deferred("plotly.graph_objects")

and uses ``go`` as before: the first attribute looked up imports the module.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any


class Deferred:
    """Stands for a module until one of its attributes is looked up."""

    __slots__ = ("_module", "_name")

    def __init__(self, name: str) -> None:
        self._name = name
        self._module: ModuleType | None = None

    def __getattr__(self, attr: str) -> Any:
        module = self._module
        if module is None:
            module = self._module = importlib.import_module(self._name)
        return getattr(module, attr)

    def __repr__(self) -> str:
        state = "imported" if self._module is not None else "not imported yet"
        return f"<deferred module {self._name!r} ({state})>"


def deferred(name: str) -> Any:
    """A stand-in for the module ``name`` that imports it on first attribute access."""
    return Deferred(name)


#: what a request that computes or draws imports: a web worker imports them once at
#: its start (deploy/gunicorn.conf.py), so that no user's first request waits for them
HEAVY = (
    "numpy",
    "scipy.special",
    "scipy.stats",
    "statsmodels.stats.proportion",
    "statsmodels.stats.weightstats",
    "statsmodels.stats.multitest",
    "plotly.graph_objects",
    "plotly.subplots",
)


def import_heavy() -> None:
    """Import the libraries of :data:`HEAVY` now (a web worker, before its first request)."""
    for name in HEAVY:
        importlib.import_module(name)
