# SPDX-License-Identifier: EUPL-1.2
"""Read side of the mirror: what the citizen screens show, as frozen DTOs.

ORM rows never leave this module, so the UI can hold results after the session that
read them is gone, and a sync thread can write meanwhile. Multilingual texts stay
dicts keyed by language; ``pick`` chooses one with an Italian fallback.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, NamedTuple

import orjson
from sqlalchemy import (
    Subquery,
    exists,
    func,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from store import search_query
from store.database import Store
from store.models import Call, Category, Comune, FormDefinition, Provider, Service, ServiceComune


def pick(texts: Mapping[str, str], lang: str) -> str:
    return texts.get(lang) or texts.get("it") or next(iter(texts.values()), "")


@dataclass(frozen=True)
class ComuneInfo:
    id: str
    name: str


@dataclass(frozen=True)
class CategoryInfo:
    id: str
    label: dict[str, str]
    icon: str
    service_count: int


@dataclass(frozen=True)
class ServiceSummary:
    id: str
    title: dict[str, str]
    provider_name: str
    category_id: str
    price_cents: int | None
    unit: str | None


@dataclass(frozen=True)
class ServiceDetail:
    id: str
    title: dict[str, str]
    description: dict[str, str]
    category_label: dict[str, str]
    price_cents: int | None
    unit: str | None
    booking: str
    residents_of: tuple[str, ...]  # Comune names; empty when open to everyone
    provider_name: str
    provider_phone: str
    provider_email: str
    provider_address: str
    # The provider's privacy notice (protocol.records.PrivacyNotice), for a purchase.
    privacy_notice: dict[str, Any] | None = None


@dataclass(frozen=True)
class CallInfo:
    id: str
    title: dict[str, str]
    description: dict[str, str]
    kind: str
    comune_name: str | None  # None: open to every Comune of the network
    opens_at: datetime
    closes_at: datetime
    # Each item in several languages, by code (an Italian-only item as {"it": ...}).
    eligibility: tuple[dict[str, str], ...]
    documents: tuple[dict[str, str], ...]
    form_ready: bool = False  # its application form has reached the kiosk: apply here
    # The Comune's privacy notice (protocol.records.PrivacyNotice), shown before applying.
    privacy_notice: dict[str, Any] | None = None


def _in_languages(items: list[str | dict[str, str]]) -> tuple[dict[str, str], ...]:
    """A call's list as the contract has it, every item by language (one published in
    Italian only, as first allowed, becomes its Italian text)."""
    return tuple(item if isinstance(item, dict) else {"it": item} for item in items)


def _available_in(comune_id: str | None):  # type: ignore[no-untyped-def]
    """Services a resident of ``comune_id`` may use (every service when None)."""
    if comune_id is None:
        return True
    linked = exists().where(
        ServiceComune.service_id == Service.id, ServiceComune.comune_id == comune_id
    )
    return or_(Service.open_to_all.is_(True), linked)


def _available_categories(comune_id: str | None, only: str | None) -> Subquery:
    """The category of each service residents of ``comune_id`` may use (of category
    ``only``, if given): the services open to all, then those linked to the Comune, as a
    UNION ALL. Counting these takes half the time of testing ``_available_in`` on every
    service (5 vs 9 ms over 10,000), which the catalog screen does each time a sync
    changes the mirror."""
    everyone = select(Service.category_id)
    if only is not None:
        everyone = everyone.where(Service.category_id == only)
    if comune_id is None:
        return everyone.subquery()
    linked = everyone.join(ServiceComune, ServiceComune.service_id == Service.id).where(
        ServiceComune.comune_id == comune_id, Service.open_to_all.is_(False)
    )
    return union_all(everyone.where(Service.open_to_all.is_(True)), linked).subquery()


def _summary_query() -> Any:  # a Select of many columns; its rows are read by name
    return select(
        Service.id,
        Service.title,
        Provider.name,
        Service.category_id,
        Service.price_cents,
        Service.unit,
    ).join(Provider, Provider.id == Service.provider_id)


def title_order_of(titles: Any, lang: str = "it") -> Any:
    """The SQL key a JSON column of titles by language sorts by: the title ``pick``
    shows in ``lang`` (its own, else the Italian one), so a citizen reading Romanian
    reads a list in the order of its Romanian titles (store/title_order.py)."""
    italian = func.json_extract(titles, "$.it")
    if lang == "it" or not (lang.isascii() and lang.isalpha() and len(lang) <= 8):
        return func.title_order(italian)
    # The contract refuses an empty title: a language's title is there, or missing.
    return func.title_order(func.coalesce(func.json_extract(titles, f"$.{lang}"), italian))


def list_comuni(session: Session) -> list[ComuneInfo]:
    rows = session.execute(select(Comune.id, Comune.name).order_by(Comune.name))
    return [ComuneInfo(*row) for row in rows]


def comune_name(session: Session, comune_id: str) -> str | None:
    return session.scalar(select(Comune.name).where(Comune.id == comune_id))


def list_categories(
    session: Session, comune_id: str | None, only: str | None = None
) -> list[CategoryInfo]:
    """Categories with how many services residents of ``comune_id`` may use in each."""
    listed = _available_categories(comune_id, only)
    categories = select(Category.id, Category.label, Category.icon)
    if only is not None:  # one category: count only its services
        categories = categories.where(Category.id == only)
    totals = (
        select(listed.c.category_id, func.count().label("n"))
        .group_by(listed.c.category_id)
        .subquery()
    )
    rows = session.execute(
        categories.add_columns(func.coalesce(totals.c.n, 0))
        .outerjoin(totals, totals.c.category_id == Category.id)
        .order_by(Category.position, Category.id)
    )
    return [CategoryInfo(*row) for row in rows]


def services_in_category(
    session: Session,
    category_id: str,
    comune_id: str | None,
    *,
    limit: int | None = None,
    offset: int = 0,
    lang: str = "it",
) -> list[ServiceSummary]:
    """A category's services by their titles in ``lang``, in a dictionary's order
    (``title_order_of``); ``limit``/``offset`` page through them."""
    query = (
        _summary_query()
        .where(Service.category_id == category_id, _available_in(comune_id))
        .order_by(title_order_of(Service.title, lang), Service.id)
        .limit(limit)
        .offset(offset)
    )
    return [ServiceSummary(*row) for row in session.execute(query)]


@dataclass(frozen=True)
class SearchResult:
    services: list[ServiceSummary]
    suggestion: str | None = None  # "Did you mean ...": the words searched instead
    ignored: tuple[str, ...] = ()  # typed words no service has, left out of the search
    # No service has every word: these have some of them (most first, by rank).
    some_words: bool = False


# A search ranks by the index alone, then joins the best few matches to their services
# (for the Comune filter and what a card shows): the joins are made for about a page,
# not for every match (a third of the time of a common word at 10,000 services). Plain
# SQL through the driver's cursor, in the session's transaction: built through the ORM
# at each pause in typing, these statements took about as long to prepare as to run.
RANKED_ROWIDS = """
SELECT rowid FROM services_fts WHERE services_fts MATCH ?
ORDER BY bm25(services_fts, 0.0, 8.0, 1.0, 2.0) LIMIT ?
"""
SUMMARIES = """
SELECT s.rowid, s.id, s.title, p.name, s.category_id, s.price_cents, s.unit
FROM services AS s JOIN providers AS p ON p.id = s.provider_id
WHERE s.rowid IN (SELECT value FROM json_each(?))
  AND (? IS NULL OR s.open_to_all OR EXISTS (
      SELECT 1 FROM service_comuni AS sc WHERE sc.service_id = s.id AND sc.comune_id = ?))
