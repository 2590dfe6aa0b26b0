"""The stories shown in full, each merged on its own: in this process and a forked worker
at once when there is enough to merge.

The merges share nothing, and on 1,000 BBC articles (six stories shown in full) they were
most of the merge stage. The worker is forked after the stories are grouped, so it reads
them from this process's memory; only the stories it merged come back pickled. Both take the
next story, largest first, from one shared counter, so neither waits long for the other (a
pool's worker queues a story ahead, which this process then waits for). A story the worker
did not send back (it failed or was killed) is merged here, so the result is always this
process's own.
"""

from __future__ import annotations

import contextlib
import dataclasses
import multiprocessing
import sys
from collections.abc import Iterator, Sequence
from multiprocessing.connection import Connection
from multiprocessing.sharedctypes import Synchronized

from digest.brief.cores import usable_cores
from digest.brief.merge import merge
from digest.config import Config, Topic
from digest.models import PreviousPoints, Story, Summary

PARALLEL_SENTENCES = 1000
"""Below this many sentences in the stories shown in full, forking a worker costs more than
it saves (the seeds' one story has 214)."""


@dataclasses.dataclass(frozen=True)
class StoryJob:
    """One story to merge: its articles' summaries, its topics, its share of the words, and
    from how many words on it gives some to key quotes and figures."""

    group: list[Summary]
    topics: tuple[Topic, ...]
    words: int
    highlights_from: int


def merged_stories(
    jobs: Sequence[StoryJob], config: Config, previous: PreviousPoints | None
) -> list[Story]:
    """Each job's story, in the order of `jobs`, the same in one process or two."""
    sizes = [sum(len(s.sentences) for s in job.group) for job in jobs]
    if (
        len(jobs) < 2
        or sum(sizes) < PARALLEL_SENTENCES
        or usable_cores() < 2
        or sys.platform != "linux"  # only a forked worker sees the stories without pickling
    ):
        return [merge_one(job, config, previous) for job in jobs]
    order = sorted(range(len(jobs)), key=lambda j: (-sizes[j], j))  # largest first
    context = multiprocessing.get_context("fork")
    claimed = context.Value("i", 0)
    receiver, sender = context.Pipe(duplex=False)
    worker = context.Process(
        target=_worker, args=([jobs[j] for j in order], config, previous, claimed, sender)
    )
    worker.start()
    sender.close()  # the worker's end only: its death is then an end of file here
    try:
        done = dict(_merges(order, jobs, config, previous, claimed))
        with contextlib.suppress(EOFError):  # a lost worker's stories are merged here
            done |= {order[n]: story for n, story in receiver.recv()}
    finally:
        worker.kill()
        worker.join()
        receiver.close()
    missing = [j for j in range(len(jobs)) if j not in done]
    done |= {j: merge_one(jobs[j], config, previous) for j in missing}
    return [done[j] for j in range(len(jobs))]


def _merges(
    order: list[int],
    jobs: Sequence[StoryJob],
    config: Config,
    previous: PreviousPoints | None,
    claimed: Synchronized,
) -> Iterator[tuple[int, Story]]:
    """The jobs this process claims, largest first, as the worker claims its own."""
    while (n := _claim(claimed)) < len(order):
        yield order[n], merge_one(jobs[order[n]], config, previous)


def _worker(
    jobs: list[StoryJob],
    config: Config,
    previous: PreviousPoints | None,
    claimed: Synchronized,
    sender: Connection,
) -> None:
    """In the forked worker: merge the jobs it claims, then send them back at once (a send
    would wait while this process is merging, so none is made before the work is done).
    A merge that fails is left to this process to do again, and to report."""
    done = []
    try:
        while (n := _claim(claimed)) < len(jobs):
            done.append((n, merge_one(jobs[n], config, previous)))
    except Exception:  # this process merges that story again, and reports what went wrong
        pass
    sender.send(done)


def _claim(claimed: Synchronized) -> int:
    """The next job's number, taken by one process only."""
    with claimed.get_lock():
        number = claimed.value
        claimed.value += 1
    return number


def merge_one(job: StoryJob, config: Config, previous: PreviousPoints | None) -> Story:
    """One story merged as a one-story brief, with its own topics and share of the words."""
    story_config = dataclasses.replace(
        config, topics=job.topics, brief=dataclasses.replace(config.brief, words=job.words)
    )
    return merge(job.group, story_config, previous=previous, highlights_from=job.highlights_from)
