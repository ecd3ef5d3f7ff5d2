"""The sources statements cite: title, publisher, date and URL, looked up once per graph.

>>> s = Source("https://w3id.org/actorgraph/id/source/x", "A report", "Outlet", "2017-03", None)
>>> s.short()
'A report (Outlet, 2017-03)'
>>> s.as_dict()["publisher"]
'Outlet'
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import Any

from actorgraph import resources


@dataclass(frozen=True)
class Source:
    """A cited document."""

    id: str
    title: str | None
    publisher: str | None
    date: str | None
    url: str | None

    def short(self) -> str:
        """``title (publisher, date)``, or the IRI's last segment when untitled."""
        name = self.title or self.id.rsplit("/", 1)[-1]
        details = ", ".join(str(x) for x in (self.publisher, self.date) if x)
        return f"{name} ({details})" if details else name

    def cite(self) -> str:
        """A compact citation: ``publisher date`` (or the title when there is no publisher).

        >>> Source("x", "A report", "Outlet", "2017-03", None).cite()
        'Outlet 2017-03'
        """
        name = self.publisher or self.title or self.id.rsplit("/", 1)[-1]
        return f"{name} {self.date}" if self.date else name

    def as_dict(self) -> dict[str, Any]:
        """The JSON form: ``id``, ``title``, ``publisher``, ``date``, ``url``."""
        return {"id": self.id, "title": self.title, "publisher": self.publisher, "date": self.date, "url": self.url}


_INDEXES: weakref.WeakKeyDictionary[Any, dict[str, Source]] = weakref.WeakKeyDictionary()
_LISTS: weakref.WeakKeyDictionary[Any, dict[frozenset, list[Source]]] = weakref.WeakKeyDictionary()


def source_index(graph: Any) -> dict[str, Source]:
    """Every source of the graph by IRI (one query, cached per graph object)."""
    try:
        return _INDEXES[graph]
    except (KeyError, TypeError):
        pass
    index: dict[str, Source] = {}
    for row in graph.select(resources.query_text("sources")):
        if row["source"] not in index:
            index[row["source"]] = Source(row["source"], row.get("title"), row.get("publisher"),
                                          row.get("date"), row.get("url"))
    try:
        _INDEXES[graph] = index
    except TypeError:
        pass
    return index


def sources_for(graph: Any, iris: Any) -> list[Source]:
    """The :class:`Source` of each IRI (in sorted order, unknown ones with only their IRI)."""
    key = frozenset(filter(None, iris))
    cache = _LISTS.get(graph)
    if cache is None:
        cache = {}
        try:
            _LISTS[graph] = cache
        except TypeError:
            pass
    found = cache.get(key)
    if found is None:
        index = source_index(graph)
        found = cache[key] = [index.get(i) or Source(i, None, None, None, None) for i in sorted(key)]
    return list(found)
