"""Extraction quality of our extractor and its peers on the benchmark sets.

Runs each chosen tool on each chosen set and prints, per set, one row per tool:
title exact %, author exact %, published exact to the minute with offset %,
same-day %, body precision/recall/F1 (article-extraction-benchmark method, see
``bench/scoring.py``), non-article pages rejected %, article pages kept %, errors
and mean ms/page. A column is blank ("-") when the set has no expected value for
that field or the tool does not produce it. Percentages show their denominators.

Sets: ``aeb`` (body only), ``htmldate`` (publication day only), ``samples``,
``fixtures`` (all fields; see ``bench/common.py``). A set that is absent is skipped
with its reason; a tool that cannot be imported (e.g. ``ours`` before the product
code exists) is reported as unavailable.

    /work/benchenv/bin/python bench/quality.py                        # all sets, all tools
    /work/benchenv/bin/python bench/quality.py --sets aeb --tools trafilatura
    /work/benchenv/bin/python bench/quality.py --sets samples,fixtures --tools ours --misses
    /work/benchenv/bin/python bench/quality.py --sets aeb,htmldate --write   # update bench/RESULTS.md

``--write`` stores the figures per (set, tool) in ``bench/results/quality.json`` and
regenerates the quality block of ``bench/RESULTS.md`` (rows of tools not run keep
their previous figures, each row says when it was measured). ``--dump DIR`` writes
every prediction as JSON lines; ``--worst N`` lists each tool's N worst body pages;
``--misses`` lists every wrong title/author/published.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common  # noqa: E402
import peers  # noqa: E402
import scoring  # noqa: E402

SET_NOTES = {
    "aeb": "scrapinghub article-extraction-benchmark, 181 pages (body only)",
    "htmldate": "htmldate Media Cloud 2020, 195 dated pages (publication day only)",
    "samples": "shared/samples Indonesian pages, expected records in tests/expected/samples",
    "fixtures": "tests/fixtures/pages, expected JSON next to each page",
}

COLUMNS = [  # key, header
    ("title", "title"), ("author", "author"), ("pub_min", "pub min+tz"), ("day", "same day"),
    ("body_p", "body P"), ("body_r", "body R"), ("body_f1", "body F1"),
    ("reject", "non-art rejected"), ("kept", "articles kept"),
]


def evaluate(tool: str, pages: list[common.Page], dump=None) -> tuple[dict, list[dict]]:
    fn = peers.get_tool(tool)
    fields = peers.FIELDS[tool]
    flags: dict[str, list[bool]] = {k: [] for k in ("title", "author", "pub_min", "day", "reject", "kept")}
    counts, per_page = [], []
    errors, t_total = 0, 0.0
    for page in pages:
        t0 = time.perf_counter()
        pred = fn(page.html, page.url)
        t_total += time.perf_counter() - t0
        if pred.get("error"):
            errors += 1
        exp = page.expected
        row = {"id": page.id, "url": page.url, "pred": pred}
        if not page.is_article:
            if "body" in fields or "reject" in fields:  # a date-only tool cannot reject
                flags["reject"].append(scoring.is_rejected(pred))
                row["rejected_ok"] = flags["reject"][-1]
        else:
            if "article" in exp and ("body" in fields or "reject" in fields):
                flags["kept"].append(not scoring.is_rejected(pred))
            if "title" in exp and "title" in fields:
                flags["title"].append(scoring.text_equal(exp["title"], pred.get("title")))
                row["title_ok"] = flags["title"][-1]
            if "author" in exp and "author" in fields:
                flags["author"].append(scoring.text_equal(exp["author"], pred.get("author")))
                row["author_ok"] = flags["author"][-1]
            if "published" in exp and "published" in fields:
                flags["pub_min"].append(scoring.published_exact_minute(exp["published"], pred.get("published")))
                row["pub_min_ok"] = flags["pub_min"][-1]
            if "day" in exp and "published" in fields:
                flags["day"].append(scoring.same_day(exp["day"], pred.get("published")))
                row["day_ok"] = flags["day"][-1]
            if "body" in exp and "body" in fields:
                counts.append(scoring.page_counts(exp["body"], pred.get("body")))
                row["body_f1"] = scoring.page_f1(exp["body"], pred.get("body"))
        per_page.append(row)
        if dump is not None:
            dump.write(json.dumps(row, ensure_ascii=False) + "\n")
    m: dict = {"pages": len(pages), "errors": errors, "ms_mean": 1000 * t_total / max(1, len(pages))}
    for k, fl in flags.items():
        r, n = scoring.rate(fl)
        if n:
            m[k] = r
            m[k + "_n"] = n
    if counts:
        b = scoring.body_metrics(counts)
        m.update(body_p=b["precision"], body_r=b["recall"], body_f1=b["f1"], body_n=len(counts))
    return m, per_page


def fmt_cell(m: dict, key: str) -> str:
    if key in ("body_p", "body_r", "body_f1"):
        v = m.get(key)
        return "-" if v is None else f"{v:.3f}"
    v = m.get(key)
    if v is None:
        return "-"
    return f"{100 * v:.1f}% ({m.get(key + '_n')})"


def set_table(results: dict[str, dict], markdown: bool, with_date: bool = False) -> str:
    keys = [(k, h) for k, h in COLUMNS if any(m.get(k) is not None for m in results.values())]
    headers = ["tool", "version", *[h for _, h in keys], "errors", "ms/page"]
    if with_date:
        headers.append("measured")
    rows = []
    order = {t: i for i, t in enumerate(peers.TOOLS)}
    for tool in sorted(results, key=lambda t: order.get(t, 99)):
        m = results[tool]
        row = [tool, str(m.get("version", "?")), *[fmt_cell(m, k) for k, _ in keys],
               f"{m.get('errors', 0)}/{m.get('pages', 0)}", f"{m.get('ms_mean', 0):.0f}"]
        if with_date:
            row.append(m.get("date", "?"))
        rows.append(row)
    if markdown:
        return common.md_table(headers, rows, right=set(range(2, len(headers) - (1 if with_date else 0))))
    return common.text_table(headers, rows)


def render_block(store: dict) -> str:
    parts = ["## Quality", "",
             "Body P/R/F1: article-extraction-benchmark shingle method. Titles and authors: exact "
             "match after whitespace normalisation. `pub min+tz`: published exact to the minute "
             "with the same UTC offset. `same day`: publication day. Percentages show their "
             "denominators in brackets; `-` = not annotated in the set or not produced by the tool. "
             "`ms/page` here is the mean inside the quality run (see Speed for proper timings).", ""]
    runs = {}
    for name in common.SETS:
        if name not in store:
            continue
        res = store[name]
        parts += [f"### {name}: {SET_NOTES.get(name, '')}", "", set_table(res, True, with_date=True), ""]
        for m in res.values():
            runs.setdefault((m.get("date"), m.get("command")), m.get("machine"))
    parts += ["Runs:", ""]
    for (date, cmd), mach in sorted(runs.items(), key=lambda kv: str(kv[0][0])):
        parts.append(f"- {date}: `{cmd}` on {common.machine_line(mach or {})}")
    return "\n".join(parts)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tools", default="", help=f"comma list (default: all available): {','.join(peers.TOOLS)}")
    ap.add_argument("--sets", default="aeb,samples,fixtures,htmldate", help=f"comma list of {','.join(common.SETS)}")
    ap.add_argument("--write", action="store_true", help="store figures and update bench/RESULTS.md")
    ap.add_argument("--dump", type=Path, help="write predictions to DIR/<set>.<tool>.jsonl")
    ap.add_argument("--worst", type=int, default=0, metavar="N", help="list each tool's N worst body pages")
    ap.add_argument("--misses", action="store_true", help="list wrong titles/authors/dates/rejections")
    args = ap.parse_args(argv)
    warnings.simplefilter("ignore")  # peers' dateutil/nltk warnings drown the tables

    requested = [t.strip() for t in args.tools.split(",") if t.strip()] or list(peers.TOOLS)
    unknown = [t for t in requested if t not in peers.TOOLS]
    if unknown:
        ap.error(f"unknown tool(s): {', '.join(unknown)}")
    avail = peers.availability(requested)
    tools = [t for t in requested if avail[t] is None]
    for t in requested:
        if avail[t]:
            print(f"tool {t}: unavailable ({avail[t]})")
    if not tools:
        print("no tool available")
        return 1

    machine = common.machine_info()
    stamp = common.now()
    cmd = common.command_line()
    print(f"# {stamp} on {common.machine_line(machine)}")
    store = common.load_store("quality") if args.write else {}
    ran_any = False
    for name in [s.strip() for s in args.sets.split(",") if s.strip()]:
        try:
            pages = common.load_set(name)
        except common.SetMissing as exc:
            print(f"\n== set {name}: skipped ({exc})")
            continue
        print(f"\n== set {name}: {len(pages)} pages - {SET_NOTES.get(name, '')}")
        needed = set()  # tool fields this set can score
        for p in pages:
            needed |= {{"day": "published"}.get(k, k) for k in p.expected if k != "article"}
            if not p.is_article:
                needed.add("body")  # a non-article is rejected by returning no body
        results = {}
        for tool in tools:
            if not set(peers.FIELDS[tool]) & needed:
                continue  # the tool produces nothing this set scores
            dump = None
            if args.dump:
                args.dump.mkdir(parents=True, exist_ok=True)
                dump = (args.dump / f"{name}.{tool}.jsonl").open("w", encoding="utf-8")
            t0 = time.perf_counter()
            m, per_page = evaluate(tool, pages, dump)
            if dump:
                dump.close()
            m.update(version=peers.version(tool), date=stamp, command=cmd, machine=machine)
            results[tool] = m
            print(f"  {tool}: done in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
            if args.worst and any("body_f1" in r for r in per_page):
                worst = sorted((r for r in per_page if "body_f1" in r), key=lambda r: r["body_f1"])[:args.worst]
                print(f"  worst body pages for {tool}: " + ", ".join(f"{r['id'][:16]}={r['body_f1']:.2f}" for r in worst))
            if args.misses:
                for r in per_page:
                    for k in ("title", "author", "pub_min", "day"):
                        if r.get(k + "_ok") is False:
                            pk = {"pub_min": "published", "day": "published"}.get(k, k)
                            exp_k = {"pub_min": "published"}.get(k, k)
                            page = next(p for p in pages if p.id == r["id"])
                            print(f"  miss {tool} {r['id']} {k}: expected {page.expected.get(exp_k)!r} got {r['pred'].get(pk)!r}")
                    if r.get("rejected_ok") is False:
                        print(f"  miss {tool} {r['id']}: non-article not rejected")
                    if tool == "ours" and r["pred"].get("rejected") and "body_f1" in r:
                        print(f"  miss {tool} {r['id']}: article rejected ({r['pred'].get('reason')})")
        if not results:
            print("  (no selected tool produces a field this set scores)")
            continue
        ran_any = True
        print(set_table(results, markdown=False))
        if args.write:
            store.setdefault(name, {}).update(results)
    if args.write and ran_any:
        path = common.save_store("quality", store)
        common.update_block("quality", render_block(store))
        print(f"\nwrote {path.relative_to(common.REPO)} and {common.RESULTS_MD.relative_to(common.REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
