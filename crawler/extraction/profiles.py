"""Site profiles: per-site overrides kept as data (TOML files), never as code.

A profile names the domains it covers (a domain covers its subdomains) and may
override what the generic layers get wrong: selectors for title, author, date
and body, extra junk to remove, the site's timezone, names that mean the
outlet itself, and URL patterns for the crawler. Profiles live in
``crawler/profiles/*.toml``, read as package resources (so also from inside a
zipped egg, as scrapyd runs the project); ``EXTRA_PROFILES_DIR`` (a setting or
the ``CRAWLER_PROFILES`` environment variable) adds a directory of one's own.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

#: The built-in profiles: a directory on disk, or inside the egg or wheel the package was imported from.
BUILTIN_DIR: Traversable = files("crawler") / "profiles"


@dataclass(frozen=True)
class SiteProfile:
    """Overrides for one site family. Every field is optional."""

    name: str
    domains: tuple[str, ...] = ()
    timezone: str | None = None  # None: inferred per page (Indonesian sites: Asia/Jakarta)
    site_names: tuple[str, ...] = ()
    title: tuple[str, ...] = ()
    author: tuple[str, ...] = ()
    date: tuple[str, ...] = ()
    body: tuple[str, ...] = ()
    remove: tuple[str, ...] = ()
    article_url: tuple[str, ...] = ()
    not_article_url: tuple[str, ...] = ()
    crawl: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    source: str = ""

    def covers(self, host: str) -> bool:
        host = host.lower().rstrip(".")
        return any(host == d or host.endswith("." + d) for d in self.domains)

    def is_article_url(self, url: str) -> bool | None:
        """True/False when the profile's URL patterns decide, None when they are silent."""
        if any(re.search(p, url) for p in self.not_article_url):
            return False
        if any(re.search(p, url) for p in self.article_url):
            return True
        return None


DEFAULT = SiteProfile(name="default")


def _tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def load_profile(path: Path | Traversable) -> SiteProfile:
    """Read one profile file; raises ``ValueError`` with the file name when it is malformed."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ValueError(f"site profile {path}: {exc}") from exc
    try:
        return _build_profile(data, path)
    except (re.error, TypeError, AttributeError) as exc:
        raise ValueError(f"site profile {path}: {exc}") from exc


def _build_profile(data: dict, path: Path | Traversable) -> SiteProfile:
    for table in ("site", "extract", "urls", "crawl"):
        if not isinstance(data.get(table, {}), dict):
            raise TypeError(f"[{table}] must be a table")
    site = data.get("site", {})
    ext = data.get("extract", {})
    urls = data.get("urls", {})
    domains = tuple(d.lower().lstrip(".") for d in _tuple(site.get("domains")))
    if not domains:
        raise ValueError(f"site profile {path}: [site] domains is required")
    for pattern in (*_tuple(urls.get("article")), *_tuple(urls.get("not_article"))):
        re.compile(pattern)
    return SiteProfile(
        name=site.get("name") or path.name.rsplit(".", 1)[0],
        domains=domains,
        timezone=site.get("timezone", "Asia/Jakarta"),
        site_names=_tuple(site.get("site_names")),
        title=_tuple(ext.get("title")),
        author=_tuple(ext.get("author")),
        date=_tuple(ext.get("date")),
        body=_tuple(ext.get("body")),
        remove=_tuple(ext.get("remove")),
        article_url=_tuple(urls.get("article")),
        not_article_url=_tuple(urls.get("not_article")),
        crawl=dict(data.get("crawl", {})),
        source=str(path),
    )


@lru_cache(maxsize=8)
def load_profiles(extra_dir: str | None = None) -> tuple[SiteProfile, ...]:
    """All profiles: the built-in ones plus those of ``extra_dir`` (which win on equal domains)."""
    dirs: list[Path | Traversable] = [BUILTIN_DIR]
    extra_dir = extra_dir or os.environ.get("CRAWLER_PROFILES")
    if extra_dir:
        dirs.append(Path(extra_dir))
    profiles: list[SiteProfile] = []
    for d in dirs:
        if d.is_dir():
            found = sorted((p for p in d.iterdir() if p.name.endswith(".toml") and p.is_file()), key=lambda p: p.name)
            profiles.extend(load_profile(p) for p in found)
    return tuple(profiles)


def profile_for(host_or_url: str, extra_dir: str | None = None) -> SiteProfile:
    """The profile covering a host (the longest matching domain wins), else :data:`DEFAULT`."""
    host = host_or_url.lower().strip()
    if "://" in host:
        from .urls import host_of

        host = host_of(host)
    best, best_len = DEFAULT, -1
    for profile in load_profiles(extra_dir):
        for d in profile.domains:
            if (host == d or host.endswith("." + d)) and len(d) >= best_len:
                best, best_len = profile, len(d)
    return best
