"""Rebuild only the generated pages an edit can change (used under `make serve`; a full build never reuses anything).

A generated page reads the catalog through an `ObservedCatalog`, which notes every question the page asked (an
entry by id, a list of linked entries, a whole table) and a digest of each answer. On the next build, a page is
reused when every question it asked gets an answer with the same digest from the new catalog, and the templates and
settings are unchanged; otherwise it is rendered again. A question whose answer cannot be digested, or whose
arguments cannot be compared, makes its page always render: the cache can only be too cautious, never stale.
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass, field

_NEVER = object()  # a digest equal to nothing: the answer could not be digested
_MISSING = ("no such entry",)  # the answer to a lookup of an id the table does not have
# The catalog's tables of entries by id: a page that looks one entry up depends on that entry only.
TABLES = ("organizations", "families", "models", "papers", "concepts", "resources", "benchmarks")


def digest(value):
    try:
        return hashlib.blake2b(pickle.dumps(value, protocol=5), digest_size=16).digest()
    except Exception:  # an answer that cannot be pickled is never taken as unchanged
        return _NEVER


class ObservedCatalog:
    """The catalog, as a page sees it: same attributes and methods, each answer noted while a page is observed."""

    def __init__(self, catalog):
        self._catalog = catalog
        self._digests: dict = {}  # question -> digest of its answer in this catalog
        self._log: list | None = None  # the questions of the page being rendered, or None between pages

    # --- what the pages call -----------------------------------------------------------------------------------
    def __getattr__(self, name):
        value = getattr(self._catalog, name)
        if callable(value):
            def call(*args, **kwargs):
                result = value(*args, **kwargs)
                self._note(("call", name, args, tuple(sorted(kwargs.items()))), result)
                return result
            return call
        if name in TABLES:
            return ObservedTable(self, name, value)
        self._note(("attr", name), value)
        return value

    # --- bookkeeping ---------------------------------------------------------------------------------------------
    def _note(self, question: tuple, answer) -> None:
        if self._log is None:
            return
        try:
            known = question in self._digests
        except TypeError:  # unhashable arguments: the question cannot be asked again
            self._log.append(None)
            return
        if not known:
            self._digests[question] = digest(answer)
        self._log.append(question)

    def answer_digest(self, question: tuple):
        """The digest of a question's answer in this catalog (computed once per catalog)."""
        if question not in self._digests:
            kind, name, *rest = question
            try:
                if kind == "call":
                    args, kwargs = rest
                    answer = getattr(self._catalog, name)(*args, **dict(kwargs))
                elif kind == "attr":
                    answer = getattr(self._catalog, name)
                elif kind == "item":
                    answer = getattr(self._catalog, name).get(rest[0], _MISSING)
                elif kind == "has":
                    answer = rest[0] in getattr(self._catalog, name)
                else:  # "all"
                    answer = getattr(self._catalog, name)
            except Exception:
                self._digests[question] = _NEVER
            else:
                self._digests[question] = digest(answer)
        return self._digests[question]

    def observe(self) -> "_Observation":
        return _Observation(self)


class _Observation:
    def __init__(self, catalog: ObservedCatalog):
        self.catalog = catalog
        self.questions: list = []

    def __enter__(self):
        self.catalog._log = self.questions
        return self

    def __exit__(self, *exc):
        self.catalog._log = None
        return False

    def answers(self) -> tuple | None:
        """(question, digest) for every distinct question; None when one of them cannot be asked again."""
        if None in self.questions:
            return None
        unique = dict.fromkeys(self.questions)
        return tuple((q, self.catalog._digests[q]) for q in unique)


class ObservedTable:
    """A table of entries (models, papers, …): a lookup by id notes that entry; iterating notes the whole table."""

    def __init__(self, owner: ObservedCatalog, name: str, table: dict):
        self._owner, self._name, self._table = owner, name, table

    def __getitem__(self, key):
        value = self._table.get(key, _MISSING)
        self._owner._note(("item", self._name, key), value)
        if value is _MISSING:
            raise KeyError(key)
        return value

    def get(self, key, default=None):
        value = self._table.get(key, _MISSING)
        self._owner._note(("item", self._name, key), value)
        return default if value is _MISSING else value

    def __contains__(self, key):
        found = key in self._table
        self._owner._note(("has", self._name, key), found)
        return found

    def _whole(self) -> dict:
        self._owner._note(("all", self._name), self._table)
        return self._table

    def __iter__(self):
        return iter(self._whole())

    def __len__(self):
        return len(self._whole())

    def keys(self):
        return self._whole().keys()

    def values(self):
        return self._whole().values()

    def items(self):
        return self._whole().items()


@dataclass
class Memo:
    """What one render of a generated page produced, and the answers it depended on."""

    front: str
    output: object  # what the page's render returned (its ready HTML and table of contents)
    answers: tuple


@dataclass
class PageCache:
    """The generated pages of the previous build, for the next one (one per serving process)."""

    setting: object = None  # templates, site address, date: when it changes nothing is reused
    memos: dict = field(default_factory=dict)  # src_uri -> Memo

    def start(self, setting) -> None:
        if setting != self.setting:
            self.memos.clear()
            self.setting = setting

    def reusable(self, src_uri: str, front: str, catalog: ObservedCatalog) -> Memo | None:
        """The previous render of a page (its output in `.output`) when nothing it read has changed, else None."""
        memo = self.memos.get(src_uri)
        if memo is None or memo.front != front:
            return None
        for question, answer in memo.answers:
            if answer is _NEVER or catalog.answer_digest(question) != answer:
                return None
        return memo

    def render(self, src_uri: str, front: str, catalog: ObservedCatalog, make):
        """make(), observed; its output is kept for the next build when every question it asked can be asked again."""
        with catalog.observe() as observation:
            output = make()
        answers = observation.answers()
        if answers is None:
            self.memos.pop(src_uri, None)
        else:
            self.memos[src_uri] = Memo(front, output, answers)
        return output

    def forget_except(self, src_uris: set) -> list[str]:
        """Drop the pages that are no longer generated; return their src_uris."""
        gone = [uri for uri in self.memos if uri not in src_uris]
        for uri in gone:
            del self.memos[uri]
        return gone
