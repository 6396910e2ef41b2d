"""Worker processes that run one function for the crawl, driven by the asyncio loop without threads.

:class:`WorkerPool` starts N processes from a multiprocessing ``forkserver``
(never forked from the crawl process itself, which runs threads) and keeps one
socket pair to each. A call is a length-prefixed pickled frame written through
the loop's non-blocking transport; the worker answers calls in order, so the
crawl process spends no thread, lock or wake-up pipe on a call (a
:class:`concurrent.futures.ProcessPoolExecutor` runs two threads in the crawl
process that contend with the reactor for the GIL on every page).

Calls and results are pickled: both ends are this program (the crawl and the
workers it started), and the socket pair is anonymous, so nothing else can
write to it -- the trust multiprocessing itself places in its pipes.

Failure model:

* the function raises, or its result cannot be pickled: the call raises
  :class:`WorkerError`; the worker goes on;
* a worker dies (OOM killer, a crash): its calls in flight raise
  :class:`WorkerError`, and the next call starts a new worker in its place;
* the crawl process dies, even by SIGKILL: each worker reads end-of-file on its
  socket and exits (it ignores SIGINT, so Ctrl-C stops the crawl gracefully
  with its workers still answering).
"""

from __future__ import annotations

import asyncio
import multiprocessing
import pickle
import signal
import socket
import struct
from collections import deque
from collections.abc import Callable, Sequence

_HEADER = struct.Struct("!Q")  # the payload's length in bytes
_PROTOCOL = pickle.HIGHEST_PROTOCOL


class WorkerError(Exception):
    """A call a worker could not answer: the function raised, or the worker died."""


def _serve(sock: socket.socket, function: Callable) -> None:
    """A worker's main loop: read a call, answer it, until the crawl's end of the socket closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the crawl's to handle (a graceful stop)
    with sock, sock.makefile("rb") as calls:
        while True:
            header = calls.read(_HEADER.size)
            if len(header) < _HEADER.size:
                return  # the crawl closed the socket, or died
            args = pickle.loads(calls.read(_HEADER.unpack(header)[0]))
            try:
                payload = pickle.dumps((True, function(*args)), _PROTOCOL)
            except Exception as exc:  # noqa: BLE001 -- reported to the crawl, which decides what to do
                payload = pickle.dumps((False, f"{type(exc).__name__}: {exc}"), _PROTOCOL)
            try:
                sock.sendall(_HEADER.pack(len(payload)) + payload)
            except OSError:
                return  # the crawl is gone


class _Link(asyncio.Protocol):
    """The crawl's end of one worker's socket: writes calls, resolves their futures in order."""

    def __init__(self) -> None:
        self.waiting: deque[asyncio.Future] = deque()
        self.buffer = bytearray()
        self.transport: asyncio.Transport | None = None
        self.closed = False

    def connection_made(self, transport) -> None:
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while len(self.buffer) >= _HEADER.size:
            end = _HEADER.size + _HEADER.unpack_from(self.buffer)[0]
            if len(self.buffer) < end:
                return
            payload = bytes(memoryview(self.buffer)[_HEADER.size:end])
            del self.buffer[:end]
            future = self.waiting.popleft()
            if not future.done():
                future.set_result(payload)

    def connection_lost(self, exc) -> None:
        self.closed = True
        while self.waiting:
            future = self.waiting.popleft()
            if not future.done():
                future.set_exception(WorkerError(f"the worker exited ({exc or 'end of file'})"))

    def call(self, frame: bytes) -> asyncio.Future:
        future = asyncio.get_running_loop().create_future()
        self.waiting.append(future)
        self.transport.writelines((_HEADER.pack(len(frame)), frame))
        return future


class _Worker:
    def __init__(self, process, sock: socket.socket, link: _Link):
        self.process = process
        self.sock = sock
        self.link = link

    @property
    def alive(self) -> bool:
        return not self.link.closed


class WorkerPool:
    """``size`` processes that run ``function`` (a module-level function: workers import it by name).

    ``preload`` names modules the forkserver imports once, so that a new worker starts without
    importing them again. Use from one asyncio loop; :meth:`close` when done.
    """

    def __init__(self, function: Callable, size: int, preload: Sequence[str] = ()):
        if size < 1:
            raise ValueError("a worker pool needs at least one worker")
        self.function = function
        self.size = size
        self.context = multiprocessing.get_context("forkserver")
        self.context.set_forkserver_preload(list(preload))
        self.workers: list[_Worker] = []
        self.loop: asyncio.AbstractEventLoop | None = None
        self._starting: asyncio.Lock | None = None

    @property
    def pids(self) -> list[int]:
        return [w.process.pid for w in self.workers]

    async def _start_worker(self) -> _Worker:
        ours, theirs = socket.socketpair()
        process = self.context.Process(target=_serve, args=(theirs, self.function), daemon=True,
                                       name="extraction-worker")
        process.start()
        theirs.close()
        _, link = await asyncio.get_running_loop().connect_accepted_socket(_Link, ours)
        return _Worker(process, ours, link)

    async def call(self, *args):
        """``function(*args)`` in the least busy worker; raises :class:`WorkerError` when it cannot answer."""
        loop = asyncio.get_running_loop()
        if self.loop is not loop:  # first call, or a new loop (the old one's transports are gone)
            self._stop_workers()
            self.loop, self._starting = loop, asyncio.Lock()
        if len(self.workers) < self.size or not all(w.alive for w in self.workers):
            async with self._starting:  # one call starts the missing workers; the others wait for them
                for worker in self.workers:
                    if not worker.alive:  # its socket closed: it can never answer again
                        self._end(worker, wait=0)
                self.workers = [w for w in self.workers if w.alive]
                while len(self.workers) < self.size:
                    self.workers.append(await self._start_worker())
        worker = min(self.workers, key=lambda w: len(w.link.waiting))
        ok, value = pickle.loads(await worker.link.call(pickle.dumps(args, _PROTOCOL)))
        if not ok:
            raise WorkerError(value)
        return value

    @staticmethod
    def _end(worker: _Worker, wait: float) -> None:
        """Wait up to ``wait`` seconds for a worker to exit, then kill it; release its socket."""
        worker.process.join(wait)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join(1)
        worker.sock.close()

    def _stop_workers(self, timeout: float = 5.0) -> None:
        for worker in self.workers:
            try:  # the worker reads end-of-file and exits: now, not when the loop runs next (close() is
                worker.sock.shutdown(socket.SHUT_RDWR)  # called from loop callbacks that then wait for it)
            except OSError:
                pass
            try:
                worker.link.transport.close()
            except RuntimeError:  # its loop is closed already
                worker.sock.close()
        for worker in self.workers:
            self._end(worker, timeout)
        self.workers = []

    def close(self, timeout: float = 5.0) -> None:
        """Stop the workers: each finishes the call it is running, then exits."""
        self._stop_workers(timeout)
        self.loop = None