"""
# How many of the best matches are ranked first, per service wanted: enough for the
# Comune filter to leave a full page most times. They are joined a page at a time.
RANKED_DEPTH = 4


class _Ranked(NamedTuple):
    page: list[ServiceSummary]
    rowids: frozenset[int]  # every match, when it took them all to fill the page


def _ranked_page(
    cursor: Any, match: str, comune_id: str | None, wanted: int, skip: frozenset[int]
) -> _Ranked:
    """The ``wanted`` best matches of ``match`` a resident of ``comune_id`` may use,
    leaving out the rowids in ``skip``.

    Title words weigh eight times the rest (description, provider, category); a shared
    stem weighs twice a body word. The search row shares its service's rowid."""
    first = wanted * (RANKED_DEPTH if comune_id is not None else 1) + len(skip)
    ranked = [row[0] for row in cursor.execute(RANKED_ROWIDS, (match, first))]
    page = _available(cursor, [r for r in ranked if r not in skip], comune_id, wanted)
    if len(page) < wanted and len(ranked) == first:
        # The Comune's services are rare among the best: the rest of the matches.
        ranked = [row[0] for row in cursor.execute(RANKED_ROWIDS, (match, -1))]
        rest = [rowid for rowid in ranked[first:] if rowid not in skip]
        page += _available(cursor, rest, comune_id, wanted - len(page))
    return _Ranked(page, frozenset(ranked))


