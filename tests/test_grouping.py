"""Grouping: which of the day's articles report one event.

The real articles are Multi-News held-out texts (tests/grouping/): two reports of one event
worded differently, and two different crimes worded alike."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import scipy.sparse

from digest.brief import grouping
from digest.brief.clean import clean_article
from digest.brief.grouping import NEIGHBOURS, _nearest, group_stories
from digest.brief.read import read_inputs
from digest.brief.summarize import split_sentences
from digest.config import Config
from digest.models import Summary

from .conftest import BRIDGE, SEEDS, STRIKE, made_summary

GROUPING = Path(__file__).parent / "grouping"


def _read(*folders: Path) -> list[Summary]:
    """The folders' articles as digest reads and cleans them, ready to be grouped."""
    summaries = []
    for article in read_inputs(list(folders), 5_000_000).articles:
        cleaned = clean_article(article)
        summaries.append(Summary(cleaned, split_sentences(cleaned), (), 0, "lex-rank"))
    return summaries


def _stories(summaries: list[Summary]) -> set[frozenset[str]]:
    groups = group_stories(summaries, Config())
    return {frozenset(summaries[i].article.id for i in group) for group in groups}


def test_two_reports_of_one_event_alone_are_one_story():
    # they share the event's names and words (Patel, Madison, police, excessive force), but
    # over two articles alone the day's IDF made what they share weigh least: cosine 0.14
    summaries = _read(GROUPING / "one-event")
    assert _stories(summaries) == {frozenset(s.article.id for s in summaries)}


def test_two_different_crimes_alone_stay_two_stories():
    # police, charges, a young victim's death: alike words, two events (cosine 0.17)
    summaries = _read(GROUPING / "two-events")
    assert _stories(summaries) == {frozenset({s.article.id}) for s in summaries}


def test_the_event_and_the_two_crimes_together_are_three_stories():
    summaries = _read(GROUPING / "one-event", GROUPING / "two-events")
    one_event = frozenset(s.article.id for s in summaries if s.article.id.startswith("patel"))
    assert len(one_event) == 2
    others = {frozenset({s.article.id}) for s in summaries if s.article.id not in one_event}
    assert _stories(summaries) == {one_event} | others


def test_two_short_reports_sharing_only_their_wars_words_stay_two_stories():
    # the call and a prisoner swap share five words (agree, peace, president, Russia,
    # Ukraine): a subject, not an event, however few articles the day has
    call = "\n".join((SEEDS / "nytimes.txt").read_text(encoding="utf-8").splitlines()[:2])
    swap = (
        "Russia and Ukraine exchanged 390 prisoners each on Friday, the first stage of the swap "
        "agreed at the peace talks in Istanbul, officials said. More exchanges are planned for "
        "the weekend, according to the Ukrainian president."
    )
    summaries = [made_summary("call", "The Times", call), made_summary("swap", "El País", swap)]
    assert _stories(summaries) == {frozenset({"call"}), frozenset({"swap"})}


def test_grouping_is_the_same_whatever_the_order_of_the_articles():
    summaries = [
        made_summary(f"b{n}", f"Bridge outlet {n}", BRIDGE.replace("Monday", day))
        for n, day in enumerate(["Monday", "Tuesday", "Sunday"])
    ] + [
        made_summary(f"s{n}", f"Port outlet {n}", STRIKE.replace("Tuesday", day))
        for n, day in enumerate(["Tuesday", "Monday"])
    ]
    expected = {frozenset({"b0", "b1", "b2"}), frozenset({"s0", "s1"})}
    for seed in range(5):
        shuffled = summaries[:]
        random.Random(seed).shuffle(shuffled)
        assert _stories(shuffled) == expected


def test_a_group_too_large_for_one_matrix_is_split_stricter_or_kept_as_near_copies(
    monkeypatch,
):
    monkeypatch.setattr(grouping, "DENSE_LIMIT", 50)
    copies = [made_summary(f"c{n}", f"Outlet {n}", f"{BRIDGE}. Update {n}") for n in range(60)]
    others = [made_summary(f"s{n}", f"Port {n}", f"{STRIKE}. Update {n}") for n in range(3)]
    groups = group_stories(copies + others, Config())
    assert sorted(len(g) for g in groups) == [3, 60]


def test_near_copies_keep_a_bounded_number_of_links_each():
    block = scipy.sparse.csr_matrix(np.full((40, 3000), 0.9))  # 40 articles alike to 3,000
    rows, _cols = _nearest(block)
    assert len(rows) == 40 * NEIGHBOURS and np.bincount(rows).max() == NEIGHBOURS
    few = scipy.sparse.csr_matrix(np.eye(5))
    assert sorted(zip(*_nearest(few), strict=True)) == [(i, i) for i in range(5)]
