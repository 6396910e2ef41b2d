"""The :class:`FakeSite` server: a fake regional news site on 127.0.0.1 for tests, demos and benchmarks.

It serves one style (``wp`` or ``portal``) over HTTP/1.1 with keep-alive from
an asyncio event loop on one background thread that serves every connection
(no thread per connection, no ``http.server`` header parsing, so that the
site costs little of the CPU a crawl benchmark shares with it), logs
every request with its kind (see :data:`~crawler.fakesite.routes.TRAP_KINDS`)
for assertions, and knows the ground truth: :meth:`FakeSite.expected_articles`
gives the record a perfect crawler would write for each visible article.
"""

from __future__ import annotations

import asyncio
import threading
import time
import traceback
from bisect import bisect_left, bisect_right
from collections import Counter
from datetime import date, datetime
from email.utils import formatdate, parsedate_to_datetime
from http import HTTPStatus

from .content import DEFAULT_NOW, WIB, ArticleStore
from .routes import TRAP_KINDS, Response, make_router

SITE_NAMES = {"wp": "Suara Tapal Kuda", "portal": "Kabar Pantura"}

#: The longest request head (request line and headers) a connection may send; longer ones get a 431.
MAX_HEAD = 64 * 1024
#: Seconds a connection may stay idle (between requests, or within one) before the server closes it.
IDLE_TIMEOUT = 30.0


_REASONS = {status.value: status.phrase for status in HTTPStatus}


class _Http11(asyncio.Protocol):
    """One client connection: requests are read one after the other (``GET`` and ``HEAD``; other
    methods get a 501), each answered by :meth:`FakeSite._respond`; the connection is kept open
    unless the client asks to close it, speaks HTTP/1.0 without keep-alive, or sends a malformed
    request."""

    def __init__(self, site: "FakeSite"):
        self.site = site
        self.buffer = b""
        self.transport: asyncio.Transport | None = None
        self.idle: asyncio.TimerHandle | None = None

    def connection_made(self, transport) -> None:
        self.transport = transport
        self.site._connections.add(self)
        self._arm()

    def connection_lost(self, exc) -> None:
        self.site._connections.discard(self)
        if self.idle is not None:
            self.idle.cancel()

    def _arm(self) -> None:
        if self.idle is not None:
            self.idle.cancel()
        self.idle = asyncio.get_running_loop().call_later(IDLE_TIMEOUT, self.close)

    def close(self) -> None:
        if self.transport is not None:
            self.transport.close()

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        self._arm()
        while self.transport is not None and not self.transport.is_closing():
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                if len(self.buffer) > MAX_HEAD:
                    self._fail(431)
                return
            head, rest = self.buffer[:end].decode("latin-1"), self.buffer[end + 4:]
            request_line, *header_lines = head.split("\r\n")
            headers = {}
            for line in header_lines:
                name, sep, value = line.partition(":")
                if not sep:
                    return self._fail(400)
                headers[name.strip().lower()] = value.strip()
            try:
                length = int(headers.get("content-length", 0))
            except ValueError:
                return self._fail(400)
            if len(rest) < length:  # a request body (no route reads one): wait for all of it
                return
            self.buffer = rest[length:]
            parts = request_line.split(" ")
            if len(parts) != 3 or not parts[2].startswith("HTTP/1."):
                return self._fail(400)
            method, target, version = parts
            connection = headers.get("connection", "").lower()
            keep = connection != "close" and (version == "HTTP/1.1" or connection == "keep-alive")
            if method in ("GET", "HEAD"):
                self.transport.write(self.site._respond(method, target, headers.get("if-modified-since")))
            else:
                self.transport.write(_head(501, 0, {}))
            if not keep:
                self.transport.close()

    def _fail(self, status: int) -> None:
        self.transport.write(_head(status, 0, {"Connection": "close"}))
        self.transport.close()


_date_cache: list = [0, ""]


