"""Story merges in this process and a forked worker (tests/test_forked.py): always the
one-process brief."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

from digest.brief import forked, storymerge
from digest.brief.clean import clean_article
from digest.brief.read import read_inputs
from digest.brief.stories import assemble_brief
from digest.brief.summarize import summarize

from .conftest import SEED_DATE, SEEDS

STORIES = Path(__file__).parent / "stories"

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="the worker is forked")


@pytest.fixture(scope="module")
def four(repo_config):
    """The seeds and three unrelated stories' summaries: four stories shown in full."""
    return [
        summarize(clean_article(a), repo_config.summary.method, repo_config.summary.sentences)
        for a in read_inputs([SEEDS, STORIES], repo_config.input.max_bytes).articles
    ]


@pytest.fixture
def one_process(four, repo_config, monkeypatch):
    monkeypatch.setattr(storymerge, "PARALLEL_SENTENCES", sys.maxsize)
    brief = _brief(four, repo_config)
    monkeypatch.setattr(storymerge, "PARALLEL_SENTENCES", 0)
    monkeypatch.setattr(forked, "usable_cores", lambda: 2)  # a worker even on one core
    assert len(brief.stories) == 4
    return brief


def _brief(summaries, config):
    built_at = dt.datetime(2025, 5, 20, 7, tzinfo=dt.UTC)
    return assemble_brief(summaries, config, SEED_DATE, built_at=built_at)


def test_this_process_and_the_worker_give_the_one_process_brief(four, repo_config, one_process):
    assert _brief(four, repo_config) == one_process
