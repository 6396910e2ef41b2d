"""The WordPress REST API as a lister of posts: ``/wp-json/wp/v2/posts``.

A hundred posts per request, newest first, each with its link and its
publication and modification times in UTC; ``X-WP-TotalPages`` says how many
pages there are. With ``since``, ``after=`` asks the server for newer posts
only: WordPress reads it in the site's zone, so the UTC wall time is sent,
which for Indonesian zones (UTC+7..+9) asks for a few hours more, never less.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone
from urllib.parse import urlencode

from crawler.extraction.dates import parse_machine_date

from .window import DateHint

POSTS_PATH = "/wp-json/wp/v2/posts"
PER_PAGE = 100
FIELDS = "link,date_gmt,modified_gmt"


@dataclass(frozen=True)
class Post:
    url: str
    hint: DateHint


def posts_url(origin: str, page: int = 1, since: datetime | None = None) -> str:
    """The API URL of one page of posts (only the fields a crawl needs)."""
    query = {"per_page": PER_PAGE, "page": page, "_fields": FIELDS}
    if since is not None:
        query["after"] = since.astimezone(timezone.utc).replace(tzinfo=None).isoformat(timespec="seconds")
    return f"{origin}{POSTS_PATH}?{urlencode(query)}"


def parse_posts(body: bytes) -> list[Post]:
    """The posts of one API page, newest first; [] when the body is not a list of posts."""
    try:
        data = json.loads(body)
    except ValueError:
        return []
    if not isinstance(data, list):
        return []
    posts = []
    for post in data:
        if not isinstance(post, dict) or not isinstance(post.get("link"), str):
            continue
        published = parse_machine_date(post.get("date_gmt"), tz=timezone.utc)
        modified = parse_machine_date(post.get("modified_gmt"), tz=timezone.utc)
        posts.append(Post(post["link"], DateHint.from_published(published).merge(DateHint.from_modified(modified))))
    return posts


def total_pages(header: bytes | str | None) -> int:
    """The ``X-WP-TotalPages`` header value as a number (1 when absent or garbled)."""
    if isinstance(header, bytes):
        header = header.decode("latin-1")
    try:
        return max(1, int((header or "").strip()))
    except ValueError:
        return 1
