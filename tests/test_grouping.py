"""Grouping: which of the day's articles report one event."""

from __future__ import annotations

import random

import numpy as np
import scipy.sparse

from digest.brief import grouping
from digest.brief.grouping import NEIGHBOURS, _nearest, group_stories
from digest.config import Config
from digest.models import Summary

from .conftest import BRIDGE, STRIKE, made_summary


def _stories(summaries: list[Summary]) -> set[frozenset[str]]:
    groups = group_stories(summaries, Config())
    return {frozenset(summaries[i].article.id for i in group) for group in groups}


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
