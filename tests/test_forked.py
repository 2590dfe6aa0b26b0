"""Tasks done by this process and a forked worker: every result once, in task order, and
the same whether the worker did its share, did nothing or was lost."""

from __future__ import annotations

import os
import sys

import pytest

from digest.brief import forked

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="the worker is forked")


@pytest.fixture(autouse=True)
def two_cores(monkeypatch):
    monkeypatch.setattr(forked, "usable_cores", lambda: 2)  # a worker even on one core


def _tasks(count: int = 6):
    """Each task says its number and the process that did it."""
    return [lambda n=n: (n, os.getpid()) for n in range(count)]


def test_the_results_come_in_task_order_whichever_process_did_each():
    results = forked.in_two_processes(_tasks())
    assert [n for n, _ in results] == list(range(6))


def test_the_tasks_the_worker_did_come_back_in_their_places(monkeypatch):
    monkeypatch.setattr(forked, "_claimed_here", lambda tasks, claimed: iter(()))
    results = forked.in_two_processes(_tasks())
    assert [n for n, _ in results] == list(range(6))
    assert os.getpid() not in {pid for _, pid in results}


def test_tasks_a_lost_worker_did_not_send_are_done_here(monkeypatch):
    """The worker claims every task and dies before sending any back."""

    def lost(tasks, claimed, sender):
        while forked._claim(claimed) < len(tasks):
            pass
        os._exit(1)

    monkeypatch.setattr(forked, "_worker", lost)
    results = forked.in_two_processes(_tasks())
    assert results == [(n, os.getpid()) for n in range(6)]


def test_a_task_that_fails_in_the_worker_fails_here(monkeypatch):
    monkeypatch.setattr(forked, "_claimed_here", lambda tasks, claimed: iter(()))

    def fails():
        raise ValueError("task 2 failed")

    tasks = _tasks()
    tasks[2] = fails
    with pytest.raises(ValueError, match="task 2 failed"):
        forked.in_two_processes(tasks)
