"""Independent tasks done by this process and one forked worker at once.

After summarizing, a build's remaining work comes in a few large independent pieces (the
stories' merges, the formats' renderings) that one process does one after the other. The
worker is forked when they are ready, so it reads them from this process's memory; only its
results come back pickled. Both take the next task from one shared counter, so neither waits
long for the other (a pool's worker queues a task ahead, which this process then waits
for). A task the worker did not send back (it failed or was killed) is done here, so the
results, and any error, are always this process's own.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import sys
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import Connection
from multiprocessing.sharedctypes import Synchronized
from typing import TypeVar

from digest.brief.cores import usable_cores

T = TypeVar("T")


def in_two_processes(tasks: Sequence[Callable[[], T]]) -> list[T]:
    """Each task's result, in the order of `tasks`; give the largest first, as they are
    taken in that order. In this process alone with one task, one core, or no fork."""
    if len(tasks) < 2 or usable_cores() < 2 or sys.platform != "linux":
        return [task() for task in tasks]
    context = multiprocessing.get_context("fork")
    claimed = context.Value("i", 0)
    receiver, sender = context.Pipe(duplex=False)
    worker = context.Process(target=_worker, args=(tasks, claimed, sender))
    worker.start()
    sender.close()  # the worker's end only: its death is then an end of file here
    try:
        done = dict(_claimed_here(tasks, claimed))
        with contextlib.suppress(EOFError):  # a lost worker's tasks are done below
            done |= dict(receiver.recv())
    finally:
        worker.kill()
        worker.join()
        receiver.close()
    done |= {n: tasks[n]() for n in range(len(tasks)) if n not in done}
    return [done[n] for n in range(len(tasks))]


def _claimed_here(tasks: Sequence[Callable[[], T]], claimed: Synchronized) -> Iterator[tuple]:
    """The tasks this process claims, as the worker claims its own."""
    while (n := _claim(claimed)) < len(tasks):
        yield n, tasks[n]()


def _worker(tasks: Sequence[Callable[[], T]], claimed: Synchronized, sender: Connection) -> None:
    """In the forked worker: do the tasks it claims, then send the results at once (a send
    would wait while this process is busy, so none is made before the work is done). A task
    that fails is left to this process to do again, and to report."""
    done = []
    try:
        while (n := _claim(claimed)) < len(tasks):
            done.append((n, tasks[n]()))
    except Exception:  # this process does that task again, and reports what went wrong
        pass
    sender.send(done)


def _claim(claimed: Synchronized) -> int:
    """The next task's number, taken by one process only."""
    with claimed.get_lock():
        number = claimed.value
        claimed.value += 1
    return number
