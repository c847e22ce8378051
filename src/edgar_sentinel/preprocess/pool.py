"""Running tasks on any ``concurrent.futures.Executor`` while surviving bad workers.

A ``ProcessPoolExecutor`` cannot cancel a running task, and one dead worker breaks the
whole pool (``BrokenProcessPool`` on every pending future). The runner designs around
both:

* **Bounded window.** At most ``workers + 1`` tasks are in flight: every worker is busy
  and one task waits, so no worker idles while the parent writes results. A task's
  deadline is counted from the moment it can have started: its submission when a worker
  was free, otherwise the completion that freed one (dispatch is first in, first out).
* **Timeouts.** When a task passes its deadline, the pool's workers are killed (this is
  the only way to stop a task stuck in C code), the task is dead-lettered as ``timeout``
  and the other in-flight tasks are requeued, unharmed, on a fresh pool.
* **Crashes.** When the pool breaks (segfault, ``os._exit``, the kernel's OOM killer), the
  tasks that were in flight become suspects. A lone suspect is the culprit
  (``worker_crash``); several suspects are re-run one at a time on fresh pools, so the
  crash is attributed to the right file and the innocent ones are processed normally.
  Before a file is blamed, a fresh pool must run a no-op task: if even that fails, the
  environment is broken and the run stops with ``WorkerPoolError`` (resumable) instead of
  dead-lettering every input.

Executors other than ``ProcessPoolExecutor`` can be plugged in through the factory; to
enforce timeouts they should offer ``kill_workers()`` (as ``ProcessPoolExecutor`` does from
Python 3.14); without it a timed-out executor is abandoned, not waited for.
"""

from __future__ import annotations

import contextlib
import math
import multiprocessing
import resource
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import (
    FIRST_COMPLETED,
    BrokenExecutor,
    CancelledError,
    Executor,
    Future,
    ProcessPoolExecutor,
    wait,
)
from dataclasses import dataclass
from multiprocessing.context import BaseContext

from edgar_sentinel.errors import EdgarSentinelError
from edgar_sentinel.models import DeadLetterReason, DeadLetterStage
from edgar_sentinel.preprocess.tasks import Task, TaskResult, dead_letter_result, run_task

PRELOAD = ("edgar_sentinel.preprocess.tasks", "edgar_sentinel.preprocess.pipeline")
"""Modules the fork server imports before it forks workers (if it is not running yet)."""

ExecutorFactory = Callable[[int], Executor]
"""Builds an executor for ``max_workers`` workers; called again after a pool is lost."""

PREFETCH = 1
"""Tasks submitted beyond the worker count, so no worker waits while results are written."""

STARTUP_GRACE = 5.0
"""Seconds added to the deadline of a task that waits for a fresh worker process to start."""

MAX_CRASHES_PER_TASK = 3
"""A task in the pool at this many breakages is dead-lettered even when not alone."""

HEALTH_CHECK_SECONDS = 60.0
"""How long a fresh pool may take to run a no-op task before it counts as broken."""

MAX_SUBMIT_FAILURES = 5
"""Consecutive failures to hand a task to a fresh pool before giving up on the run."""


class WorkerPoolError(EdgarSentinelError):
    """Worker processes cannot run at all: a problem of the environment, not of an input."""


def _ping() -> None:
    """A no-op task: a pool that cannot run it is broken for every input."""


def _start_worker(memory_mb: int) -> None:
    # Ctrl-C is handled once, by the parent, which then stops the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if memory_mb > 0:
        # Past the limit an allocation fails with MemoryError (a dead letter for the
        # filing) instead of the machine running out of memory.
        limit = memory_mb * 1024 * 1024
        hard = resource.getrlimit(resource.RLIMIT_AS)[1]
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        # Where it cannot be enforced (e.g. macOS) the time limit still protects the run.
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def process_pool_factory(workers: int, *, memory_mb: int = 0) -> Executor:
    """The default: a process pool whose workers start clean (forkserver, else spawn),
    each limited to ``memory_mb`` MiB of address space (0: no limit)."""
    context: BaseContext
    if "forkserver" in multiprocessing.get_all_start_methods():
        forkserver = multiprocessing.get_context("forkserver")
        # Import the pipeline once in the fork server: every new worker starts warm.
        forkserver.set_forkserver_preload(list(PRELOAD))
        context = forkserver
    else:  # pragma: no cover - not on Linux
        context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_start_worker,
        initargs=(memory_mb,),
    )


