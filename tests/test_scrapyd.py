"""scrapyd end to end: a real scrapyd on 127.0.0.1, the project deployed with scrapyd-deploy, a crawl scheduled.

The project is copied to a temporary directory first: scrapyd-deploy writes a
``setup.py`` and build directories next to ``scrapy.cfg``. Skipped with the reason
when scrapyd or scrapyd-client is not installed or scrapyd does not start; failed
instead under ``CI=true``.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from crawler.extraction.profiles import load_profiles
from crawler.fakesite import FakeSite

ROOT = Path(__file__).resolve().parent.parent


def unavailable(reason: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}: CI must be able to run scrapyd (pip install -r requirements-dev.txt)")
    pytest.skip(reason)


def api(base: str, endpoint: str, data: list[tuple[str, str]] | None = None) -> dict:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    with urllib.request.urlopen(f"{base}/{endpoint}", data=body, timeout=10) as response:
        return json.loads(response.read())


@pytest.fixture
def scrapyd(tmp_path):
    """The base URL of a scrapyd started in a temporary directory on a free loopback port."""
    for module in ("scrapyd", "scrapyd_client"):
        if importlib.util.find_spec(module) is None:
            unavailable(f"{module} is not installed")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    home = tmp_path / "scrapyd"
    home.mkdir()
    (home / "scrapyd.conf").write_text(
        f"[scrapyd]\nbind_address = 127.0.0.1\nhttp_port = {port}\npoll_interval = 0.5\n"
        "eggs_dir = eggs\nlogs_dir = logs\ndbs_dir = dbs\n")
    log = open(home / "scrapyd.log", "w")  # noqa: SIM115 - closed below
    process = subprocess.Popen([sys.executable, "-m", "scrapyd"], cwd=home, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            if api(base, "daemonstatus.json")["status"] == "ok":
                break
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            log.close()
            unavailable(f"scrapyd did not start: {(home / 'scrapyd.log').read_text()[-2000:]}")
        time.sleep(0.2)
    yield base
    process.terminate()
    process.wait(timeout=10)
    log.close()


def test_deploy_schedule_and_crawl(tmp_path, scrapyd):
    project = tmp_path / "project"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for package in ("crawler", "pipelines"):
        shutil.copytree(ROOT / package, project / package, ignore=ignore)
    shutil.copy(ROOT / "setup.py", project)
    config = (ROOT / "scrapy.cfg").read_text().replace("http://127.0.0.1:6800/", scrapyd + "/")
    (project / "scrapy.cfg").write_text(config)
    deployed = subprocess.run([sys.executable, "-m", "scrapyd_client.deploy", "--version", "test-1"], cwd=project,
                              capture_output=True, text=True, timeout=120, check=False)
    assert deployed.returncode == 0, deployed.stderr
    assert api(scrapyd, "listspiders.json?project=crawler")["spiders"] == sorted(["article", "matapublik", "site"])

    out = tmp_path / "out.jsonl"
    with FakeSite(style="wp", n_articles=30) as site:
        job = api(scrapyd, "schedule.json", [
            ("project", "crawler"), ("spider", "site"), ("url", site.url + "/"),
            ("setting", f"JSONL_OUTPUT={out}"), ("setting", "AUTOTHROTTLE_ENABLED=False"),
            ("setting", "DOWNLOAD_DELAY=0"),
        ])
        assert job["status"] == "ok", job
        deadline = time.monotonic() + 120
        while not any(j["id"] == job["jobid"] for j in api(scrapyd, "listjobs.json?project=crawler")["finished"]):
            assert time.monotonic() < deadline, "the scrapyd job did not finish"
            time.sleep(0.5)
        expected = {record["url"]: record for record in site.expected_articles()}

    assert out.exists(), "the job wrote no JSONL (see the job log under the scrapyd logs_dir)"
    written = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(r["url"] for r in written) == sorted(expected)
    for record in written:
        assert record["title"] == expected[record["url"]]["title"]
        assert record["published"] == expected[record["url"]]["published"]


def test_the_egg_holds_the_site_profiles(tmp_path):
    """The egg scrapyd-deploy builds (with the project's setup.py) holds the built-in site profiles, and the
    profiles are read from inside it, zipped, as scrapyd imports the project."""
    if importlib.util.find_spec("setuptools") is None:
        unavailable("setuptools is not installed")
    project = tmp_path / "project"
    for package in ("crawler", "pipelines"):
        shutil.copytree(ROOT / package, project / package, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    shutil.copy(ROOT / "setup.py", project)
    built = subprocess.run([sys.executable, "setup.py", "-q", "bdist_egg", "-d", str(tmp_path / "dist")], cwd=project,
                           capture_output=True, text=True, timeout=120, check=False)
    assert built.returncode == 0, built.stderr
    (egg,) = (tmp_path / "dist").glob("*.egg")
    check = ("import crawler, json, sys; from crawler.extraction.profiles import load_profiles, profile_for; "
             "assert crawler.__file__.startswith(sys.argv[1]), crawler.__file__; "
             "print(json.dumps([[p.name for p in load_profiles()], "
             "profile_for('kotaprobolinggo.matapublik.co.id').name]))")
    elsewhere = tmp_path / "elsewhere"  # not the project directory: the package must come from the egg
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(egg)}
    env.pop("CRAWLER_PROFILES", None)
    ran = subprocess.run([sys.executable, "-c", check, str(egg)], cwd=elsewhere, env=env, capture_output=True,
                         text=True, timeout=120, check=False)
    assert ran.returncode == 0, ran.stderr
    names, matapublik = json.loads(ran.stdout)
    assert names == [p.name for p in load_profiles()] and names  # every built-in profile
    assert matapublik == "Mata Publik"
