"""A fault-injecting HTTP server for crawl tests (127.0.0.1, random port).

Every path either serves a healthy Indonesian news article or injects one fault
(see :data:`FAULTS`). The server also works as a *trap proxy*: point a crawl's
``http_proxy`` at it (with ``no_proxy=127.0.0.1``) and every request the
crawler makes to any other host -- ``169.254.169.254``, ``10.0.0.1``,
``localhost``, ``news.example.com`` -- arrives here as an absolute-URI request
instead of leaving the machine; :attr:`FaultServer.proxied` records them. A test
can so prove that a refused URL was never connected to, without any risk of
reaching the real network.

    with FaultServer() as srv:
        srv.url                 # http://127.0.0.1:PORT
        srv.url_for("flaky503") # http://127.0.0.1:PORT/flaky503/
        srv.hits["/flaky503/"]  # attempts so far
        srv.proxied             # absolute URLs requested through the trap proxy
"""

from __future__ import annotations

import gzip
import socket
import struct
import threading
import time
from collections import defaultdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

try:  # brotli is optional for Scrapy; the corrupt-brotli fault works without it
    import brotli
except ImportError:  # pragma: no cover
    brotli = None

#: Failures before a recovering path answers 200.
RECOVER_AFTER = 2
#: Size of the lazily streamed huge page.
HUGE_BYTES = 50 * 1024 * 1024
#: Decompressed size of the gzip bomb (its compressed size is ~30 KB).
BOMB_BYTES = 32 * 1024 * 1024
#: Seconds the timeout path sleeps (tests set DOWNLOAD_TIMEOUT well below).
TIMEOUT_SLEEP = 4.0
#: Bytes the slowloris path sends, one per second, before giving up by itself.
SLOWLORIS_MAX_BYTES = 12

#: path -> (kind, recoverable): what each fault path does and whether a correct crawler captures its article.
FAULTS: dict[str, tuple[str, bool]] = {
    "flaky500": ("500 twice, then the article", True),
    "flaky502": ("502 twice, then the article", True),
    "flaky503": ("503 twice, then the article", True),
    "broken500": ("500 forever", False),
    "forbidden": ("403 forever", False),
    "busy": ("429 Retry-After: 1 once, then the article", True),
    "alwaysbusy": ("429 Retry-After: 1 forever", False),
    "reset-once": ("connection reset once, then the article", True),
    "reset": ("connection reset forever", False),
    "timeout": ("sleeps longer than DOWNLOAD_TIMEOUT", False),
    "slowloris": ("one byte a second", False),
    "truncated": ("Content-Length larger than the body sent", False),
    "short-length": ("Content-Length smaller than the body (the page is cut)", None),
    "gzip-corrupt": ("Content-Encoding: gzip, body is not gzip", False),
    "br-corrupt": ("Content-Encoding: br, body is not brotli", False),
    "bomb": ("30 KB gzip expanding to 32 MB", False),
    "huge": ("50 MB page with Content-Length", False),
    "huge-chunked": ("50 MB page without Content-Length", False),
    "loop": ("redirect loop /loop/ <-> /loop2/", False),
    "offhost": ("302 to http://news.example.com/...", None),
    "to-metadata": ("302 to http://169.254.169.254/latest/meta-data/", False),
    "to-private": ("302 to http://10.0.0.1/admin/", False),
    "to-localhost": ("302 to http://localhost:PORT/ (loopback, but not the site's own host)", False),
    "to-file": ("302 to file:///etc/passwd", False),
    "octet": ("HTML served as application/octet-stream", True),
    "wrong-charset": ("UTF-8 bytes declared windows-1252", True),
    "empty": ("an empty 200", False),
}

