"""Render a Brief as the e-mail's HTML body and its plain-text part, from Jinja templates.

Templates are looked up in the user's folders first and in the packaged defaults last
(a ChoiceLoader, as Pelican does with themes), so a user overrides one template without
copying the others. HTML is autoescaped: a `<script>` in an article is shown as text. The
CSS of the HTML template is inlined (css-inline) because many mail clients drop `<style>`.
Every template runs in Jinja's sandbox.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from pathlib import Path

import jinja2
import jinja2.sandbox
from markupsafe import Markup

from digest.errors import ConfigError
from digest.models import Brief, Story
from digest.render.labels import (
    citation_numbers,
    citations,
    coverage_label,
    covered_by,
    date_line,
    figure_line,
    number_runs,
    quote_line,
    source_anchor,
    source_line,
    story_citations,
    story_label,
    story_numbers,
)

HTML_TEMPLATE = "brief.html"
TEXT_TEMPLATE = "brief.txt"
TEXT_WIDTH = 78


def template_environment(template_dirs: Sequence[str | Path] = ()) -> jinja2.Environment:
    """Templates from `template_dirs` (first wins), then the packaged defaults, run sandboxed:
    a template (the one beside a config is picked up unasked) can format the brief, but never
    reach Python's internals, the file system or a shell."""
    loaders = [jinja2.FileSystemLoader(str(d)) for d in template_dirs if Path(d).is_dir()]
    loaders.append(jinja2.PackageLoader("digest.render", "templates"))
    environment = jinja2.sandbox.SandboxedEnvironment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=jinja2.select_autoescape(
            enabled_extensions=("html", "htm", "xml"), default_for_string=True
        ),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    environment.globals.update(
        date_line=date_line,
        citations=citations,
        coverage_label=coverage_label,
        quote_line=quote_line,
        figure_line=figure_line,
        source_line=source_line,
        covered_by=covered_by,
        story_citations=story_citations,
        story_label=story_label,
    )
    environment.filters["wrap"] = _wrap
    return environment


def render_html(brief: Brief, template_dirs: Sequence[str | Path] = ()) -> bytes:
    """The HTML e-mail body, CSS inlined, as UTF-8 bytes. Its citations are links to their
    Sources entry, so what looks like a link is one."""
    import css_inline

    environment = template_environment(template_dirs)
    environment.globals.update(
        citations=_linked_citations,
        story_citations=_linked_story_citations,
        source_anchor=source_anchor,
    )
    html = _render(environment, HTML_TEMPLATE, brief)
    return css_inline.inline(html).encode("utf-8")


def render_text(brief: Brief, template_dirs: Sequence[str | Path] = ()) -> bytes:
    """The plain-text e-mail part, wrapped for reading in a terminal or mail client."""
    return _render(template_environment(template_dirs), TEXT_TEMPLATE, brief).encode("utf-8")


def _render(environment: jinja2.Environment, name: str, brief: Brief) -> str:
    try:
        return environment.get_template(name).render(brief=brief)
    except jinja2.TemplateSyntaxError as exc:
        raise ConfigError(
            f"{exc.filename or name}:{exc.lineno}: template error: {exc.message}"
        ) from None
    except jinja2.TemplateError as exc:
        raise ConfigError(f"template {name}: {exc}") from None


def _linked_citations(brief: Brief, point) -> Markup:
    """'[5] (also [2][4])' with each number a link to its entry under Sources."""
    own, others = citation_numbers(brief, point)
    return (
        _linked_numbers([own]) + Markup(" (also ") + _linked_numbers(others) + Markup(")")
        if others
        else _linked_numbers([own])
    )


def _linked_story_citations(brief: Brief, story: Story) -> Markup:
    """A story's Sources numbers, each a link to its entry."""
    return _linked_numbers(story_numbers(brief, story))


def _linked_numbers(numbers: list[int]) -> Markup:
    """'[2][4]', each number a link to its entry under Sources (runs as ranges)."""
    link = Markup('<a href="#{anchor}">[{number}]</a>')
    parts = []
    for first, last in number_runs(numbers):
        parts.append(link.format(anchor=source_anchor(first), number=first))
        if last != first:
            parts.append(Markup("–") + link.format(anchor=source_anchor(last), number=last))
    return Markup("").join(parts)


def _wrap(text: str, indent: str = "") -> str:
    return textwrap.fill(
        text,
        width=TEXT_WIDTH,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    )
