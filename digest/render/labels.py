"""The few words digest adds to a brief itself (labels, never content), shared by every
renderer so the Word document, the e-mail and the text part say the same thing."""

from __future__ import annotations

import datetime as dt

from digest.models import Article, Brief, Figure, Point, Quote, Story
from digest.text.words import counted


def long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def date_line(brief: Brief) -> str:
    """'Brief of 20 May 2025 · 5 articles from 5 outlets · built 07:00 CET'."""
    stories = len(brief.stories) + len(brief.also_today) + brief.untold
    told = f"{stories} stories · " if stories > 1 else ""
    return (
        f"Brief of {long_date(brief.date)} · {told}{counted(len(brief.articles), 'article')} from "
        f"{counted(brief.outlet_count, 'outlet')} · built {brief.built_at:%H:%M %Z}".rstrip()
    )


def coverage_label(story: Story, point: Point | Quote | Figure) -> str:
    """How widely a point is reported within its story ('reported by 3 of 5 outlets', 'only
    one outlet'), after 'new' when the previous brief did not have it."""
    new = ["new"] if getattr(point, "new", None) else []
    if story.outlet_count <= 1:
        return " · ".join(new)
    if len(point.outlets) == 1:
        return " · ".join([*new, "only one outlet"])
    return " · ".join([*new, f"reported by {len(point.outlets)} of {story.outlet_count} outlets"])


def story_label(story: Story) -> str:
    """'5 outlets · continuing': how widely a story is covered, and whether the previous
    brief had it ('new story' when it did not; nothing when there was no previous brief)."""
    parts = [counted(story.outlet_count, "outlet")]
    if story.continuing is not None:
        parts.append("continuing" if story.continuing else "new story")
    return " · ".join(parts)


def covered_by(brief: Brief, story: Story) -> str:
    """'Covered by 3 outlets: Reuters [1], El País [2], AP [4]': a line that stays readable
    at 30 outlets, where a table of outlets would not; then whether the previous brief had
    the story."""
    numbers: dict[str, list[int]] = {}
    for article in story.articles:
        numbers.setdefault(article.outlet, []).append(brief.citation(article.id))
    named = ", ".join(f"{o} {''.join(f'[{n}]' for n in ns)}" for o, ns in numbers.items())
    since = {True: " · continuing from the previous brief", False: " · new story", None: ""}
    return f"Covered by {counted(len(numbers), 'outlet')}: {named}{since[story.continuing]}"


def quote_line(quote: Quote) -> str:
    """'“...” (Dmitry Peskov)': the quotation as written, and who said it."""
    return f"“{quote.text}” ({quote.speaker})"


def figure_line(figure: Figure) -> str:
    """'1,000 prisoners: …exchange 1,000 prisoners per side…', flagged where outlets differ."""
    flag = " (outlets report different numbers)" if figure.disputed else ""
    return f"{figure.value}{flag}: {figure.context}"


def citation_numbers(brief: Brief, point: Point) -> tuple[int, list[int]]:
    """The Sources number of the article whose words the point quotes, and (in order) those
    of the other articles that report the same fact."""
    own, *others = (brief.citation(a) for a in point.article_ids)
    return own, sorted(others)


def citations(brief: Brief, point: Point) -> str:
    """'[5] (also [2][4])'; three or more numbers in a row as a range (see number_runs)."""
    own, others = citation_numbers(brief, point)
    also = runs_text(others)
    return f"[{own}] (also {also})" if also else f"[{own}]"


def number_runs(numbers: list[int]) -> list[tuple[int, int]]:
    """Sorted numbers as (first, last): three or more in a row are one range, so that
    thirty outlets stay a short line on a phone; others stand alone (first == last)."""
    runs: list[list[int]] = []
    for n in sorted(set(numbers)):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return [
        pair
        for run in runs
        for pair in ([(run[0], run[-1])] if len(run) >= 3 else [(n, n) for n in run])
    ]


def runs_text(numbers: list[int]) -> str:
    """'[2][4]' and ranges with an en dash between their first and last number."""
    return "".join(f"[{a}]" if a == b else f"[{a}]–[{b}]" for a, b in number_runs(numbers))


def story_numbers(brief: Brief, story: Story) -> list[int]:
    """The Sources numbers of a story's articles."""
    return [brief.citation(a.id) for a in story.articles]


def story_citations(brief: Brief, story: Story) -> str:
    """'[7][8]': the Sources numbers of a story's articles (runs as ranges)."""
    return runs_text(story_numbers(brief, story))


def source_anchor(number: int) -> str:
    """The name a citation links to: the HTML id and the Word bookmark of Sources entry n."""
    return f"source-{number}"


def source_line(article: Article) -> str:
    """'The New York Times: "Title", Author, 19 May 2025' (what is known of it)."""
    parts = [f"“{article.title}”"] if article.title else []
    if article.author:
        parts.append(article.author)
    if article.date:
        parts.append(long_date(article.date))
    return f"{article.outlet}: {', '.join(parts)}" if parts else article.outlet