PARAGRAPHS = [
    "{city} - Pemerintah Kabupaten {city} melalui Dinas Pekerjaan Umum memulai perbaikan jembatan gantung "
    "yang menghubungkan dua desa di tepi sungai, Senin (14/10/2024). Jembatan sepanjang 60 meter itu rusak "
    "diterjang banjir bandang pada awal bulan.",
    "Kepala Dinas Pekerjaan Umum, Bambang Sutrisno, mengatakan perbaikan ditargetkan rampung dalam tiga pekan. "
    "\u201cKami kerjakan bersama warga dan relawan agar anak-anak bisa kembali bersekolah tanpa memutar jauh,\u201d "
    "ujarnya kepada wartawan.",
    "Selama jembatan putus, warga terpaksa menyeberang dengan rakit bambu atau memutar sejauh 12 kilometer "
    "melalui jalan kabupaten. Sejumlah pedagang sayur mengaku pendapatannya turun hingga separuh.",
    "Camat setempat, Siti Rahmawati, meminta warga tetap berhati-hati karena debit air sungai masih tinggi "
    "dan hujan diperkirakan turun hingga akhir pekan. Posko siaga bencana dibuka di balai desa.",
    "Anggaran perbaikan sebesar Rp 450 juta bersumber dari dana tak terduga APBD. Pemerintah daerah juga "
    "mengusulkan pembangunan jembatan permanen pada tahun anggaran berikutnya.",
]

CITIES = ["LUMAJANG", "JEMBER", "BONDOWOSO", "PROBOLINGGO", "SITUBONDO", "PASURUAN", "MALANG", "BLITAR"]


def title_for(slug: str) -> str:
    return f"Perbaikan Jembatan Gantung Dimulai, Warga Sambut Gembira ({slug})"


def article_html(slug: str, *, extra: str = "", charset: str = "utf-8") -> str:
    """A realistic WordPress-style regional news article; ``slug`` makes its title unique."""
    city = CITIES[sum(map(ord, slug)) % len(CITIES)]
    title = title_for(slug)
    import random
    rng = random.Random(slug)
    order = PARAGRAPHS[1:]
    rng.shuffle(order)
    unique = (f"Laporan khusus {slug}: tim liputan mencatat {rng.randint(12, 980)} kepala keluarga di Dusun "
              f"{rng.choice(['Krajan', 'Sumberejo', 'Karanganyar', 'Tegalsari', 'Wonorejo'])} terdampak, "
              f"sementara {rng.randint(2, 40)} rumah warga rusak ringan dan {rng.randint(1, 9)} sekolah diliburkan.")
    paragraphs = "".join(f"<p>{p.format(city=city)}</p>" for p in [PARAGRAPHS[0], unique, *order])
    return (
        f"<!DOCTYPE html><html lang='id-ID'><head><meta charset='{charset}'>"
        f"<title>{title} - Kabar Tapal Kuda</title>"
        f"<meta property='og:type' content='article'><meta property='og:site_name' content='Kabar Tapal Kuda'>"
        f"<meta property='article:published_time' content='2024-10-14T09:15:00+07:00'>"
        f"<meta name='description' content='Perbaikan jembatan gantung di {city.title()} dimulai.'>"
        f"</head><body><header class='site-header'><a href='/'>Kabar Tapal Kuda</a>"
        f"<nav><a href='/kategori/daerah/'>Daerah</a> <a href='/kategori/politik/'>Politik</a></nav></header>"
        f"<main><article class='post type-post'><h1 class='entry-title'>{title}</h1>"
        f"<div class='entry-meta'><span class='author vcard'>Penulis: Sari Wulandari</span> "
        f"<time class='entry-date published' datetime='2024-10-14T09:15:00+07:00'>Senin, 14 Oktober 2024 | "
        f"09:15 WIB</time></div><div class='entry-content'>{paragraphs}{extra}"
        f"<p>Editor: Dwi Prasetyo</p></div><div class='tags-links'><a href='/tag/jembatan/'>jembatan</a></div>"
        f"</article></main><footer>&copy; 2024 Kabar Tapal Kuda. Pedoman Media Siber.</footer></body></html>"
    )


#: A text with characters that turn into mojibake when UTF-8 is read as windows-1252.
NON_ASCII_EXTRA = ("<p>Warga menyebut jembatan itu \u201cnyawa desa\u201d \u2013 tanpa jembatan, harga kopi "
                   "naik 20\u202f% dan kafe \u00abCaf\u00e9 Sumber\u00bb sepi pengunjung.</p>")


