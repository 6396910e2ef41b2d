"""The :class:`FakeSite` server: a fake regional news site on 127.0.0.1 for tests and demos.

It serves one style (``wp`` or ``portal``) from a background
``ThreadingHTTPServer`` (HTTP/1.1 keep-alive), logs every request with its
kind (see :data:`~crawler.fakesite.routes.TRAP_KINDS`) for assertions, and
knows the ground truth: :meth:`FakeSite.expected_articles` gives the record a
perfect crawler would write for each visible article.
"""

from __future__ import annotations

import threading
import traceback
from bisect import bisect_left, bisect_right
from collections import Counter
from datetime import date, datetime
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .content import DEFAULT_NOW, WIB, ArticleStore
from .routes import TRAP_KINDS, Response, make_router

SITE_NAMES = {"wp": "Suara Tapal Kuda", "portal": "Kabar Pantura"}


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    timeout = 30
    site: "FakeSite"

    def do_GET(self):
        self._serve(send_body=True)

    def do_HEAD(self):
        self._serve(send_body=False)

    def log_message(self, format, *args):  # quiet
        pass

    def version_string(self) -> str:
        return "nginx"

    def _serve(self, send_body: bool) -> None:
        site = self.site
        try:
            res = site._router.dispatch(self.path)
        except Exception:
            site.errors.append(traceback.format_exc())
            res = Response(500, "error", b"Internal Server Error", "text/plain; charset=UTF-8")
        status, payload, lm = res.status, res.body, res.last_modified
        ims = self.headers.get("If-Modified-Since")
        if ims and lm and status == 200:
            try:
                if parsedate_to_datetime(ims) >= lm.replace(microsecond=0):
                    status, payload = 304, b""
            except (TypeError, ValueError):
                pass
        site._record(self.command, self.path, res.kind, status, res.article_id)
        self.send_response(status)
        if status != 304:
            self.send_header("Content-Type", res.ctype)
        self.send_header("Content-Length", str(len(payload)))
        if lm:
            self.send_header("Last-Modified", formatdate(lm.timestamp(), usegmt=True))
        for key, value in res.headers.items():
            self.send_header(key, value)
        self.end_headers()
        if send_body and payload:
            self.wfile.write(payload)


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
    """

    def __init__(self, style: str = "wp", n_articles: int = 300, seed: int = 1,
                 now: datetime = DEFAULT_NOW, added_later: int = 0, *,
                 site_name: str | None = None, port: int = 0, sitemap_size: int = 1000):
        if style not in SITE_NAMES:
            raise ValueError(f"unknown style {style!r}; expected 'wp' or 'portal'")
        self.style, self.seed, self.added_later = style, seed, added_later
        self.site_name = site_name or SITE_NAMES[style]
        self.store = ArticleStore(seed, n_articles, now)
        self.errors: list[str] = []
        self._port, self._sitemap_size = port, sitemap_size
        self._log: list[tuple[str, str, str, int, int | None]] = []
        self._log_lock = threading.Lock()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self.url: str | None = None
        self._router = None

    # -- lifecycle ------------------------------------------------------------
    def start(self) -> "FakeSite":
        if self._server is not None:
            return self
        handler = type("Handler", (_Handler,), {"site": self})
        self._server = _Server(("127.0.0.1", self._port), handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._router = make_router(self.style, self.store, self.url, self.site_name, self._sitemap_size)
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), name=f"fakesite-{self.style}", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._thread.join(5)
            self._server = self._thread = None

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