def _kill(executor: Executor) -> bool:
    """Stop every worker of ``executor`` now; ``False`` when it cannot be done."""
    kill_workers = getattr(executor, "kill_workers", None)
    if callable(kill_workers):
        kill_workers()
        return True
    if isinstance(executor, ProcessPoolExecutor):
        processes = getattr(executor, "_processes", None) or {}
        for process in list(processes.values()):
            process.kill()
        return True
    return False


@dataclass
class _Entry:
    task: Task
    crashes: int = 0
    suspect: bool = False


@dataclass
class _Running:
    entry: _Entry
    deadline: float


def _timeout_result(task: Task, timeout: float) -> TaskResult:
    return dead_letter_result(
        task.index,
        task.path,
        reason=DeadLetterReason.TIMEOUT,
        stage=DeadLetterStage.WORKER,
        message=f"processing took longer than {timeout:g} s and was stopped; "
        "raise preprocess.timeout_seconds if the file is a genuine, very large filing",
    )


def _crash_result(task: Task) -> TaskResult:
    return dead_letter_result(
        task.index,
        task.path,
        reason=DeadLetterReason.WORKER_CRASH,
        stage=DeadLetterStage.WORKER,
        message="the worker process died while processing this file (crash or out of "
        "memory); check the file is a single 10-K filing, or retry with fewer --workers",
    )


def _error_result(task: Task, exc: BaseException) -> TaskResult:
    return dead_letter_result(
        task.index,
        task.path,
        reason=DeadLetterReason.INTERNAL_ERROR,
        stage=DeadLetterStage.WORKER,
        message=f"the worker failed with {type(exc).__name__}: {exc}; this is a bug in "
        "edgar-sentinel, please report it with this file",
    )


