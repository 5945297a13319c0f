"""``effects(bind, …)``: the catalogue from a database (what the CLI and the pages call)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, Engine

from .. import source
from .catalogue import Catalogue, catalogue
from .design import TRANSITION, WINDOW
from .reading import measures, month_cells


def effects(
    bind: Connection | Engine,
    *,
    sites: Sequence[str] = (),
    types: Sequence[str] = (),
    window: int = WINDOW,
    transition: int = TRANSITION,
    adjust: bool = True,
    bootstrap: bool = True,
    questionnaire: str = "core@1",
) -> Catalogue:
    """Effects of the measures of ``sites`` (all when empty) of ``types`` (all when empty),
    with the pooled estimate of each type. Unknown sites are a :class:`SourceError`."""
    if window < 1 or window > 24:
        raise source.SourceError("the window takes 1 to 24 months")
    if transition < 0 or transition > 12:
        raise source.SourceError("the transition takes 0 to 12 months")
    with source.connected(bind) as conn:
        wanted = list(source.site_ids(conn, sites)) if sites else []
        taken = measures(conn)
        items = {i for m in taken for i in m.items}
        cells, codes = month_cells(conn, items, questionnaire)
    return catalogue(
        cells,
        taken,
        codes,
        only_sites=wanted,
        types=types,
        window=window,
        transition=transition,
        adjust=adjust,
        bootstrap=bootstrap,
    )