def _available(
    cursor: Any, rowids: list[int], comune_id: str | None, wanted: int
) -> list[ServiceSummary]:
    """The first ``wanted`` of these services a resident of ``comune_id`` may use, in
    this order; joined ``wanted`` at a time."""
    page: list[ServiceSummary] = []
    for start in range(0, len(rowids), wanted):
        chunk = rowids[start : start + wanted]
        found = {
            rowid: ServiceSummary(id, orjson.loads(title), provider, category, price, unit)
            for rowid, id, title, provider, category, price, unit in cursor.execute(
                SUMMARIES, (orjson.dumps(chunk).decode(), comune_id, comune_id)
            )
        }
        page += [found[rowid] for rowid in chunk if rowid in found]
        if len(page) >= wanted:
            break
    return page[:wanted]


SEARCH_LIMIT = 50  # services a search shows


def find_services(
    session: Session,
    user_text: str,
    comune_id: str | None,
    limit: int = SEARCH_LIMIT,
    lang: str | None = None,
) -> SearchResult:
    """Services matching every typed word (as a prefix or by its stem, accents folded,
    misspelt words corrected, words no service has left out), best first; when no
    service of any Comune has them all, those with some of them
    (``SearchResult.some_words``).

    Services whose title holds every word come first, then the others, each rank by
    BM25. The title rank alone usually fills the page: BM25 is then computed over the
    services named so (a tenth of a large catalog for a common word), not over every
    service that mentions the words somewhere (half of it), which took 25 ms at 10,000
    services as a word was typed. Title words weighed eight times the rest already, so
    the order is the one citizens saw before, but for a description repeating a word
    more than eight times.

    A misspelt word is corrected to a word of ``lang`` (the language the kiosk shows)
    when one is near enough, else to any word of the catalog.
    """
    vocabulary = search_query.VOCABULARIES.get(session.connection())
    cursor = session.connection().connection.driver_connection.cursor()  # type: ignore[union-attr]
    ours = _of_language(cursor, lang) if lang is not None else None
    planned = search_query.plan(user_text, vocabulary, ours)
    if planned is None:
        return SearchResult([])
    titled = search_query.title_expression(planned.tokens)
    match = search_query.match_expression(planned.tokens)
    found, named = _ranked_page(cursor, titled, comune_id, limit, frozenset())
    if len(found) < limit:  # then ``named`` holds every service the title rank found
        found += _ranked_page(cursor, match, comune_id, limit - len(found), named).page
    if found or len(planned.tokens) < 2 or _any_match(cursor, match):
        # (Services of other Comuni with every word: the screen offers to search them.)
        return SearchResult(found, planned.suggestion, planned.ignored)
    # Words the catalog knows that no one service has together ("trasporto disabili"):
    # the services with any of them, rather than nothing. BM25 ranks first those with
    # the rarer words and those that say them more.
    any_word = search_query.any_word_expression(planned.tokens)
    found = _ranked_page(cursor, any_word, comune_id, limit, frozenset()).page
    return SearchResult(found, planned.suggestion, planned.ignored, some_words=bool(found))


def _of_language(cursor: Any, lang: str) -> Callable[[str], bool]:
    """Whether a word is one of ``lang``'s, for a correction (``search_query.plan``)."""
    return lambda word: search_query.in_language(cursor, word, lang)


def _any_match(cursor: Any, match: str) -> bool:
    """Whether any service, of any Comune, matches ``match``."""
    return cursor.execute(ANY_MATCH, (match,)).fetchone() is not None


ANY_MATCH = "SELECT 1 FROM services_fts WHERE services_fts MATCH ? LIMIT 1"


def search_services(
    session: Session, user_text: str, comune_id: str | None, limit: int = 50
) -> list[ServiceSummary]:
    return find_services(session, user_text, comune_id, limit).services


def service_detail(session: Session, service_id: str) -> ServiceDetail | None:
    row = session.execute(
        select(Service, Provider, Category.label)
        .join(Provider, Provider.id == Service.provider_id)
        .join(Category, Category.id == Service.category_id)
        .where(Service.id == service_id)
    ).first()
    if row is None:
        return None
    service, provider, category_label = row
    residents = session.scalars(
        select(Comune.name)
        .join(ServiceComune, ServiceComune.comune_id == Comune.id)
        .where(ServiceComune.service_id == service_id)
        .order_by(Comune.name)
    )
    return ServiceDetail(
        id=service.id,
        title=service.title,
        description=service.description,
        category_label=category_label,
        price_cents=service.price_cents,
        unit=service.unit,
        booking=service.booking,
        residents_of=() if service.open_to_all else tuple(residents),
        provider_name=provider.name,
        provider_phone=provider.phone,
        provider_email=provider.email,
        provider_address=provider.address,
        privacy_notice=service.privacy_notice,
    )