def _head(status: int, length: int, headers: dict, ctype: str | None = None) -> bytes:
    """The status line and headers of a response (``Date`` is recomputed once a second)."""
    now = int(time.time())
    if _date_cache[0] != now:
        _date_cache[:] = [now, formatdate(now, usegmt=True)]
    lines = [f"HTTP/1.1 {status} {_REASONS.get(status, '')}", "Server: nginx", f"Date: {_date_cache[1]}"]
    if ctype:
        lines.append(f"Content-Type: {ctype}")
    lines.append(f"Content-Length: {length}")
    lines += [f"{key}: {value}" for key, value in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def _as_dt(value: datetime | date | str | None) -> datetime | None:
    if value is None or isinstance(value, datetime):
        dt = value
    elif isinstance(value, date):
        dt = datetime(value.year, value.month, value.day)
    else:
        dt = datetime.fromisoformat(value)
    if dt is not None and dt.tzinfo is None:
        dt = dt.replace(tzinfo=WIB)
    return dt


class FakeSite:
    """A fake Indonesian regional news site served on ``127.0.0.1``.

    ``FakeSite(style="wp"|"portal", n_articles=300, seed=1, now=DEFAULT_NOW, added_later=0)``;
    ``added_later`` is how many newer articles :meth:`publish` reveals by default.
    Use as a context manager or ``start()``/``stop()``; ``url`` is the base URL.

    With ``cache=True`` every page is rendered once and then served from memory, as a
    static web server serves files (until :meth:`publish` changes the site), and
    :meth:`render_articles` renders all article pages ahead: for benchmarks, where
    rendering would take CPU from the crawl being measured. It costs memory: about
    27 KB per article page.
    """

    def __init__(self, style: str = "wp", n_articles: int = 300, seed: int = 1,
                 now: datetime = DEFAULT_NOW, added_later: int = 0, *,
                 site_name: str | None = None, port: int = 0, sitemap_size: int = 1000, cache: bool = False):
        if style not in SITE_NAMES:
            raise ValueError(f"unknown style {style!r}; expected 'wp' or 'portal'")
        self.style, self.seed, self.added_later = style, seed, added_later
        self.site_name = site_name or SITE_NAMES[style]
        self.store = ArticleStore(seed, n_articles, now)
        self.errors: list[str] = []
        self._port, self._sitemap_size = port, sitemap_size
        self._log: list[tuple[str, str, str, int, int | None]] = []
        self._log_lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server: asyncio.Server | None = None
        self._thread: threading.Thread | None = None
        self._connections: set[_Http11] = set()
        self._cache: dict[str, Response] | None = {} if cache else None
        self._cached_total = self.store.total
        self.url: str | None = None
        self._router = None

    # -- lifecycle ------------------------------------------------------------
    def start(self) -> "FakeSite":
        if self._server is not None:
            return self
        loop = asyncio.new_event_loop()
        try:
            server = loop.run_until_complete(loop.create_server(lambda: _Http11(self), "127.0.0.1", self._port,
                                                                backlog=128, reuse_address=True))
        except BaseException:
            loop.close()
            raise
        self._loop, self._server = loop, server
        self.url = f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}"
        self._router = make_router(self.style, self.store, self.url, self.site_name, self._sitemap_size)
        self._thread = threading.Thread(target=loop.run_forever, name=f"fakesite-{self.style}", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is None:
            return
        loop, server = self._loop, self._server

        def shut() -> None:
            server.close()
            for connection in list(self._connections):
                connection.close()
            loop.call_soon(loop.stop)

        loop.call_soon_threadsafe(shut)
        self._thread.join(5)
        if not self._thread.is_alive():
            loop.close()
        self._loop = self._server = self._thread = None

    def __enter__(self) -> "FakeSite":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def host(self) -> str:
        """``127.0.0.1:<port>`` (the ``site`` of expected records is the host name, ``127.0.0.1``)."""
        return self.url.split("://", 1)[1]

    @property
    def urls(self):
        """The style's URL builder (``article(a, page)``, ``listing(kind, slug, page)``...)."""
        return self._started()._router.u

    def _started(self) -> "FakeSite":
        if self._router is None:
            raise RuntimeError("FakeSite not started: call start() or use it as a context manager")
        return self

    # -- content ----------------------------------------------------------------
    @property
    def n_published(self) -> int:
        """Number of visible articles (ids 1..n_published, newest = highest)."""
        return self.store.total

    def publish(self, k: int | None = None) -> list[int]:
        """Reveal ``k`` new articles, newer than all existing (default: the rest of ``added_later``)."""
        if k is None:
            k = max(0, self.store.n + self.added_later - self.store.total)
        return self.store.publish(k)

    def article(self, article_id: int):
        """The :class:`~crawler.fakesite.content.Article` with this id (0 = the disallowed one)."""
        return self.store.get(article_id)

    def article_url(self, article_id: int, page: int | str = 1) -> str:
        return self.urls.article(self.store.get(article_id), page)

    @property
    def disallowed_url(self) -> str:
        """URL of the article that lives only under robots-disallowed ``/rahasia/``."""
        return self.urls.secret(self.store.get(0))

    def expected_record(self, article_id: int) -> dict:
        """The record of one article, following the README's record contract.

        ``author`` is the first byline person (``Redaksi`` when the byline is only
        the institution, then ``authors`` is ``[]``); ``site`` is the host name.
        """
        a = self.store.get(article_id)
        people = [] if a.authors == ("Redaksi",) else list(a.authors)
        return {"url": self.urls.article(a), "title": a.title, "author": a.authors[0],
                "authors": people, "editor": a.editor, "published": a.published.isoformat(),
                "body": a.body, "section": a.section, "tags": list(a.tags),
                "language": "id", "site": "127.0.0.1"}

    def expected_ids(self, since=None, until=None) -> list[int]:
        """Visible ids with ``since <= published <= until`` (datetimes, dates or ISO strings), newest first."""
        st = self.store
        since, until = _as_dt(since), _as_dt(until)
        ids = range(1, st.total + 1)
        lo = bisect_left(ids, since, key=st.published) if since else 0
        hi = bisect_right(ids, until, key=st.published) if until else len(ids)
        return [ids[k] for k in range(hi - 1, lo - 1, -1)]

    def expected_articles(self, since=None, until=None) -> list[dict]:
        """Ground-truth records of the visible articles in the window, newest first."""
        return [self.expected_record(i) for i in self.expected_ids(since, until)]

    # -- serving ------------------------------------------------------------------
    def _render(self, target: str) -> Response:
        """The router's response to a request target, from the cache when there is one."""
        cache = self._cache
        if cache is None:
            return self._router.dispatch(target)
        if self._cached_total != self.store.total:  # articles were published: every listing changed
            cache.clear()
            self._cached_total = self.store.total
        res = cache.get(target)
        if res is None:
            res = cache[target] = self._router.dispatch(target)
        return res

    def render_articles(self) -> int:
        """With ``cache=True``: render every page of every visible article into the cache now (not when
        a crawl asks for it); returns the number of pages rendered."""
        if self._cache is None:
            raise RuntimeError("render_articles() needs FakeSite(cache=True)")
        base, count = len(self._started().url), 0
        for i in range(1, self.n_published + 1):
            article = self.article(i)
            for page in range(1, article.n_pages + 1):
                self._render(self.urls.article(article, page)[base:])
                count += 1
        return count

    def _respond(self, method: str, target: str, if_modified_since: str | None) -> bytes:
        """The whole HTTP response (head and, for ``GET``, body) to one request; logs it."""
        try:
            res = self._render(target)
        except Exception:  # noqa: BLE001 (a route's bug becomes a 500 and a recorded error, as on a real site)
            self.errors.append(traceback.format_exc())
            res = Response(500, "error", b"Internal Server Error", "text/plain; charset=UTF-8")
        status, payload, lm = res.status, res.body, res.last_modified
        if if_modified_since and lm and status == 200:
            try:
                if parsedate_to_datetime(if_modified_since) >= lm.replace(microsecond=0):
                    status, payload = 304, b""
            except (TypeError, ValueError):
                pass
        self._record(method, target, res.kind, status, res.article_id)
        headers = dict(res.headers)
        if lm:
            headers = {"Last-Modified": formatdate(lm.timestamp(), usegmt=True), **headers}
        head = _head(status, len(payload), headers, None if status == 304 else res.ctype)
        return head + payload if method == "GET" and payload else head

    # -- request log ------------------------------------------------------------
    def _record(self, method: str, path: str, kind: str, status: int, article_id: int | None) -> None:
        with self._log_lock:
            self._log.append((method, path, kind, status, article_id))

    @property
    def request_log(self) -> list[tuple[str, str, str, int, int | None]]:
        """``(method, path, kind, status, article_id)`` for every request, in order."""
        with self._log_lock:
            return list(self._log)

    @property
    def requests(self) -> list[str]:
        """Every requested path (with query), in order."""
        return [entry[1] for entry in self.request_log]

    def clear_requests(self) -> None:
        with self._log_lock:
            self._log.clear()

    def kind_counts(self) -> Counter:
        return Counter(entry[2] for entry in self.request_log)

    def fetched_article_ids(self) -> set[int]:
        """Ids whose clean article URL (any page) was fetched with GET."""
        return {e[4] for e in self.request_log if e[2] == "article" and e[0] == "GET" and e[3] == 200}

    def article_fetch_counts(self) -> Counter:
        """GETs of clean article URLs per id (> pages means duplicate fetches)."""
        return Counter(e[4] for e in self.request_log if e[2] == "article" and e[0] == "GET")

    def trap_fetches(self) -> list[str]:
        """Requested paths that hit a trap (see :meth:`trap_counts` for the kinds)."""
        return [e[1] for e in self.request_log if e[2] in TRAP_KINDS]

    def trap_counts(self) -> Counter:
        return Counter(e[2] for e in self.request_log if e[2] in TRAP_KINDS)
