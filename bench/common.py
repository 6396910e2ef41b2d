"""Shared pieces of the bench scripts: the data sets, machine facts, RESULTS.md blocks.

Not run directly. Data sets (``load_set(name)`` -> list of :class:`Page`, or raises
:class:`SetMissing` with the reason):

* ``aeb`` - scrapinghub article-extraction-benchmark, 181 pages, body only;
* ``htmldate`` - htmldate's Media Cloud 2020 set, publication day only (the 5 pages
  without a date are skipped);
* ``samples`` - ``shared/samples/*.html`` with expected records in
  ``tests/expected/samples/<stem>.json``;
* ``fixtures`` - ``tests/fixtures/pages/*.html`` with ``<stem>.json`` next to each.

For ``samples``/``fixtures`` a record with ``"article": false`` is a non-article page;
``_fetch_url`` (else ``url``) is the URL passed to the tools. Only the fields present
in an expected record are scored. ``shared/`` is the folder beside the repository,
overridable with the environment variable ``SHARED_DIR``.
"""

from __future__ import annotations

import gzip
import json
import os
import platform
import re
import sys
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO / "bench"
RESULTS_MD = BENCH / "RESULTS.md"
RESULTS_DIR = BENCH / "results"
SETS = ("aeb", "htmldate", "samples", "fixtures")

for _p in (str(REPO), str(BENCH)):
    if _p not in sys.path:
        sys.path.insert(0, _p)


def shared_dir() -> Path:
    env = os.environ.get("SHARED_DIR")
    return Path(env) if env else REPO.parent / "shared"


class SetMissing(Exception):
    """The data set (or its expected values) is not there; the message says why."""


@dataclass
class Page:
    id: str
    url: str | None
    html: bytes
    #: expected values: any of title, author, published, body, day, article (bool)
    expected: dict = field(default_factory=dict)

    @property
    def is_article(self) -> bool:
        return self.expected.get("article", True) is not False


