"""The stories shown in full, each merged on its own: in this process and a forked worker
at once (forked.py) when there is enough to merge.

The merges share nothing, and on 1,000 BBC articles (six stories shown in full) they were
most of the merge stage.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Sequence

from digest.brief.forked import in_two_processes
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
    if sum(sizes) < PARALLEL_SENTENCES:
        return [merge_one(job, config, previous) for job in jobs]
    order = sorted(range(len(jobs)), key=lambda j: (-sizes[j], j))  # largest first
    tasks = [functools.partial(merge_one, jobs[j], config, previous) for j in order]
    story_of = dict(zip(order, in_two_processes(tasks), strict=True))
    return [story_of[j] for j in range(len(jobs))]


def merge_one(job: StoryJob, config: Config, previous: PreviousPoints | None) -> Story:
    """One story merged as a one-story brief, with its own topics and share of the words."""
    story_config = dataclasses.replace(
        config, topics=job.topics, brief=dataclasses.replace(config.brief, words=job.words)
    )
    return merge(job.group, story_config, previous=previous, highlights_from=job.highlights_from)
