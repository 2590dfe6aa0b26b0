"""Render a Brief as JSON, for other tools and for tracing every sentence to its source.

Schema 2 (documented in the README):
{"schema": 2, "title", "date", "built_at", "method", "notice",
 "articles": [{"id", "number", "outlet", "title", "author", "date", "url", "path"}],
 "stories": [story], "also_today": [story], "untold": n}
story = {"title", "articles": [article ids], "outlets", "pinned", "continuing",
         "lead": [point], "sections": [{"title", "points": [point]}],
         "quotes": [...], "figures": [...]}
point = {"text", "sources": [{"article", "sentence"}], "outlets": [...], "citations": [n],
         "salience", "new"}   (new: true/false against the previous brief, null if none)
"continuing": true/false when the previous brief had / did not have the story, null if none.
"notice" is a sentence said instead of stories when there was too little coverage.
"quotes": [{"text", "speaker", "outlets", "citations", "sources"}] and "figures": [{"value",
"context", "disputed", "outlets", "citations", "sources"}]: quotations and numbers, verbatim.
"also_today" stories have a title and at most one lead point; "untold" counts the stories
neither shown nor listed. The first sources are the sentences `text` is made of (one, or two
where the first gives context); the rest are the matching sentences of the other outlets.
`sentence` counts the sentences of the article's cleaned body from 0. Output is
deterministic: same brief, same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from digest.models import Brief, Point, Story

SCHEMA_VERSION = 2


def render_json(brief: Brief, _templates: Sequence[Path] = ()) -> bytes:
    """brief.json: the brief for other tools, every point traced to its sentences."""
    document = {
        "schema": SCHEMA_VERSION,
        "title": brief.title,
        "date": brief.date.isoformat(),
        "built_at": brief.built_at.isoformat(timespec="seconds"),
        "method": brief.method,
        "notice": brief.notice,
        "articles": [
            {
                "id": article.id,
                "number": number,
                "outlet": article.outlet,
                "title": article.title,
                "author": article.author,
                "date": article.date.isoformat() if article.date else None,
                "url": article.url,
                "path": article.path,
            }
            for number, article in enumerate(brief.articles, start=1)
        ],
        "stories": [_story(brief, story) for story in brief.stories],
        "also_today": [_story(brief, story) for story in brief.also_today],
        "untold": brief.untold,
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _story(brief: Brief, story: Story) -> dict:
    return {
        "title": story.title,
        "articles": [a.id for a in story.articles],
        "outlets": list(story.outlets),
        "pinned": story.pinned,
        "continuing": story.continuing,
        "lead": [_point(brief, p) for p in story.lead],
        "sections": [
            {"title": s.title, "points": [_point(brief, p) for p in s.points]}
            for s in story.sections
        ],
        "quotes": [
            {
                "text": q.text,
                "speaker": q.speaker,
                "outlets": list(q.outlets),
                "citations": [brief.citation(a) for a in q.article_ids],
                "sources": _refs(q),
            }
            for q in story.quotes
        ],
        "figures": [
            {
                "value": f.value,
                "context": f.context,
                "disputed": f.disputed,
                "outlets": list(f.outlets),
                "citations": [brief.citation(a) for a in f.article_ids],
                "sources": _refs(f),
            }
            for f in story.figures
        ],
    }


def _refs(item) -> list[dict]:
    return [{"article": r.article_id, "sentence": r.sentence} for r in item.sources]


def _point(brief: Brief, point: Point) -> dict:
    return {
        "text": point.text,
        "sources": _refs(point),
        "outlets": list(point.outlets),
        "citations": [brief.citation(a) for a in point.article_ids],
        "salience": point.salience,
        "new": point.new,
    }