def _read(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


def _load_aeb() -> list[Page]:
    root = shared_dir() / "bench" / "article-extraction-benchmark"
    gt_path = root / "ground-truth.json"
    if not gt_path.is_file():
        raise SetMissing(f"{gt_path} not found")
    gt = json.loads(gt_path.read_text("utf-8"))
    pages = []
    for key in sorted(gt):
        path = root / "html" / f"{key}.html.gz"
        if not path.is_file():
            raise SetMissing(f"{path} not found")
        pages.append(Page(key, gt[key].get("url"), _read(path),
                          {"body": gt[key].get("articleBody") or ""}))
    return pages


def _load_htmldate() -> list[Page]:
    root = shared_dir() / "bench" / "htmldate-mediacloud-2020"
    js = root / "eval_mediacloud_2020.json"
    if not js.is_file():
        raise SetMissing(f"{js} not found")
    data = json.loads(js.read_text("utf-8"))
    pages = []
    for url, item in data.items():
        day = item.get("date")
        if not isinstance(day, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", day):
            continue  # NaN: no usable date
        path = root / "test_set" / (item["file"] + ".gz")
        if not path.is_file():
            path = root / "test_set" / item["file"]
        if not path.is_file():
            raise SetMissing(f"{path} not found")
        pages.append(Page(Path(item["file"]).stem, url, _read(path), {"day": day}))
    return pages


_RECORD_FIELDS = ("title", "author", "published", "body")


def _expected_from_record(rec: dict) -> dict:
    if rec.get("article") is False:
        return {"article": False}
    exp = {k: rec[k] for k in _RECORD_FIELDS if k in rec}
    if exp.get("published"):
        exp["day"] = exp["published"]
    exp["article"] = True
    return exp


def _load_pairs(html_paths, json_for, what: str) -> list[Page]:
    pages, missing = [], []
    for path in sorted(html_paths):
        jp = json_for(path)
        if not jp.is_file():
            missing.append(path.name)
            continue
        rec = json.loads(jp.read_text("utf-8"))
        url = rec.get("_fetch_url") or rec.get("url")
        pages.append(Page(path.stem, url, _read(path), _expected_from_record(rec)))
    if missing:
        print(f"[{what}] {len(missing)} page(s) without expected JSON skipped: "
              f"{', '.join(missing[:5])}{' ...' if len(missing) > 5 else ''}", file=sys.stderr)
    if not pages:
        raise SetMissing(f"no page with an expected record ({len(missing)} without)")
    return pages


def _load_samples() -> list[Page]:
    root = shared_dir() / "samples"
    htmls = list(root.glob("*.html"))
    if not htmls:
        raise SetMissing(f"no HTML in {root}")
    exp_dir = REPO / "tests" / "expected" / "samples"
    return _load_pairs(htmls, lambda p: exp_dir / f"{p.stem}.json", "samples")


def _load_fixtures() -> list[Page]:
    root = REPO / "tests" / "fixtures" / "pages"
    htmls = list(root.glob("*.html")) + list(root.glob("*.html.gz"))
    if not htmls:
        raise SetMissing(f"no HTML in {root}")

    def json_for(p: Path) -> Path:
        stem = p.name[:-len(".html.gz")] if p.name.endswith(".html.gz") else p.stem
        return p.with_name(f"{stem}.json")
    return _load_pairs(htmls, json_for, "fixtures")


_LOADERS = {"aeb": _load_aeb, "htmldate": _load_htmldate,
            "samples": _load_samples, "fixtures": _load_fixtures}


def load_set(name: str) -> list[Page]:
    if name not in _LOADERS:
        raise SetMissing(f"unknown set {name!r} (known: {', '.join(SETS)})")
    return _LOADERS[name]()


# ---------------------------------------------------------------------------
# machine facts and the RESULTS.md blocks
# ---------------------------------------------------------------------------

def machine_info() -> dict:
    mem = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    try:
        ncpu = len(os.sched_getaffinity(0))
    except AttributeError:
        ncpu = os.cpu_count()
    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        load = "?"
    return {"nproc": ncpu, "memory": mem, "cpu": cpu, "loadavg": load,
            "python": platform.python_version(), "platform": platform.platform(terse=True)}


def machine_line(m: dict) -> str:
    return (f"{m.get('nproc')} CPUs ({m.get('cpu')}), {m.get('memory')} RAM, "
            f"Python {m.get('python')}, {m.get('platform')}"
            + (f", load average at start {m['loadavg']}" if m.get("loadavg") else ""))


def now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def command_line() -> str:
    exe = sys.executable
    try:
        rel = Path(sys.argv[0]).resolve().relative_to(REPO)
    except ValueError:
        rel = Path(sys.argv[0])
    return " ".join([exe, str(rel), *sys.argv[1:]])


def load_store(name: str) -> dict:
    path = RESULTS_DIR / f"{name}.json"
    if path.is_file():
        return json.loads(path.read_text("utf-8"))
    return {}


def save_store(name: str, data: dict) -> Path:
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    path = RESULTS_DIR / f"{name}.json"
    path.write_text(json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n", "utf-8")
    return path


_HEADER = """# Benchmark results

Generated by `bench/quality.py --write` and `bench/speed.py --write` (raw figures in
`bench/results/*.json`). Text between the BEGIN/END markers is rewritten by the
scripts; anything outside them is kept.
"""


def update_block(name: str, content: str, path: Path = RESULTS_MD) -> None:
    """Replace (or append) the ``<!-- BEGIN name -->...<!-- END name -->`` block."""
    begin, end = f"<!-- BEGIN {name} -->", f"<!-- END {name} -->"
    text = path.read_text("utf-8") if path.is_file() else _HEADER
    block = f"{begin}\n{content.rstrip()}\n{end}"
    pattern = re.compile(re.escape(begin) + r".*?" + re.escape(end), re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _m: block, text)
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    path.write_text(text if text.endswith("\n") else text + "\n", "utf-8")


def md_table(headers: list[str], rows: list[list[str]], right: set[int] | None = None) -> str:
    right = right if right is not None else set(range(1, len(headers)))
    out = ["| " + " | ".join(headers) + " |",
           "| " + " | ".join("---:" if i in right else "---" for i in range(len(headers))) + " |"]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(out)


def text_table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    fmt = "  ".join(f"{{:{'<' if i == 0 else '>'}{w}}}" for i, w in enumerate(widths))
    lines = [fmt.format(*headers), "  ".join("-" * w for w in widths)]
    lines += [fmt.format(*r) for r in rows]
    return "\n".join(lines)
