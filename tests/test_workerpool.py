"""The worker pool (crawler/workerpool.py): answers in order, survives exceptions and dead workers, and
its workers never outlive their pool."""

from __future__ import annotations

import asyncio
import os
import signal
import time

import pytest

from crawler.workerpool import WorkerError, WorkerPool


def _echo(value, delay=0.0):
    """Runs in the workers (imported by name from this module)."""
    if delay:
        time.sleep(delay)
    return value, os.getpid()


def _fail(message):
    raise ValueError(message)


def _unpicklable():
    return lambda: None


def _gone(pid: int, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while True:
        try:
            os.kill(pid, 0)
            with open(f"/proc/{pid}/stat", "rb") as stat:  # a zombie is gone too
                if stat.read().rsplit(b")", 1)[-1].split()[0] == b"Z":
                    return True
        except (ProcessLookupError, FileNotFoundError):
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.05)


@pytest.fixture
def pool():
    pool = WorkerPool(_echo, 2)
    yield pool
    pool.close()


def test_each_call_gets_its_own_answer_from_the_workers(pool):
    async def scenario():
        # the first calls are slow, so later ones overtake them in the other worker
        return await asyncio.gather(*(pool.call(i, 0.05 if i % 3 == 0 else 0) for i in range(40)))

    answers = asyncio.run(scenario())
    assert [value for value, _ in answers] == list(range(40))
    assert {pid for _, pid in answers} == set(pool.pids) and len(set(pool.pids)) == 2
    assert os.getpid() not in pool.pids


def test_a_big_argument_travels_whole(pool):
    body = os.urandom(3 * 1024 * 1024)
    value, _ = asyncio.run(pool.call(body))
    assert value == body


def test_an_exception_in_the_function_is_a_worker_error_and_the_worker_goes_on():
    pool = WorkerPool(_fail, 1)
    try:
        async def scenario():
            with pytest.raises(WorkerError, match="ValueError: broken page"):
                await pool.call("broken page")
            pid = pool.pids[0]
            with pytest.raises(WorkerError, match="ValueError: again"):
                await pool.call("again")
            assert pool.pids == [pid]

        asyncio.run(scenario())
    finally:
        pool.close()


def test_a_result_that_cannot_be_pickled_is_a_worker_error():
    pool = WorkerPool(_unpicklable, 1)
    try:
        with pytest.raises(WorkerError, match="ickl"):
            asyncio.run(pool.call())
    finally:
        pool.close()


def test_a_killed_worker_fails_its_calls_and_is_replaced(pool):
    async def scenario():
        await pool.call("warm up")
        slow = [asyncio.ensure_future(pool.call(i, 5.0)) for i in range(2)]  # one in each worker
        await asyncio.sleep(0.5)
        victim = pool.pids[0]
        os.kill(victim, signal.SIGKILL)
        results = await asyncio.gather(*slow, return_exceptions=True)
        assert sum(isinstance(r, WorkerError) for r in results) == 1
        value, pid = await pool.call("after")
        assert value == "after" and victim not in pool.pids and len(pool.pids) == 2

    asyncio.run(scenario())


def test_a_worker_that_lost_its_socket_but_hangs_is_killed_and_replaced(pool):
    async def scenario():
        await asyncio.gather(pool.call(1), pool.call(2))
        stuck = pool.workers[0]
        os.kill(stuck.process.pid, signal.SIGSTOP)  # it cannot read end-of-file and exit by itself
        stuck.link.transport.close()
        await asyncio.sleep(0.1)  # the loop closes the transport
        value, pid = await pool.call("after")
        assert value == "after" and stuck.process.pid not in pool.pids and len(pool.pids) == 2
        return stuck.process.pid

    assert _gone(asyncio.run(scenario()), timeout=5)


def test_workers_ignore_ctrl_c_and_exit_when_the_pool_closes(pool):
    async def scenario():
        await asyncio.gather(pool.call(1), pool.call(2))

    asyncio.run(scenario())
    pids = pool.pids
    for pid in pids:
        os.kill(pid, signal.SIGINT)
    assert asyncio.run(pool.call("still here"))[0] == "still here"
    pool.close()
    assert all(_gone(pid) for pid in pids)


def test_closing_inside_the_running_loop_stops_the_workers_at_once(pool):
    async def scenario():
        await asyncio.gather(pool.call(1), pool.call(2))
        pids = pool.pids
        start = time.monotonic()
        pool.close()  # as from a spider_closed handler: the loop does not run until close() returns
        return pids, time.monotonic() - start

    pids, took = asyncio.run(scenario())
    assert all(_gone(pid, timeout=0) for pid in pids)
    assert took < 2


def test_a_pool_needs_a_worker():
    with pytest.raises(ValueError):
        WorkerPool(_echo, 0)
