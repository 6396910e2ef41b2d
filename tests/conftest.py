"""Shared test fixtures: where ../shared is, and a tiny local HTTP server for crawl tests."""

from __future__ import annotations

import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("SHARED_DIR", ROOT.parent / "shared"))
FIXTURES = ROOT / "tests" / "fixtures"


def shared_or_skip(*parts: str) -> Path:
    """A path under ../shared, or skip the test (with the reason) when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{path} is missing: CI must run with ../shared beside the clone")
        pytest.skip(f"{path} not present (../shared is only beside the developers' and CI's clones)")
    return path


class _Handler(BaseHTTPRequestHandler):
    routes: dict = {}
    log: list = []

    def do_GET(self):  # noqa: N802 - http.server API
        self.log.append(self.path)
        route = self.routes.get(self.path.split("#")[0])
        if route is None:
            self.send_response(404)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<html><body>not found</body></html>")
            return
        status, headers, body = route
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def http_site():
    """A loopback HTTP server; register pages with ``site.add(path, body, content_type=...)``."""

    class Site:
        def __init__(self):
            handler = type("H", (_Handler,), {"routes": {}, "log": []})
            self.handler = handler
            self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
            self.server.daemon_threads = True
            self.url = f"http://127.0.0.1:{self.server.server_port}"
            self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
            self.thread.start()

        def add(self, path, body, content_type="text/html; charset=utf-8", status=200, headers=None):
            if isinstance(body, str):
                body = body.encode("utf-8")
            self.handler.routes[path] = (status, {"Content-Type": content_type, **(headers or {})}, body)

        @property
        def requests(self):
            return list(self.handler.log)

    site = Site()
    yield site
    site.server.shutdown()
    site.server.server_close()
