"""Turning untrusted text into safe HTML and plain text (pure functions).

Every description, whatever its source, passes through :func:`clean_html`: Python-Markdown
keeps raw ``<script>`` and ``javascript:`` links, and feedparser's sanitizer keeps forms and
``file:`` links (GUIDE §5), so nh3 with a small allowlist has the last word.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from html.parser import HTMLParser

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
#: Elements with no closing tag: truncation never has to close them.
_VOID = frozenset({"br", "hr", "img", "wbr"})
_ABSOLUTE = ("http://", "https://", "mailto:")


_SURROGATE = re.compile("[\ud800-\udfff]")


def _no_surrogates(text: str) -> str:
    # JSON may carry a lone "\\ud800" escape; it is not a character, and nh3 (Rust) cannot
    # take it, so it becomes the replacement character instead of an exception.
    return _SURROGATE.sub("\ufffd", text)


def _absolute_links_only(tag: str, attribute: str, value: str) -> str | None:
    # A relative link in a fetched description points into *our* site, and "//host" is
    # another site without a scheme we checked: keep only links that say where they go.
    if attribute == "href" and not value.strip().lower().startswith(_ABSOLUTE):
        return None
    return value


# Built once: nh3.clean converts the allowlists into Rust sets on every call, which was
# more than half of its cost on a typical description.
_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
    url_schemes=set(URL_SCHEMES),
    link_rel="noopener noreferrer nofollow ugc",
    strip_comments=True,
    attribute_filter=_absolute_links_only,
)
_TEXT_ONLY = nh3.Cleaner(tags=set(), attributes={})


def clean_html(fragment: str) -> str:
    """Sanitize an HTML fragment: allowlisted tags only, http(s)/mailto links only.

    Headings h1/h2 are demoted by dropping them to text, since the page owns those levels.
    """
    return _CLEANER.clean(_no_surrogates(fragment))


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


# Validation, scam checks and the board each want a description's text: cache it per build.
@functools.lru_cache(maxsize=20_000)
def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment, whitespace collapsed."""
    stripped = _TEXT_ONLY.clean(_no_surrogates(fragment))
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


def _safe_cut(text: str, index: int) -> int:
    """Move a cut point left until it does not split a character cluster.

    Python strings never split a code point, but a cut can still separate a letter from its
    combining accent, an emoji from its skin-tone or variation selector, or the halves of a
    ZWJ sequence or flag; readers see that as a broken character.
    """
    index = max(0, min(index, len(text)))
    while 0 < index < len(text):
        here, before = text[index], text[index - 1]
        joins = (
            unicodedata.category(here) in ("Mn", "Me", "Mc")
            or here in "\u200d\ufe0e\ufe0f"
            or before == "\u200d"
            or 0x1F3FB <= ord(here) <= 0x1F3FF
            or (_is_regional(here) and _is_regional(before) and _odd_run(text, index))
        )
        if not joins:
            break
        index -= 1
    return index


def _is_regional(ch: str) -> bool:
    return 0x1F1E6 <= ord(ch) <= 0x1F1FF


def _odd_run(text: str, index: int) -> bool:
    """True when regional indicators before ``index`` are odd in number (mid-flag)."""
    count = 0
    while index - count - 1 >= 0 and _is_regional(text[index - count - 1]):
        count += 1
    return count % 2 == 1


def truncate_text(text: str, limit: int, ellipsis: str = "…") -> str:
    """Shorten plain text to at most ``limit`` characters, ending with ``ellipsis`` if cut.

    Cuts at a word boundary when one is near, and never inside a character cluster.
    """
    if len(text) <= limit:
        return text
    room = max(0, limit - len(ellipsis))
    cut = _safe_cut(text, room)
    space = text.rfind(" ", 0, cut + 1)
    if space > room // 2:
        cut = space
    return text[:cut].rstrip(" ,;:.-") + ellipsis if limit >= len(ellipsis) else ""


class _Truncator(HTMLParser):
    """Copies sanitized HTML until ``limit`` characters of text, then closes open tags."""

    def __init__(self, limit: int, ellipsis: str) -> None:
        super().__init__(convert_charrefs=True)
        self.limit = limit
        self.ellipsis = ellipsis
        self.used = 0
        self.parts: list[str] = []
        self.open: list[str] = []
        self.done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.done:
            return
        rendered = "".join(
            f' {name}="{html.escape(value or "", quote=True)}"' for name, value in attrs
        )
        self.parts.append(f"<{tag}{rendered}>")
        if tag not in _VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if self.done or tag not in self.open:
            return
        while self.open:
            current = self.open.pop()
            self.parts.append(f"</{current}>")
            if current == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.done:
            return
        if self.used + len(data) <= self.limit:
            self.parts.append(html.escape(data, quote=False))
            self.used += len(data)
            return
        room = self.limit - self.used
        cut = truncate_text(data, room + len(self.ellipsis), self.ellipsis)
        self.parts.append(html.escape(cut, quote=False))
        self.done = True


def truncate_html(fragment: str, limit: int, ellipsis: str = "…") -> str:
    """Sanitized HTML whose text is at most about ``limit`` characters, tags kept balanced.

    The input is sanitized first, and the result again: a cut never leaves a half tag, an
    unclosed element or a split character.
    """
    cleaned = clean_html(fragment)
    if len(html_to_text(cleaned)) <= limit:
        return cleaned
    parser = _Truncator(limit, ellipsis)
    parser.feed(cleaned)
    parser.close()
    while parser.open:
        parser.parts.append(f"</{parser.open.pop()}>")
    return clean_html("".join(parser.parts))
