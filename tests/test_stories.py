"""Stories: the day's articles grouped by event, each story merged on its own.

The four-story tests use the seeds and three Multi-News clusters (tests/stories/): a cruise
couple's hidden camera, SkyMall's bankruptcy and Iran's nuclear talks, which mention
negotiations and sanctions as the seeds' topics do."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from digest.brief import stories
from digest.brief.build import build
from digest.brief.clean import clean_article
from digest.brief.read import read_inputs
from digest.brief.stories import (
    MIN_STORY_WORDS,
    assemble_brief,
)
from digest.brief.summarize import summarize
from digest.config import PinnedStory, Topic
from digest.models import Summary
from digest.text.words import word_count

from .conftest import BRIDGE, SEED_DATE, SEEDS, STRIKE, made_summary

STORIES = Path(__file__).parent / "stories"
FOUR = {
    "seeds": {p.stem for p in SEEDS.glob("*.txt")},
    **{d.name: {p.stem for p in d.glob("*.txt")} for d in STORIES.iterdir()},
}
SEED_TOPICS = ("The call", "Ceasefire stance", "European sanctions")


@pytest.fixture(scope="module")
def four_stories(repo_config, tmp_path_factory):
    """The seeds and three unrelated stories in one build, with the repository's topics."""
    out = tmp_path_factory.mktemp("four-stories")
    config = dataclasses.replace(
        repo_config, output=dataclasses.replace(repo_config.output, dir=str(out))
    )
    return build(config, [SEEDS, STORIES], SEED_DATE)


def test_four_unrelated_stories_are_four_stories_of_their_own_articles(four_stories):
    brief = four_stories.brief
    assert len(brief.stories) == 4 and not brief.also_today
    found = sorted(sorted(a.id for a in story.articles) for story in brief.stories)
    assert found == sorted(sorted(ids) for ids in FOUR.values())
    assert brief.stories[0].outlet_count == 5  # most outlets first: the seeds


def test_each_story_of_several_has_its_own_key_quotes_or_figures(four_stories):
    # every story's part is long enough here to give some of its words to highlights
    for story in four_stories.brief.stories:
        assert story.quotes or story.figures, story.title


def test_topics_hold_only_their_own_storys_points(four_stories):
    seeds, *others = four_stories.brief.stories
    assert {a.id for a in seeds.articles} == FOUR["seeds"]
    assert [s.title for s in seeds.sections][:3] == list(SEED_TOPICS)
    for section in seeds.sections:
        for point in section.points:
            assert set(point.article_ids) <= FOUR["seeds"], (section.title, point.text)
    for story in others:
        assert not {s.title for s in story.sections} & set(SEED_TOPICS)
        assert [s.title for s in story.sections] == ["Key points"]


def test_without_their_story_the_topics_find_no_home(config):
    """The seeds' topics on a day without the seeds: Iran's nuclear talks mention talks,
    negotiations and sanctions, yet are not 'The call' or 'European sanctions'."""
    result = build(config, [STORIES], SEED_DATE)
    assert [[s.title for s in story.sections] for story in result.brief.stories] == [
        ["Key points"]
    ] * 3


def test_each_story_counts_its_own_outlets(four_stories):
    text = Path(four_stories.files["brief.txt"]).read_text(encoding="utf-8")
    for story in four_stories.brief.stories:
        ids = {a.id for a in story.articles}
        for item in story.points + story.quotes + story.figures:
            assert set(item.article_ids) <= ids
    assert "of 5 outlets" in text and "of 4 outlets" in text and "of 18 outlets" not in text


def test_story_titles_are_the_articles_own_words(four_stories):
    for story in four_stories.brief.stories:
        title = story.title.removesuffix("…")
        sources = [a.title or "" for a in story.articles] + [a.text for a in story.articles]
        assert title and any(title in " ".join(source.split()) for source in sources), title


def test_the_seeds_alone_stay_one_story_with_three_topic_sections(seed_build):
    brief = seed_build.brief
    assert len(brief.stories) == 1 and not brief.also_today
    assert [s.title for s in brief.sections][:3] == list(SEED_TOPICS)
    text = Path(seed_build.files["brief.txt"]).read_text(encoding="utf-8")
    assert "In this brief" not in text and "Also today" not in text
    assert "Covered by 5 outlets" in text


def _bridge_and_strike(bridge_outlets: int, strike_outlets: int) -> list[Summary]:
    """Two stories: the bridge closure from `bridge_outlets` outlets, then the port strike
    from `strike_outlets`, each article with its outlet's headline."""
    bridge = "Old river bridge to close"
    strike = "Dock workers strike at the port"
    return [
        made_summary(f"b{n}", f"Bridge outlet {n}", BRIDGE, title=bridge)
        for n in range(bridge_outlets)
    ] + [
        made_summary(f"s{n}", f"Port outlet {n}", STRIKE, title=strike)
        for n in range(strike_outlets)
    ]


