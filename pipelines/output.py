"""Where a crawl's files go: the JSONL output, its state directory and its run summary.

Setting ``JSONL_OUTPUT`` chooses the JSONL output (``-s JSONL_OUTPUT=VALUE``):

============================================  =================================================================
value                                         output
============================================  =================================================================
unset (default)                               none: the JSONL writer is off; use Scrapy's ``-O``/``-o`` feeds
``out/articles.jsonl``                        one file; state in ``out/articles.jsonl.state/``, summary in
                                              ``out/articles.jsonl.summary.json``
``data/{site}/{date:%Y-%m-%d}.jsonl``         a path template; its root is the directory before the first
                                              field (``data``): state in ``data/.state/``, summary in
                                              ``data/summary.json``
``data/`` (trailing slash or existing dir)    the default template under that directory:
                                              ``data/{site}/{date:%Y-%m-%d}.jsonl``
============================================  =================================================================

Template fields: ``{site}`` (the record's host), ``{spider}`` (the spider's
name) and ``{date}`` (a :class:`~datetime.datetime` taking a strftime format:
the article's publication time in the offset the page states with
``JSONL_PATH_BY = "published"``, the default, or the run's local start time
with ``JSONL_PATH_BY = "run"``). Values from page data are sanitised to one
safe path component (letters, digits, ``._-``; no leading dot), so no page can
name an absolute path or climb out of the root with ``..``.
"""

from __future__ import annotations

import os
import re
import string
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from crawler.extraction.urls import host_of
from crawler.state.base import parse_time

DEFAULT_TEMPLATE = "{site}/{date:%Y-%m-%d}.jsonl"
TEMPLATE_FIELDS = frozenset({"site", "date", "spider"})
PATH_BY = ("published", "run")

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_component(value: str) -> str:
    """``value`` as one harmless path component: ``../../etc`` becomes ``etc``, ``a/b c`` ``a_b_c``."""
    return _UNSAFE.sub("_", value).strip("._-")[:100] or "_"


@dataclass(frozen=True)
class OutputTarget:
    """A parsed ``JSONL_OUTPUT``: one ``file`` or a ``template`` under ``root``."""

    file: Path | None
    template: str | None
    root: Path
    by: str = "published"

    @classmethod
    def from_settings(cls, settings) -> "OutputTarget | None":
        """The target ``JSONL_OUTPUT``/``JSONL_PATH_BY`` describe, or ``None`` when ``JSONL_OUTPUT`` is unset."""
        value = settings.get("JSONL_OUTPUT")
        if not value:
            return None
        return cls.parse(str(value), settings.get("JSONL_PATH_BY") or "published")

    @classmethod
    def parse(cls, value: str, by: str = "published") -> "OutputTarget":
        if by not in PATH_BY:
            raise ValueError(f"JSONL_PATH_BY must be one of {', '.join(PATH_BY)}, not {by!r}")
        if value.endswith(("/", os.sep)) or (Path(value).is_dir() and "{" not in value):
            value = os.path.join(value, DEFAULT_TEMPLATE)
        if "{" not in value:
            return cls(file=Path(value), template=None, root=Path(value).parent, by=by)
        fields = {name for _, name, _, _ in string.Formatter().parse(value) if name is not None}
        if not fields <= TEMPLATE_FIELDS or "" in fields:
            raise ValueError(f"JSONL_OUTPUT template {value!r}: fields may only be "
                             f"{{site}}, {{spider}} and {{date:FORMAT}}")
        prefix = value[: value.index("{")]
        return cls(file=None, template=value, root=Path(os.path.dirname(prefix) or "."), by=by)

    @property
    def state_dir(self) -> Path:
        """Default directory of the seen-store (setting ``STATE_DIR`` overrides it)."""
        return Path(f"{self.file}.state") if self.file else self.root / ".state"

    @property
    def summary_path(self) -> Path:
        """Default path of the run summary (setting ``SUMMARY_PATH`` overrides it)."""
        return Path(f"{self.file}.summary.json") if self.file else self.root / "summary.json"

    @property
    def journal_path(self) -> Path:
        """The writer's journal: the files it appends to in the current run (see :mod:`pipelines.jsonl`)."""
        if self.file:
            return self.file.with_name(f".{self.file.name}.journal")
        return self.root / ".jsonl.journal"

    def path_for(self, record: dict, run_started: datetime, spider: str) -> Path:
        """The file ``record`` goes to."""
        if self.file is not None:
            return self.file
        when = parse_time(record.get("published")) if self.by == "published" else run_started
        site = record.get("site") or host_of(record.get("url") or "")
        return Path(self.template.format(site=safe_component(site), date=when or run_started,
                                         spider=safe_component(spider)))