def open_calls(session: Session, comune_id: str | None, now: datetime) -> list[CallInfo]:
    """Calls open at ``now`` (aware; a naive one is UTC) for residents of ``comune_id``,
    closing soonest first."""
    query = (
        select(Call, Comune.name, FormDefinition.id)
        .outerjoin(Comune, Comune.id == Call.comune_id)
        .outerjoin(FormDefinition, FormDefinition.id == Call.form_ref)
        .where(Call.opens_at <= now, Call.closes_at > now)
        .order_by(Call.closes_at)
    )
    if comune_id is not None:
        query = query.where(or_(Call.comune_id.is_(None), Call.comune_id == comune_id))
    return [
        CallInfo(
            id=call.id,
            title=call.title,
            description=call.description,
            kind=call.kind,
            comune_name=name,
            opens_at=call.opens_at,
            closes_at=call.closes_at,
            eligibility=_in_languages(call.eligibility),
            documents=_in_languages(call.documents),
            form_ready=form_id is not None,
            privacy_notice=call.privacy_notice,
        )
        for call, name, form_id in session.execute(query)
    ]


def _services_page(
    session: Session,
    category_id: str,
    comune_id: str | None,
    limit: int | None,
    offset: int,
    lang: str = "it",
) -> list[ServiceSummary]:
    return services_in_category(
        session, category_id, comune_id, limit=limit, offset=offset, lang=lang
    )


def _open_calls_now(session: Session, comune_id: str | None) -> list[CallInfo]:
    return open_calls(session, comune_id, datetime.now(UTC))


class Warmed(NamedTuple):
    """Answers computed again after the mirror changed, and the search vocabulary as
    ``search_query.VOCABULARIES.entry`` gives it."""

    answers: dict[tuple[Any, ...], Any]
    vocabulary: tuple[str, int, search_query.Vocabulary]


