"""The few words digest adds to a brief itself (labels, never content), shared by every
renderer so the Word document, the e-mail and the text part say the same thing."""

from __future__ import annotations

import datetime as dt

from digest.models import Article, Brief, Figure, Point, Quote
from digest.text.words import counted


def long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def date_line(brief: Brief) -> str:
    """'Brief of 20 May 2025 · 5 articles from 5 outlets · built 07:00 CET'."""
    return (
        f"Brief of {long_date(brief.date)} · {counted(len(brief.articles), 'article')} from "
        f"{counted(brief.outlet_count, 'outlet')} · built {brief.built_at:%H:%M %Z}".rstrip()
    )


def coverage_label(brief: Brief, point: Point) -> str:
    """How widely a point is reported ('reported by 3 of 5 outlets', 'only one outlet'),
    after 'new' when the previous brief did not have it."""
    new = ["new"] if getattr(point, "new", None) else []
    if brief.outlet_count <= 1:
        return " · ".join(new)
    if len(point.outlets) == 1:
        return " · ".join([*new, "only one outlet"])
    return " · ".join([*new, f"reported by {len(point.outlets)} of {brief.outlet_count} outlets"])


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
    """'[5] (also [2][4])'."""
    own, others = citation_numbers(brief, point)
    also = "".join(f"[{n}]" for n in others)
    return f"[{own}] (also {also})" if also else f"[{own}]"


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
