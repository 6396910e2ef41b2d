"""Crawl throughput and memory: our ``site`` spider against a bare downloader on the same fake site.

Starts :class:`crawler.fakesite.FakeSite` (WordPress style) with N articles in a
separate process (its article pages rendered ahead and served from memory, the
other pages rendered on first request), then runs, each in its own process: (1) a bare Scrapy spider
that only downloads the N article URLs, (2) our ``site`` spider, which
discovers the same articles itself (robots, sitemaps, feeds, listings), extracts
and writes them as JSONL, once per ``--workers`` value (``EXTRACTION_WORKERS``:
0 extracts in the crawl process, N in N worker processes). Prints pages/second,
articles, wall time, CPU milliseconds per page (of the crawl process, of its
workers, and of the fake site's server meanwhile) and peak RSS (of the crawl process; with workers also the
sampled peak of the crawl and its workers together) of each, and the ratio; ``--write`` records the table in
bench/RESULTS.md. With ``--rounds N`` the runs are repeated N times, each round
the bare spider then ours back to back; the table gives the median and every
round's pages/s, and the median (and range) of the rounds' ratios, since a
shared machine's speed drifts between runs.

    python bench/crawl.py --articles 20000
    python bench/crawl.py --articles 2000 --articles 20000 --workers 0 --workers 1 --rounds 3 --write
    python bench/crawl.py --articles 5000 --workers 1 --set CONCURRENT_REQUESTS=64   # a setting, both spiders
    python bench/crawl.py --articles 5000 --workers 1 --render-pages   # the site renders each page on request
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from multiprocessing import Event, Process, Queue
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import common  # noqa: E402

COMMON = ["-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0", "-s", "CONCURRENT_REQUESTS=32",
          "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=32", "-s", "LOG_LEVEL=INFO", "-s", "LOGSTATS_INTERVAL=3600",
          "-s", "TELNETCONSOLE_ENABLED=False"]


def _serve(n: int, ready: Queue, stop: Event, render: bool = False) -> None:
    from crawler.fakesite import FakeSite

    # pages rendered once, then served from memory like a static web server's files (the issue asks for a
    # fast local server): rendering would take CPU from the crawl measured on the same cores. With
    # ``render`` every request renders its page, as the tests' fake site does.
    with FakeSite(style="wp", n_articles=n, cache=not render) as site:
        if not render:
            site.render_articles()
        ready.put((site.url, [r["url"] for r in site.expected_articles()]))
        stop.wait()


def _descendants(root: int) -> tuple[int, dict[int, float]]:
    """RSS (KiB) of a process and all its descendants (the crawl, its forkserver and extraction workers),
    and the CPU seconds used so far by each of them, from /proc."""
    parents, rss, cpu = {}, {}, {}
    tick = os.sysconf("SC_CLK_TCK")
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        pid = int(entry.name)
        parents[pid] = int(fields.get("PPid", "0").strip() or 0)
        rss[pid] = int(fields.get("VmRSS", "0 kB").split()[0])
        cpu[pid] = (int(stat[11]) + int(stat[12])) / tick  # utime + stime
    total, tree_cpu = 0, {}
    for pid in rss:
        p = pid
        while p and p != root:
            p = parents.get(p, 0)
        if p == root:
            total += rss[pid]
            tree_cpu[pid] = cpu[pid]
    return total, tree_cpu


def _cpu_of(pid: int) -> float:
    """CPU seconds (user + system) a running process has used so far, from /proc."""
    stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(stat[11]) + int(stat[12])) / os.sysconf("SC_CLK_TCK")


def _run(cmd: list[str], server_pid: int, cwd: Path = REPO, tree: bool = False) -> dict:
    """Run a crawl process; wall seconds, its peak RSS (MiB), CPU seconds (its own, with ``tree`` those
    of its descendants: the extraction workers, and those of the fake site's server meanwhile), the sampled
    peak RSS of it and its descendants, and its final stats."""
    server_cpu = _cpu_of(server_pid)
    t0 = time.perf_counter()
    with tempfile.TemporaryFile("w+") as err_file:  # a pipe would fill up and stall a chatty crawl
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err_file, text=True)
        tree_peak, below = 0, {}
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if tree:  # only for crawls with worker processes: the walk of /proc costs CPU too
                rss, cpu = _descendants(proc.pid)
                tree_peak = max(tree_peak, rss)
                below.update(cpu)  # the last reading of each (the final second of a worker is missed)
            time.sleep(1.0 if tree else 0.05)
        wall = time.perf_counter() - t0
        server_cpu = _cpu_of(server_pid) - server_cpu
        err_file.seek(0)
        err = err_file.read()
    proc.returncode = os.waitstatus_to_exitcode(status)
    stats = {}
    if "Dumping Scrapy stats:" in err:
        block = err.split("Dumping Scrapy stats:", 1)[1].split("\n}", 1)[0] + "\n}"
        for line in block.splitlines():
            line = line.strip().rstrip(",")
            if line.startswith("'") and "':" in line:
                key, value = line[1:].split("':", 1)
                value = value.strip()
                stats[key] = int(value) if value.isdigit() else value
    # wait4 counts the crawl process and those of its descendants it reaped; the workers are reaped by
    # the forkserver, which outlives the crawl: take the larger of the two readings of the crawl's own CPU
    # (the /proc one misses its last second)
    own = below.pop(proc.pid, 0.0)
    workers_cpu = sum(below.values())
    total_cpu = usage.ru_utime + usage.ru_stime
    crawl_cpu = max(own, total_cpu - workers_cpu) if tree else total_cpu
    return {"wall": wall, "rss_mib": usage.ru_maxrss / 1024, "stats": stats, "rc": proc.returncode,
            "cpu_s": crawl_cpu, "workers_cpu_s": workers_cpu, "server_cpu_s": server_cpu,
            "tree_peak_mib": tree_peak / 1024}


def measure(n: int, workers: list[int], rounds: int = 1, extra: tuple[str, ...] = (), render: bool = False) -> dict:
    """``rounds`` rounds, each the bare spider then ours per worker setting, back to back, so that a
    ratio compares runs made under the same load of a shared machine."""
    ready, stop = Queue(), Event()
    server = Process(target=_serve, args=(n, ready, stop, render), daemon=True)
    server.start()
    base, urls = ready.get(timeout=120)
    bare_runs, our_runs = [], {w: [] for w in workers}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            url_file = Path(tmp) / "urls.txt"
            url_file.write_text("\n".join(urls), encoding="utf-8")
            for _ in range(rounds):
                # outside the project (no scrapy.cfg): plain Scrapy settings, none of our middlewares or pipelines
                bare_runs.append(_run([sys.executable, "-m", "scrapy", "runspider",
                                       str(REPO / "bench" / "bare_spider.py"), "-a", f"urls_file={url_file}",
                                       *COMMON, *extra], server.pid, cwd=Path(tmp)))
                for w in workers:
                    out = Path(tmp) / f"out-{w}.jsonl"
                    out.unlink(missing_ok=True)
                    for state in Path(tmp).glob(f"out-{w}.jsonl.*"):  # its seen-store: each round starts afresh
                        shutil.rmtree(state) if state.is_dir() else state.unlink()
                    run = _run([sys.executable, "-m", "scrapy", "crawl", "site", "-a", f"url={base}/", *COMMON, *extra,
                                "-s", f"JSONL_OUTPUT={out}", "-s", f"EXTRACTION_WORKERS={w}"], server.pid, tree=w > 0)
                    run["written"] = len(out.read_bytes().splitlines()) if out.exists() else 0
                    our_runs[w].append(run)
    finally:
        stop.set()
        server.join(10)

    def pps(r: dict) -> float:
        return r["stats"].get("response_received_count", 0) / r["wall"]

    def figures(runs: list[dict]) -> dict:
        middle = sorted(runs, key=pps)[len(runs) // 2]  # the median run by pages/s
        pages = max(middle["stats"].get("response_received_count", 0), 1)
        return {"pages": middle["stats"].get("response_received_count", 0), "wall_s": round(middle["wall"], 1),
                "cpu_ms_per_page": round(1000 * middle["cpu_s"] / pages, 2),
                "workers_cpu_ms_per_page": round(1000 * middle["workers_cpu_s"] / pages, 2),
                "server_cpu_ms_per_page": round(1000 * middle["server_cpu_s"] / pages, 2),
                "pages_per_s": round(pps(middle), 1), "pages_per_s_all": [round(pps(r), 1) for r in runs],
                "rss_mib": round(max(r["rss_mib"] for r in runs), 1), "rc": [r["rc"] for r in runs]}

    row = {"articles": n, "rounds": rounds, "bare": figures(bare_runs), "ours": {}}
    for w, runs in our_runs.items():
        ratios = sorted(pps(r) / max(pps(b), 1e-9) for r, b in zip(runs, bare_runs))
        row["ours"][w] = {**figures(runs), "articles_written": min(r["written"] for r in runs),
                          "ratio": round(ratios[len(ratios) // 2], 2),
                          "ratio_range": [round(ratios[0], 2), round(ratios[-1], 2)]}
        if w:  # the crawl with its forkserver and workers, sampled every second
            row["ours"][w]["tree_rss_mib"] = round(max(r["tree_peak_mib"] for r in runs), 1)
    return row


def table(rows: list[dict]) -> str:
    out = [("| articles on site | spider | pages | articles written | wall s | pages/s "
            "| CPU ms/page: crawl process (+ workers) | fake site's server CPU ms/page | peak RSS MiB | ours/bare pages/s |"),
           "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in rows:
        b = r["bare"]
        out.append(f"| {r['articles']} | bare (download only) | {b['pages']} | - | {b['wall_s']} | "
                   f"{_spread(b)} | {b['cpu_ms_per_page']} | {b['server_cpu_ms_per_page']} | {b['rss_mib']} | |")
        for w, o in r["ours"].items():
            how = "extraction in the crawl process" if not w else f"`EXTRACTION_WORKERS={w}`"
            rss = f"{o['rss_mib']}" + (f" ({o['tree_rss_mib']} with workers)" if "tree_rss_mib" in o else "")
            cpu = f"{o['cpu_ms_per_page']}" + (f" (+ {o['workers_cpu_ms_per_page']})" if w else "")
            ratio = f"{o['ratio']}" + (f" ({o['ratio_range'][0]}-{o['ratio_range'][1]})" if r["rounds"] > 1 else "")
            out.append(f"| {r['articles']} | ours (`site`: discover, extract, write; {how}) | {o['pages']} | "
                       f"{o['articles_written']} | {o['wall_s']} | {_spread(o)} | {cpu} "
                       f"| {o['server_cpu_ms_per_page']} | {rss} | {ratio} |")
    return "\n".join(out)


def _spread(figures: dict) -> str:
    """The median pages/s, and every round's when there were several."""
    runs = figures["pages_per_s_all"]
    return f"{figures['pages_per_s']}" + (f" ({', '.join(str(x) for x in runs)})" if len(runs) > 1 else "")


def write_results(text: str, command: str, render: bool = False) -> None:
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    served = ("renders every page when it is requested" if render else
              "serves its article pages from memory, rendered ahead, and renders the other pages on request")
    common.update_block("crawl", f"## Crawl throughput and memory\n\n`{command}` on {os.cpu_count()} CPUs, "
                        f"Python {platform.python_version()}, {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, "
                        f"load average after the run {load}. The fake site runs in its own process on the same "
                        f"{os.cpu_count()} cores and {served}.\n\n{text}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, action="append", help="articles on the fake site (repeatable)")
    ap.add_argument("--workers", type=int, action="append",
                    help="EXTRACTION_WORKERS for our crawl (repeatable; default: 0 and 1)")
    ap.add_argument("--rounds", type=int, default=1,
                    help="rounds of bare-then-ours runs; medians are reported, each round's ratio pairs runs "
                         "made back to back (default 1)")
    ap.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                    help="a Scrapy setting for both spiders, e.g. CONCURRENT_REQUESTS=64 (repeatable)")
    ap.add_argument("--render-pages", action="store_true",
                    help="the fake site renders every page when it is requested (CPU on the same cores) instead "
                         "of serving article pages rendered ahead from memory")
    ap.add_argument("--write", action="store_true", help="record the table in bench/RESULTS.md")
    args = ap.parse_args()
    extra = tuple(arg for setting in args.set for arg in ("-s", setting))
    rows = []
    workers = args.workers or [0, 1]
    for n in args.articles or [20000]:
        rows.append(measure(n, workers, args.rounds, extra, args.render_pages))
        print(json.dumps(rows[-1]), file=sys.stderr)
    text = table(rows)
    print(text)
    if args.write:
        write_results(text, "python bench/crawl.py " + " ".join(f"--articles {n}" for n in args.articles or [20000])
                      + "".join(f" --workers {w}" for w in workers)
                      + (f" --rounds {args.rounds}" if args.rounds > 1 else "")
                      + "".join(f" --set '{setting}'" for setting in args.set)
                      + (" --render-pages" if args.render_pages else "") + " --write", args.render_pages)


if __name__ == "__main__":
    main()