def test_a_story_one_outlet_reports_is_one_line_under_also_today(config):
    summaries = [
        made_summary(f"b{n}", f"Bridge outlet {n}", BRIDGE, title="Old river bridge to close")
        for n in range(3)
    ] + [made_summary("s0", "Port outlet", STRIKE, title="Dock workers strike at the port")]
    brief = assemble_brief(summaries, dataclasses.replace(config, topics=()), SEED_DATE)
    assert [s.title for s in brief.stories] == ["Old river bridge to close"]
    assert [s.title for s in brief.also_today] == ["Dock workers strike at the port"]
    assert len(brief.also_today[0].lead) <= 1


def test_one_story_merges_every_article_whatever_its_words(config):
    summaries = _bridge_and_strike(bridge_outlets=3, strike_outlets=2)
    one = dataclasses.replace(
        config, topics=(), brief=dataclasses.replace(config.brief, one_story=True)
    )
    brief = assemble_brief(summaries, one, SEED_DATE)
    assert len(brief.stories) == 1 and not brief.also_today
    assert len(brief.stories[0].outlets) == 5
    texts = " ".join(p.text for p in brief.stories[0].points)
    assert "bridge" in texts and "strike" in texts


def test_the_word_budget_is_shared_so_no_story_is_starved(config):
    summaries = _bridge_and_strike(6, 2)
    words = 2 * MIN_STORY_WORDS
    config = dataclasses.replace(
        config, topics=(), brief=dataclasses.replace(config.brief, words=words)
    )
    brief = assemble_brief(summaries, config, SEED_DATE)
    assert [s.outlet_count for s in brief.stories] == [6, 2]
    assert all(story.points for story in brief.stories)


@pytest.mark.parametrize("words", [300, 600])
def test_the_whole_brief_with_also_today_is_85_to_100_percent_of_the_words(repo_config, words):
    """Four stories in 300 words: three in full and one line under Also today, which comes
    out of the same budget as the stories' points, quotes and figures."""
    config = dataclasses.replace(
        repo_config, brief=dataclasses.replace(repo_config.brief, words=words)
    )
    summaries = [
        summarize(clean_article(a), config.summary.method, config.summary.sentences)
        for a in read_inputs([SEEDS, STORIES], config.input.max_bytes).articles
    ]
    brief = assemble_brief(summaries, config, SEED_DATE)
    shown = [*brief.stories, *brief.also_today]
    total = sum(word_count(p.text) for story in shown for p in story.points)
    total += sum(word_count(q.text) + word_count(q.speaker) for s in shown for q in s.quotes)
    total += sum(word_count(f.value) + word_count(f.context) for s in shown for f in s.figures)
    assert len(shown) + brief.untold == 4 and len(brief.stories) >= 3
    assert 0.85 * words <= total <= words


def test_a_pinned_story_comes_first_and_can_leave_out_the_rest(config):
    summaries = _bridge_and_strike(4, 2)
    strike = Topic(name="Talks", keywords=("union", "talks"))
    pinned = PinnedStory(name="Port strike", keywords=("dock", "strike"), topics=("Talks",))
    config = dataclasses.replace(config, topics=(strike,), stories=(pinned,))
    brief = assemble_brief(summaries, config, SEED_DATE)
    assert [s.title for s in brief.stories] == [
        "Dock workers strike at the port",
        "Old river bridge to close",
    ]
    assert brief.stories[0].pinned and brief.stories[0].sections[0].title == "Talks"
    assert "Talks" not in [s.title for s in brief.stories[1].sections]
    only = dataclasses.replace(config, brief=dataclasses.replace(config.brief, other_stories=False))
    brief = assemble_brief(summaries, only, SEED_DATE)
    assert [s.title for s in brief.stories] == ["Dock workers strike at the port"]
    assert not brief.also_today


def test_a_story_from_the_previous_brief_is_marked_continuing(config):
    summaries = _bridge_and_strike(3, 2)
    previous = (("Engineers found deep cracks in two of the bridge's steel supports.", ("X",)),)
    config = dataclasses.replace(config, topics=())
    brief = assemble_brief(summaries, config, SEED_DATE, previous=previous)
    assert {s.title: s.continuing for s in brief.stories} == {
        "Old river bridge to close": True,
        "Dock workers strike at the port": False,
    }
    assert {s.continuing for s in assemble_brief(summaries, config, SEED_DATE).stories} == {None}


def test_without_headlines_a_story_is_titled_by_the_start_of_its_lead():
    from digest.models import Point

    group = [made_summary(f"f{n}", f"Outlet {n}", BRIDGE) for n in range(2)]
    lead = "The chief of the U.S. Forest Service stepped down on Wednesday after an inquiry"
    point = Point(lead + ".", "f0", (), ("f0",), ("Outlet 0",), 1.0)
    assert stories._title(group, (point,)) == lead  # "U.S." does not end the sentence
    longer = Point(
        f"{lead}, officials said on the record late on Wednesday night.",
        "f0",
        (),
        ("f0",),
        ("Outlet 0",),
        1.0,
    )
    assert stories._title(group, (longer,)) == lead + "…"  # cut at the clause, marked as cut
