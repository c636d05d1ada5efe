"""Turning untrusted text into safe HTML and plain text (pure functions).

Every description, whatever its source, passes through :func:`clean_html`: Python-Markdown
keeps raw ``<script>`` and ``javascript:`` links, and feedparser's sanitizer keeps forms and
``file:`` links (GUIDE §5), so nh3 with a small allowlist has the last word.
"""

from __future__ import annotations

import functools
import html
import re

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "dl", "dt", "em", "h3",
        "h4", "h5", "h6", "hr", "i", "li", "ol", "p", "pre", "s", "strong", "sub", "sup",
        "table", "tbody", "td", "th", "thead", "tr", "u", "ul",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
_WHITESPACE = re.compile(r"\s+")


def clean_html(fragment: str) -> str:
    """Sanitize an HTML fragment: allowlisted tags only, http(s)/mailto links only.

    Headings h1/h2 are demoted by dropping them to text, since the page owns those levels.
    """
    return nh3.clean(
        fragment,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer nofollow ugc",
        strip_comments=True,
    )


# validate and the board both render every description; the cache makes that once per build.
@functools.lru_cache(maxsize=20_000)
def markdown_to_html(text: str) -> str:
    """Render contributed Markdown and sanitize the result."""
    rendered = _MARKDOWN.render(text)
    return clean_html(rendered)


# CommonMark (what contributors know from GitHub) via markdown-it-py, which rich already
# depends on: it renders a description about 3x faster than Python-Markdown, and render
# time adds up on boards of thousands of listings. Raw HTML is let through to nh3, which
# keeps only the allowlist.
_MARKDOWN = MarkdownIt("commonmark", {"html": True, "linkify": False, "typographer": False}).enable(
    ["table", "strikethrough"]
)


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment, whitespace collapsed."""
    stripped = nh3.clean(fragment, tags=set(), attributes={})
    return _WHITESPACE.sub(" ", html.unescape(stripped)).strip()


def summarize(text: str, limit: int = 280) -> str:
    """Shorten plain text to at most ``limit`` characters at a word boundary, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-") + "…"