class FaultServer:
    """The fault-injecting server (see the module docstring). A context manager; also ``start()``/``stop()``."""

    def __init__(self, recover_after: int = RECOVER_AFTER, host: str = "127.0.0.1"):
        self.recover_after = recover_after
        self.hits: dict[str, int] = defaultdict(int)
        self.log: list[tuple[str, str]] = []     # (path or absolute URL, Host header)
        self.proxied: list[str] = []             # absolute-URI requests: would have left 127.0.0.1
        self._lock = threading.Lock()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"  # one request per connection: wrong lengths cannot poison the next

            def do_GET(self):
                try:
                    owner._handle(self)
                except (TimeoutError, BrokenPipeError, ConnectionResetError, ConnectionAbortedError, OSError):
                    pass  # the crawler hung up (timeouts, size limits): expected

            def log_message(self, *args):
                pass

        class Server(ThreadingHTTPServer):
            daemon_threads = True
            allow_reuse_address = True

            def handle_error(self, request, client_address):
                pass  # resets and hang-ups are the point here

        self.server = Server((host, 0), Handler)  # any 127.x.y.z: a second "site" with its own download slot
        self.port = self.server.server_port
        self.url = f"http://{host}:{self.port}"
        self._thread: threading.Thread | None = None
        self._bomb: bytes | None = None

    # ------------------------------------------------------------------ lifecycle
    def start(self) -> FaultServer:
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def url_for(self, name: str) -> str:
        return f"{self.url}/{name}/"

    def healthy_urls(self, n: int = 3) -> list[str]:
        return [f"{self.url}/ok/{i}/" for i in range(1, n + 1)]

    # ------------------------------------------------------------------ responses
    @staticmethod
    def _send(h, status, body: bytes = b"", headers: dict | None = None, *, length: int | None = None):
        h.send_response(status)
        headers = {"Content-Type": "text/html; charset=utf-8", **(headers or {})}
        for k, v in headers.items():
            h.send_header(k, v)
        if length is not False:
            h.send_header("Content-Length", str(len(body) if length is None else length))
        h.end_headers()
        if body:
            h.wfile.write(body)

    def _article(self, h, slug, **kw):
        self._send(h, 200, article_html(slug).encode("utf-8"), **kw)

    def _reset(self, h):
        h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        h.connection.close()  # RST instead of FIN
        h.close_connection = True

    def bomb(self) -> bytes:
        if self._bomb is None:
            self._bomb = gzip.compress(b"<p>" + b" " * BOMB_BYTES + b"</p>", compresslevel=9)
        return self._bomb

    def _stream(self, h, total: int, *, with_length: bool):
        h.send_response(200)
        h.send_header("Content-Type", "text/html; charset=utf-8")
        if with_length:
            h.send_header("Content-Length", str(total))
        h.end_headers()
        chunk = (b"<div class='filler'>" + b"x" * 1000 + b"</div>\n") * 64
        h.wfile.write(b"<html><body>")
        sent = 0
        while sent < total:  # lazily: never more than one chunk in memory; stops when the client hangs up
            piece = chunk[: total - sent]
            h.wfile.write(piece)
            sent += len(piece)

    def _handle(self, h) -> None:
        raw = h.path
        if raw.startswith(("http://", "https://")):  # an absolute URI: a proxy request (trap proxy)
            with self._lock:
                self.proxied.append(raw)
                self.log.append((raw, h.headers.get("Host", "")))
            if raw.startswith("http://news.example.com/"):  # the "other host" of the off-host redirect
                self._article(h, "offhost-target")
            else:
                self._send(h, 200, b"<html><body>SECRET-INTERNAL-METADATA iam/security-credentials</body></html>")
            return
        path = raw.split("?")[0].split("#")[0]
        with self._lock:
            self.hits[path] += 1
            n = self.hits[path]
            self.log.append((path, h.headers.get("Host", "")))
        name = path.strip("/").split("/")[0]
        rest = path.strip("/")
        ok_after = n > self.recover_after

        if path == "/robots.txt":
            self._send(h, 200, b"User-agent: *\nDisallow: /rahasia/\n", {"Content-Type": "text/plain"})
        elif name == "ok" or name == "rahasia":
            self._article(h, rest.replace("/", "-"))
        elif name in ("flaky500", "flaky502", "flaky503"):
            if ok_after:
                self._article(h, name)
            else:
                self._send(h, int(name[-3:]), b"<html><body>Server error</body></html>")
        elif name == "broken500":
            self._send(h, 500, b"<html><body>Internal Server Error</body></html>")
        elif name == "forbidden":
            self._send(h, 403, b"<html><body>Forbidden</body></html>")
        elif name == "busy":
            if n > 1:
                self._article(h, name)
            else:
                self._send(h, 429, b"Too Many Requests", {"Retry-After": "1"})
        elif name == "alwaysbusy":
            self._send(h, 429, b"Too Many Requests", {"Retry-After": "1"})
        elif name == "reset-once":
            if n > 1:
                self._article(h, name)
            else:
                self._reset(h)
        elif name == "reset":
            self._reset(h)
        elif name == "timeout":
            time.sleep(TIMEOUT_SLEEP)
            self._article(h, name)
        elif name == "slowloris":
            h.send_response(200)
            h.send_header("Content-Type", "text/html; charset=utf-8")
            h.send_header("Content-Length", str(SLOWLORIS_MAX_BYTES))
            h.end_headers()
            for _ in range(SLOWLORIS_MAX_BYTES):
                h.wfile.write(b"<")
                h.wfile.flush()
                time.sleep(1.0)
        elif name == "truncated":
            body = article_html(name).encode()
            self._send(h, 200, body[: len(body) // 3], length=len(body))
            h.close_connection = True
        elif name == "short-length":
            body = article_html(name).encode()
            self._send(h, 200, body, length=len(body) * 2 // 3)
        elif name == "gzip-corrupt":
            self._send(h, 200, b"\x1f\x8b\x08\x00garbage-not-gzip" * 50, {"Content-Encoding": "gzip"})
        elif name == "br-corrupt":
            self._send(h, 200, b"\xff\xfe this is not brotli \x00\x01" * 50, {"Content-Encoding": "br"})
        elif name == "bomb":
            self._send(h, 200, self.bomb(), {"Content-Encoding": "gzip"})
        elif name == "huge":
            self._stream(h, HUGE_BYTES, with_length=True)
        elif name == "huge-chunked":
            self._stream(h, HUGE_BYTES, with_length=False)
        elif name == "loop":
            self._send(h, 302, b"", {"Location": f"{self.url}/loop2/"})
        elif name == "loop2":
            self._send(h, 302, b"", {"Location": f"{self.url}/loop/"})
        elif name == "offhost":
            self._send(h, 302, b"", {"Location": "http://news.example.com/2024/10/14/jembatan/"})
        elif name == "to-metadata":
            self._send(h, 302, b"", {"Location": "http://169.254.169.254/latest/meta-data/"})
        elif name == "to-private":
            self._send(h, 302, b"", {"Location": "http://10.0.0.1/admin/"})
        elif name == "to-localhost":
            self._send(h, 302, b"", {"Location": f"http://localhost:{self.port}/ok/localhost/"})
        elif name == "to-file":
            self._send(h, 302, b"", {"Location": "file:///etc/passwd"})
        elif name == "octet":
            self._send(h, 200, article_html(name).encode(), {"Content-Type": "application/octet-stream"})
        elif name == "wrong-charset":
            body = article_html(name, extra=NON_ASCII_EXTRA, charset="windows-1252").encode("utf-8")
            self._send(h, 200, body, {"Content-Type": "text/html; charset=windows-1252"})
        elif name == "empty":
            self._send(h, 200, b"")
        else:
            self._send(h, 404, b"<html><body>Halaman tidak ditemukan</body></html>")


if __name__ == "__main__":  # manual poking: python tests/faultserver.py
    with FaultServer() as srv:
        print(srv.url)
        for name, (what, _) in FAULTS.items():
            print(f"  {srv.url_for(name)}  {what}")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