class CatalogReader:
    """The catalog queries bound to a store, each in its own short read transaction.

    After a sync changed the mirror, the queries the screens made lately run again and
    their answers are kept for the refresh of the screen that follows: in the kiosk's
    sync process (``recent_questions``, ``answers`` there, ``keep_warm``), or with
    ``warm`` on the thread of a sync run in-process. At 100,000 services those queries
    take 50 to 100 ms, which the UI thread would otherwise spend with the screen frozen
    (and on another thread of its process, holding Python's lock against it). A warm
    answer serves as many calls as its question had since the warm before (a screen and
    the window around it may ask the same, as the Comune's name), at most ``USES``, and
    only for a few seconds: every other call reads the mirror as it is.
    """

    RECENT = 16  # distinct queries remembered for warming (a screen makes a handful)
    WARM_FOR_S = 5.0
    USES = 4

    def __init__(self, store: Store) -> None:
        self._store = store
        self._lock = threading.Lock()
        # Each recent question, with how many times it was asked since the last warm.
        self._recent: OrderedDict[tuple[Any, ...], int] = OrderedDict()
        self._warm: dict[tuple[Any, ...], tuple[Any, int]] = {}  # answer, calls left
        self._warmed_at = 0.0
        # Questions warmed after every change whether asked lately or not, by name: the
        # visit's cart, read again after each sync however many searches came between.
        self._standing: dict[str, tuple[Any, ...]] = {}

    @property
    def store(self) -> Store:
        return self._store

    def warm(self) -> None:
        """Runs the recent queries again and keeps their answers for the next calls
        (call it on a worker thread, after the mirror changed and before the screens
        are told to refresh). The kiosk does the same in two halves across its sync
        process: ``recent_questions`` here, ``answers`` there, ``keep_warm`` here."""
        asked = self.recent_questions()
        self.keep_warm(asked, self.answers(asked))

    def recent_questions(self) -> dict[tuple[Any, ...], int]:
        """The questions asked lately, with how many times since the last warm (their
        answers so far are dropped: the mirror changed)."""
        with self._lock:
            self._warm = {}
            asked = {key: 1 for key in self._standing.values()} | dict(self._recent)
            self._recent = OrderedDict((key, 0) for key in self._recent)
        return asked

    def keep_asking(self, name: str, query: Callable[..., Any] | None, *args: Any) -> None:
        """``query(session, *args)`` (module-level and picklable, as every question here)
        is warmed after every change of the mirror under ``name``, in place of the one
        before; None stops it. Read it with ``ask``."""
        with self._lock:
            if query is None:
                self._standing.pop(name, None)
            else:
                self._standing[name] = (query, *args)

    def ask(self, query: Callable[..., Any], *args: Any) -> Any:
        """``query(session, *args)``'s answer: the warm one after a change, if ready."""
        return self._read(query, *args)

    def answers(self, questions: Iterable[tuple[Any, ...]]) -> Warmed:
        """The mirror's answers to ``questions`` (made by ``recent_questions``, perhaps in
        another process: they and the answers pickle), and the search vocabulary."""
        with self._store.read() as session:
            # The index's words, for typo correction: read again when the search rows
            # changed, which took 100 ms at 10,000 services at the next search typed.
            vocabulary = search_query.VOCABULARIES.entry(session.connection())
        return Warmed({key: self._compute(key) for key in questions}, vocabulary)

    def keep_warm(self, asked: Mapping[tuple[Any, ...], int], warmed: Warmed) -> None:
        """Keeps ``warmed`` answers for the next calls of the questions ``asked``."""
        search_query.VOCABULARIES.put(*warmed.vocabulary)
        answers = {
            key: (warmed.answers[key], min(max(times, 1), self.USES))
            for key, times in asked.items()
            if key in warmed.answers
        }
        with self._lock:
            self._warm, self._warmed_at = answers, time.monotonic()

    def _read(self, *key: Any) -> Any:
        found, answer = self._warmed(key)
        return answer if found else self._compute(key)

    def _warmed(self, key: tuple[Any, ...]) -> tuple[bool, Any]:
        """Remembers the question; (True, its warm answer) when one is ready and fresh."""
        with self._lock:
            self._recent[key] = self._recent.get(key, 0) + 1
            self._recent.move_to_end(key)
            while len(self._recent) > self.RECENT:
                self._recent.popitem(last=False)
            fresh = time.monotonic() - self._warmed_at < self.WARM_FOR_S
            if key in self._warm:
                answer, left = self._warm.pop(key)
                if left > 1:
                    self._warm[key] = (answer, left - 1)
                if fresh:
                    return True, answer
        return False, None

    def _compute(self, key: tuple[Any, ...]) -> Any:
        query, *args = key
        with self._store.read() as session:
            return query(session, *args)

    def comuni(self) -> list[ComuneInfo]:
        return self._read(list_comuni)  # type: ignore[no-any-return]

    def comune_name(self, comune_id: str) -> str | None:
        return self._read(comune_name, comune_id)  # type: ignore[no-any-return]

    def categories(self, comune_id: str | None) -> list[CategoryInfo]:
        return self._read(list_categories, comune_id)  # type: ignore[no-any-return]

    def category(self, category_id: str, comune_id: str | None) -> CategoryInfo | None:
        found = self._read(list_categories, comune_id, category_id)
        return found[0] if found else None

    def services_in_category(
        self,
        category_id: str,
        comune_id: str | None,
        *,
        limit: int | None = None,
        offset: int = 0,
        lang: str = "it",
    ) -> list[ServiceSummary]:
        return self._read(_services_page, category_id, comune_id, limit, offset, lang)  # type: ignore[no-any-return]

    def search(
        self, user_text: str, comune_id: str | None, lang: str | None = None
    ) -> list[ServiceSummary]:
        return self.find(user_text, comune_id, lang).services

    def find(self, user_text: str, comune_id: str | None, lang: str | None = None) -> SearchResult:
        """``find_services``; corrections in ``lang`` first (the kiosk's language)."""
        return self._read(find_services, user_text, comune_id, SEARCH_LIMIT, lang)  # type: ignore[no-any-return]

    def service(self, service_id: str) -> ServiceDetail | None:
        return self._read(service_detail, service_id)  # type: ignore[no-any-return]

    def open_calls(self, comune_id: str | None, now: datetime) -> list[CallInfo]:
        # Warmed as open at the warm's time: served only seconds after it (WARM_FOR_S).
        found, answer = self._warmed((_open_calls_now, comune_id))
        if found:
            return answer  # type: ignore[no-any-return]
        with self._store.read() as session:
            return open_calls(session, comune_id, now)
