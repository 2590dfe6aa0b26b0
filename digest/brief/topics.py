"""Which topic a point is filed under: the configured topic its sentence fits best (TF-IDF
similarity with the topic's name, description and keywords), the passage around it
breaking a tie, else the 'Also reported' section."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from digest.brief.candidates import Candidate, Story
from digest.config import Topic

TOPIC_MIN_SIMILARITY = 0.04
"""Below this a point fits no topic and goes to the 'Also reported' section."""

TIE = 0.1
"""Topics a sentence fits within this share of its best fit are a tie, which the passage
around it breaks: Ushakov's "The presidents talked in much detail about the future of our
relations in their conversation ..." fits "The call" (conversation) 0.071 and "Ceasefire
stance" 0.072, and stands among the Spokesman-Review's lines on trade, which "The call" asks
for; a desk reader had read it as misfiled."""


def _around(fit: np.ndarray, story: Story) -> np.ndarray:
    """Each sentence's fit to the topics with the mean fit of the sentences before and after
    it in its article added: what its passage is about."""
    rows = np.arange(len(story.sentences))
    total = np.zeros_like(fit)
    count = np.zeros((len(rows), 1))
    for step in (-1, 1):
        other = rows + step
        ok = (other >= 0) & (other < len(rows))
        ok[ok] &= [
            story.sentences[o].article_id == story.sentences[r].article_id
            for o, r in zip(other[ok].tolist(), rows[ok].tolist(), strict=True)
        ]
        total[ok] += fit[other[ok]]
        count[ok] += 1
    return fit + total / np.maximum(count, 1)


def _section(
    candidate: Candidate,
    fit: np.ndarray,
    around: np.ndarray,
    sections: list[str],
    topics: Sequence[Topic],
    other: str,
) -> str:
    """The topic the candidate fits best, or the 'Also reported' section when it fits none
    ("" when that section is switched off); with no topics, every point is a key point.
    Two topics it fits about as well (within TIE of the best) are told apart by the
    passage around it (`around`)."""
    if not topics:
        return sections[0]
    scores = fit[list(candidate.rows)].max(axis=0)
    best = int(scores.argmax())
    if scores[best] < TOPIC_MIN_SIMILARITY:
        return other
    close = np.flatnonzero(scores >= (1 - TIE) * scores[best])
    if len(close) > 1:
        passage = around[list(candidate.rows)].max(axis=0)
        best = int(close[passage[close].argmax()])
    return sections[best]


def topic_texts(topics: Sequence[Topic]) -> list[str]:
    """What a sentence is compared with to place it: name, description, keywords (twice,
    since they are the words the user chose)."""
    return [" ".join([t.name, t.description, *t.keywords, *t.keywords]) for t in topics]


def filed(
    found: Sequence[Candidate],
    fit: np.ndarray,
    story: Story,
    topics: Sequence[Topic],
    sections: list[str],
    other: str,
) -> list[str]:
    """Each candidate's section (see `_section`); `fit`: each sentence's fit to each topic,
    `sections`: the topics' names, or the one section of a brief without topics."""
    around = _around(fit, story) if topics else fit
    return [_section(c, fit, around, sections, topics, other) for c in found]