class PoolRunner:
    """Runs tasks ``workers`` at a time and reports each result exactly once."""

    def __init__(
        self,
        *,
        workers: int,
        timeout: float,
        executor_factory: ExecutorFactory = process_pool_factory,
        on_result: Callable[[TaskResult], None],
    ) -> None:
        self._workers = max(1, workers)
        self._timeout = timeout
        self._factory = executor_factory
        self._on_result = on_result
        self._queue: deque[_Entry] = deque()
        self._running: dict[Future[TaskResult], _Running] = {}
        self._executor: Executor | None = None
        self._cold_slots = 0
        self._submit_failures = 0

    def run(self, tasks: Iterable[Task]) -> None:
        self._queue.extend(_Entry(task) for task in tasks)
        try:
            while self._queue or self._running:
                self._fill()
                self._step()
        except BaseException:
            self._discard_executor(kill=True)
            raise
        self._discard_executor(kill=False)

    # -- scheduling -----------------------------------------------------------------------

    def _fill(self) -> None:
        if self._executor is None:
            self._executor = self._factory(self._workers)
            self._cold_slots = self._workers
        while self._queue and len(self._running) < self._workers + PREFETCH:
            if any(r.entry.suspect for r in self._running.values()):
                return  # a suspect runs alone
            if self._queue[0].suspect and self._running:
                return
            entry = self._queue.popleft()
            try:
                future = self._executor.submit(run_task, entry.task)
            except (BrokenExecutor, OSError):
                # A worker died since the last look (a pool breaking during submit() can
                # also surface as OSError "handle is closed"): this task never started.
                self._submit_failures += 1
                if self._submit_failures > MAX_SUBMIT_FAILURES:
                    raise  # the system cannot start workers at all: not an input problem
                self._queue.appendleft(entry)
                self._on_pool_broken([])
                return
            self._submit_failures = 0
            # A task queued behind busy workers starts its clock when it is promoted.
            starts_now = len(self._running) < self._workers
            deadline = time.monotonic() + self._timeout if starts_now else math.inf
            if starts_now and self._cold_slots > 0:  # this task also waits for a new worker
                self._cold_slots -= 1
                deadline += STARTUP_GRACE
            self._running[future] = _Running(entry, deadline)
            if entry.suspect:
                return

    def _promote(self) -> None:
        """Start the clock of the queued tasks that took a freed worker (FIFO dispatch)."""
        now = time.monotonic()
        for position, running in enumerate(self._running.values()):
            if position >= self._workers:
                break
            if running.deadline == math.inf:
                running.deadline = now + self._timeout

    def _step(self) -> None:
        if not self._running:
            return
        next_deadline = min(r.deadline for r in self._running.values())
        budget = max(0.0, min(next_deadline - time.monotonic(), 5.0))
        done, _ = wait(list(self._running), timeout=budget, return_when=FIRST_COMPLETED)
        broken: list[_Entry] = []
        for future in [f for f in self._running if f in done]:  # in submission order
            running = self._running.pop(future)
            if self._collect(future, running.entry):
                broken.append(running.entry)
        if broken:
            self._on_pool_broken(broken)
            return
        self._promote()
        now = time.monotonic()
        expired = [f for f, r in self._running.items() if r.deadline <= now and not f.done()]
        if expired:
            self._on_timeout(expired)

    def _collect(self, future: Future[TaskResult], entry: _Entry) -> bool:
        """Report the future's result; ``True`` when it was lost to a broken pool."""
        try:
            result = future.result()
        except (BrokenExecutor, CancelledError):
            return True
        except KeyboardInterrupt:
            raise
        except BaseException as exc:  # SystemExit in a worker, unpicklable result, ...
            result = _error_result(entry.task, exc)
        self._on_result(result)
        return False

    # -- recovery -------------------------------------------------------------------------

    def _drain(self, *, killed: bool) -> list[_Entry]:
        """After the pool is lost: report what finished, return the entries that did not.

        Unfinished futures of an executor that could not be killed are abandoned.
        """
        lost: list[_Entry] = []
        if self._running and killed:
            wait(list(self._running))
        for future, running in list(self._running.items()):
            if not future.done() or self._collect(future, running.entry):
                lost.append(running.entry)
        self._running.clear()
        return lost

    def _on_pool_broken(self, broken: list[_Entry]) -> None:
        killed = self._discard_executor(kill=True)
        suspects = broken + self._drain(killed=killed)
        for entry in suspects:
            entry.crashes += 1
        culprits = [e for e in suspects if len(suspects) == 1 or e.crashes >= MAX_CRASHES_PER_TASK]
        if culprits:
            self._check_workers_can_run()
            for entry in culprits:
                self._on_result(_crash_result(entry.task))
            suspects = [e for e in suspects if e not in culprits]
        for entry in sorted(suspects, key=lambda e: e.task.index, reverse=True):
            entry.suspect = True
            self._queue.appendleft(entry)

    def _check_workers_can_run(self) -> None:
        """Before blaming a file for a crash, prove that a fresh pool runs a no-op task.

        When even that fails the environment is broken (workers cannot start or import
        edgar-sentinel), and dead-lettering every input would hide it: stop the run.
        """
        executor = self._factory(self._workers)
        try:
            executor.submit(_ping).result(timeout=HEALTH_CHECK_SECONDS)
        except (BrokenExecutor, OSError, TimeoutError) as exc:
            _kill(executor)
            executor.shutdown(wait=False, cancel_futures=True)
            raise WorkerPoolError(
                "worker processes die before they can run anything, so no file can be "
                f"processed ({type(exc).__name__}: {exc})",
                hint="check that edgar-sentinel imports cleanly in a new Python process; "
                "the run directory can be resumed once it does",
            ) from exc
        self._executor = executor  # healthy and warm: the next tasks run on it
        self._cold_slots = self._workers - 1

    def _on_timeout(self, expired: list[Future[TaskResult]]) -> None:
        timed_out = [self._running.pop(f).entry for f in expired]
        killed = self._discard_executor(kill=True)
        for entry in timed_out:
            self._on_result(_timeout_result(entry.task, self._timeout))
        for entry in sorted(self._drain(killed=killed), key=lambda e: e.task.index, reverse=True):
            self._queue.appendleft(entry)  # innocent: rerun as they were

    def _discard_executor(self, *, kill: bool) -> bool:
        """Shut the executor down (killing its workers first if asked); ``True`` if killed."""
        executor, self._executor = self._executor, None
        if executor is None:
            return True
        killed = _kill(executor) if kill else False
        executor.shutdown(wait=killed or not kill, cancel_futures=True)
        return killed


def run_tasks(
    tasks: Iterable[Task],
    *,
    workers: int,
    timeout: float,
    on_result: Callable[[TaskResult], None],
    executor_factory: ExecutorFactory = process_pool_factory,
) -> None:
    """Run every task; ``on_result`` is called once per task, in completion order."""
    PoolRunner(
        workers=workers, timeout=timeout, executor_factory=executor_factory, on_result=on_result
    ).run(tasks)


__all__ = ["ExecutorFactory", "PoolRunner", "WorkerPoolError", "process_pool_factory", "run_tasks"]
