"""Extraction speed per tool: median and p90 milliseconds per page.

Each tool runs in its own subprocess (so one tool's imports and caches do not
affect another), on the same pages given as bytes (the peers decode them inside
the timed call; ``ours`` receives the bytes). One untimed warm-up pass over all
pages precedes ``--repeat`` timed passes; every call is timed with
``time.perf_counter``. The floor is measured the same way: ``lxml-parse``
(``lxml.html.fromstring`` alone) and ``html-text`` (whole-page text extraction).

    /work/benchenv/bin/python bench/speed.py                       # all tools, aeb set
    /work/benchenv/bin/python bench/speed.py --tools ours,trafilatura --sets aeb,fixtures
    /work/benchenv/bin/python bench/speed.py --write               # update bench/RESULTS.md

``--write`` stores the figures per (set, tool) in ``bench/results/speed.json`` and
regenerates the speed block of ``bench/RESULTS.md``. Timings depend on the machine
and its load: compare tools measured in the same run.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common  # noqa: E402
import peers  # noqa: E402

FLOOR = ("lxml-parse",)
ALL = (*peers.TOOLS, *FLOOR)


def _lxml_parse():
    import lxml.html  # noqa: PLC0415

    def run(html, url):
        lxml.html.fromstring(html)
        return {}
    return run


def worker(tool: str, set_name: str, repeat: int) -> dict:
    """Runs in the subprocess: time one tool on one set."""
    t0 = time.perf_counter()
    try:
        fn = _lxml_parse() if tool == "lxml-parse" else peers.get_tool(tool)
    except peers.Unavailable as exc:
        return {"unavailable": str(exc)}
    load_s = time.perf_counter() - t0
    pages = common.load_set(set_name)
    errors = 0
    t0 = time.perf_counter()
    for p in pages:  # warm-up
        fn(p.html, p.url)
    warm_s = time.perf_counter() - t0
    times = []
    for _ in range(repeat):
        for p in pages:
            t = time.perf_counter()
            out = fn(p.html, p.url)
            times.append((time.perf_counter() - t) * 1000)
            if out.get("error"):
                errors += 1
    return {"pages": len(pages), "calls": len(times), "errors": errors,
            "median_ms": statistics.median(times),
            "p90_ms": statistics.quantiles(times, n=10, method="inclusive")[8],
            "mean_ms": statistics.fmean(times), "max_ms": max(times),
            "import_s": load_s, "warmup_s": warm_s,
            "version": "lxml " + __import__("lxml").__version__ if tool == "lxml-parse" else peers.version(tool)}


def run_subprocess(tool: str, set_name: str, repeat: int, timeout: float) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", tool, "--sets", set_name,
           "--repeat", str(repeat)]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=common.REPO)
    except subprocess.TimeoutExpired:
        return {"failed": f"timeout after {timeout:.0f} s"}
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode != 0 or not lines:
        return {"failed": f"exit {proc.returncode}: {proc.stderr.strip().splitlines()[-1:] or ''}"}
    return json.loads(lines[-1])


def table(results: dict[str, dict], markdown: bool, with_date: bool = False) -> str:
    headers = ["tool", "version", "median ms", "p90 ms", "mean ms", "max ms", "pages/s", "import s", "errors"]
    if with_date:
        headers.append("measured")
    order = {t: i for i, t in enumerate(ALL)}
    rows = []
    for tool in sorted(results, key=lambda t: order.get(t, 99)):
        r = results[tool]
        row = [tool, str(r.get("version", "?")), f"{r['median_ms']:.1f}", f"{r['p90_ms']:.1f}",
               f"{r['mean_ms']:.1f}", f"{r['max_ms']:.0f}", f"{1000 / r['mean_ms']:.0f}",
               f"{r['import_s']:.2f}", f"{r['errors']}/{r['calls']}"]
        if with_date:
            row.append(r.get("date", "?"))
        rows.append(row)
    if markdown:
        return common.md_table(headers, rows, right=set(range(2, 9)))
    return common.text_table(headers, rows)


def render_block(store: dict) -> str:
    parts = ["## Speed", "",
             "Milliseconds per page, one process per tool, bytes in, after one warm-up pass "
             "(`lxml-parse` = `lxml.html.fromstring` alone, the parse floor; `html-text` = "
             "whole-page text). `import s` = time to import the tool and build its extractor.", ""]
    runs = {}
    for name in common.SETS:
        if name not in store:
            continue
        parts += [f"### {name}", "", table(store[name], True, with_date=True), ""]
        for r in store[name].values():
            runs.setdefault((r.get("date"), r.get("command")), r.get("machine"))
    parts += ["Runs:", ""]
    for (date, cmd), mach in sorted(runs.items(), key=lambda kv: str(kv[0][0])):
        parts.append(f"- {date}: `{cmd}` on {common.machine_line(mach or {})}")
    return "\n".join(parts)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tools", default="", help=f"comma list (default: all): {','.join(ALL)}")
    ap.add_argument("--sets", default="aeb", help="comma list of aeb, fixtures, samples, htmldate")
    ap.add_argument("--repeat", type=int, default=1, help="timed passes after the warm-up (default 1)")
    ap.add_argument("--timeout", type=float, default=1800, help="seconds per tool and set")
    ap.add_argument("--write", action="store_true", help="store figures and update bench/RESULTS.md")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.worker:
        warnings.simplefilter("ignore")
        print(json.dumps(worker(args.worker, args.sets, args.repeat)))
        return 0

    tools = [t.strip() for t in args.tools.split(",") if t.strip()] or list(ALL)
    unknown = [t for t in tools if t not in ALL]
    if unknown:
        ap.error(f"unknown tool(s): {', '.join(unknown)}")
    machine = common.machine_info()
    stamp, cmd = common.now(), common.command_line()
    print(f"# {stamp} on {common.machine_line(machine)}")
    store = common.load_store("speed") if args.write else {}
    wrote = False
    for set_name in [s.strip() for s in args.sets.split(",") if s.strip()]:
        try:
            n = len(common.load_set(set_name))
        except common.SetMissing as exc:
            print(f"\n== set {set_name}: skipped ({exc})")
            continue
        print(f"\n== set {set_name}: {n} pages")
        results = {}
        for tool in tools:
            r = run_subprocess(tool, set_name, args.repeat, args.timeout)
            if "unavailable" in r or "failed" in r:
                print(f"  {tool}: {'unavailable' if 'unavailable' in r else 'failed'} "
                      f"({r.get('unavailable') or r.get('failed')})")
                continue
            r.update(date=stamp, command=cmd, machine=machine)
            results[tool] = r
            print(f"  {tool}: median {r['median_ms']:.1f} ms", file=sys.stderr)
        if results:
            print(table(results, markdown=False))
            if args.write:
                store.setdefault(set_name, {}).update(results)
                wrote = True
    if wrote:
        path = common.save_store("speed", store)
        common.update_block("speed", render_block(store))
        print(f"\nwrote {path.relative_to(common.REPO)} and {common.RESULTS_MD.relative_to(common.REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
