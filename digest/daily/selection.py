"""Read stage for a daily brief built from the configured sources: the articles first seen
since the previous brief (only those on the desk's pinned stories, if it wants no others),
as Articles."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from digest.config import Config
from digest.daily.store import ArticleStore
from digest.models import Article
from digest.text.matching import matching_form
from digest.text.words import counted


@dataclass(frozen=True)
class Selection:
    articles: tuple[Article, ...]
    notice: str = ""
    """Set when there is too little coverage to summarise: the brief says this instead."""


def select_articles(
    config: Config, store: ArticleStore, day: dt.date, now: dt.datetime | None = None
) -> Selection:
    now = now or dt.datetime.now(dt.UTC)
    start = store.last_brief_before(day) or now - dt.timedelta(hours=config.selection.window_hours)
    keywords = _story_words(config)
    articles, used = [], []
    for stored in store.since(start):
        form = matching_form(stored.text)
        if keywords and not any(re.search(rf"\b{re.escape(k)}", form) for k in keywords):
            continue
        used.append(stored)
        published = stored.published[:10] if stored.published else None
        articles.append(
            Article(
                id=f"a{stored.id}",
                path=stored.url or f"store article {stored.id}",
                text=stored.text,
                outlet=" / ".join(stored.outlets),
                title=stored.title,
                author=stored.author,
                date=dt.date.fromisoformat(published) if published else None,
                url=stored.url,
            )
        )
    outlets = {o for stored in used for o in stored.outlets}
    settings = config.selection
    if len(articles) < settings.min_articles or len(outlets) < settings.min_outlets:
        since = start.astimezone(dt.UTC).strftime("%d %B %Y %H:%M UTC")
        return Selection(
            tuple(articles),
            notice=(
                f"Not enough coverage to brief on: {counted(len(articles), 'article')} from "
                f"{counted(len(outlets), 'outlet')} since {since}; a brief needs at least "
                f"{counted(settings.min_articles, 'article')} from "
                f"{counted(settings.min_outlets, 'outlet')}."
            ),
        )
    return Selection(tuple(articles))


def _story_words(config: Config) -> list[str]:
    """Words (in matching form) an article must mention one of to be used: none, so every
    story is briefed, unless the desk wants only its pinned stories (`brief.other_stories =
    false`); then the pinned stories' keywords and those of their topics."""
    if config.brief.other_stories or not config.stories:
        return []
    followed = {name for pinned in config.stories for name in pinned.topics}
    words = [k for pinned in config.stories for k in pinned.keywords] + [
        k for topic in config.topics if topic.name in followed for k in topic.keywords
    ]
    return [matching_form(k) for k in words if k.strip()]
