"""The board's full-text search index, as static files for the browser (pure).

The board only needs the *set* of open listings a query matches: it counts facets over that
set and orders results by the visitor's chosen sort, never by relevance. A ranking engine
(Pagefind, which the board used before) scores every matching page with every position of
the word in it, about 0.05 ms per page in the browser: half a second for a word found in
most of 10,000 listings. This index stores, per word, only which listings hold it, so a
query costs a fetch of one small file and a few array passes.

Files under ``opportunities/board/`` (see :func:`index_files`):

* ``search.json``: the shard keys (word prefixes) and the ending rules, read at the first
  query.
* ``search/<hex of key>.json``: one shard: ``{"w": {word: group}, "s": [stem of each
  group], "p": [postings of each group]}``. A
  group is every word with the same stem (Snowball, in the board's language), so "study"
  also finds "studies"; its postings are the board positions (newest-first order, as in
  ``index.json``) of the listings holding any of those words, delta-encoded.

Matching (board.js does the same; :func:`find` is the reference the tests compare with):
the query is split into words exactly as the text was (:func:`words`). A query word of two
or more characters matches a group when one of its words begins with it ("anal" finds
"analysis"), or when the query word is a form of the group's stem by one of the manifest's
ending rules ("zymurgy" finds "zymurgies" through the stem "zymurgi" and the rule i -> y).
The rules are learned from the board's own words and its stemmer (how words end where their
stem ends), so the browser needs no stemmer of its own. A one-character word matches only
itself ("R", "C"). A listing matches when it matches every query word. Quoted phrases are
not supported: quotes are punctuation and are ignored.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping

import snowballstemmer

from boardgen.curate.board import Board
from boardgen.model import Listing

#: Manifest and shards, inside the generated folder (beside the facet index).
MANIFEST = "board/search.json"
SHARDS = "board/search/"
#: A shard larger than this (characters of JSON) is split by one more character of prefix,
#: so a query on a busy prefix ("co", "st") does not download a large file.
SHARD_LIMIT = 48_000
#: Keys are at most this long, so a word, its stem and every query word whose rule could
#: reach that stem (they share RULE_PREFIX characters) sit under one key.
KEY_MAX = 3
#: A rule applies where word and stem share at least this many first characters.
RULE_PREFIX = 3
#: At most this many rules, the most frequent first; a rule seen once is noise.
MAX_RULES = 64

#: Snowball algorithm per board language; other languages are matched by prefix only.
STEMMERS = {"en": "english", "de": "german"}

_TAG = re.compile(r"<[^>]*>")
# Letters and digits, as JavaScript's /[\p{L}\p{N}]+/u (Python's \w less "_").
_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    """The words of ``text``: lower-cased, accents removed ("Café" -> "cafe"), in order.

    board.js normalises queries the same way: toLowerCase, NFKD, drop \\p{M}, \\p{L}\\p{N}+.
    """
    text = text.lower()
    if not text.isascii():
        text = "".join(
            c
            for c in unicodedata.normalize("NFKD", text)
            if not unicodedata.category(c).startswith("M")
        )
    return _WORD.findall(text)


def listing_text(listing: Listing) -> str:
    """What search reads: title, organization, skills, fields and the description's text."""
    description = html.unescape(_TAG.sub(" ", listing.description))
    parts = [listing.title, listing.organization.name, *listing.skills, *listing.categories]
    return " ".join([*parts, description])


def stemmer_for(language: str) -> Callable[[str], str]:
    name = STEMMERS.get(language)
    if name is None:
        return lambda word: word
    stem: Callable[[str], str] = snowballstemmer.stemmer(name).stemWord
    return stem


def index_files(board: Board) -> dict[str, str]:
    """``board/search.json`` and the shards, for the board's open listings."""
    stem = stemmer_for(board.tr.language)
    stems: dict[str, str] = {}  # surface word -> its stem
    postings: dict[str, list[int]] = {}  # stem -> ascending board positions
    for position, listing in enumerate(board.open_listings):
        for word in set(words(listing_text(listing))):
            root = stems.get(word)
            if root is None:
                # Numbers have no stem (and a board has thousands of them).
                root = stems[word] = stem(word) if word.isalpha() else word
            found = postings.setdefault(root, [])
            if not found or found[-1] != position:
                found.append(position)
    shards: dict[str, str] = {}
    _shard(sorted(stems), 2, stems, postings, shards)
    files = {f"{SHARDS}{shard_name(key)}.json": text for key, text in shards.items()}
    manifest = {"version": 1, "keys": sorted(shards), "rules": ending_rules(stems)}
    files[MANIFEST] = _dumps(manifest)
    return files


def ending_rules(stems: Mapping[str, str]) -> list[list[str]]:
    """How this board's words end where their stems end: ``[stem ending, word ending]``.

    "studies" -> "studi" gives ["", "es"], "study" -> "studi" gives ["i", "y"]. A query
    word that a rule turns into a group's stem is taken as a form of that group's words.
    """
    seen: dict[tuple[str, str], int] = {}
    for word, stem in stems.items():
        if stem == word or not word.isalpha():
            continue
        common = _common_prefix(word, stem)
        if common >= RULE_PREFIX:
            rule = (stem[common:], word[common:])
            seen[rule] = seen.get(rule, 0) + 1
    ranked = sorted(seen.items(), key=lambda item: (-item[1], item[0]))
    return [list(rule) for rule, count in ranked[:MAX_RULES] if count > 1]


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _shard(
    vocabulary: list[str],
    length: int,
    stems: Mapping[str, str],
    postings: Mapping[str, list[int]],
    out: dict[str, str],
) -> None:
    """Group words by their first ``length`` characters; split a group that is too big."""
    groups: dict[str, list[str]] = {}
    for word in vocabulary:
        groups.setdefault(word[:length], []).append(word)
    for key, members in groups.items():
        text = _shard_json(members, stems, postings)
        longer = [word for word in members if len(word) > length]
        if len(text) > SHARD_LIMIT and longer and length < KEY_MAX:
            # Words no longer than the key stay under it; the rest go one character deeper.
            exact = [word for word in members if len(word) <= length]
            if exact:
                out[key] = _shard_json(exact, stems, postings)
            _shard(longer, length + 1, stems, postings, out)
        else:
            out[key] = text


def _shard_json(
    members: list[str], stems: Mapping[str, str], postings: Mapping[str, list[int]]
) -> str:
    group: dict[str, int] = {}
    lists: list[list[int]] = []
    for word in members:
        root = stems[word]
        if root not in group:
            group[root] = len(lists)
            lists.append(_deltas(postings[root]))
    words_ = {word: group[stems[word]] for word in members}
    return _dumps({"w": words_, "s": list(group), "p": lists})


def shard_name(key: str) -> str:
    """A shard's file name: the key's UTF-8 bytes in hex (safe on every file system)."""
    return key.encode("utf-8").hex()


def _deltas(positions: list[int]) -> list[int]:
    return [b - a for a, b in zip([0, *positions], positions, strict=False)]


def find(files: Mapping[str, str], query: str) -> set[int] | None:
    """Board positions matching ``query`` in these index files (None: no words to search)."""
    terms = words(query)
    if not terms:
        return None
    manifest = json.loads(files[MANIFEST])
    keys, rules = manifest["keys"], manifest["rules"]
    result: set[int] | None = None
    for term in terms:
        matched: set[int] = set()
        for key in _keys_for(term, keys):
            shard = json.loads(files[f"{SHARDS}{shard_name(key)}.json"])
            groups = {g for w, g in shard["w"].items() if _matches(term, w)}
            if len(term) > RULE_PREFIX:
                groups |= {g for g, stem in enumerate(shard["s"]) if _is_form(term, stem, rules)}
            for g in groups:
                matched.update(_positions(shard["p"][g]))
        result = matched if result is None else result & matched
    return result


def _keys_for(term: str, keys: Iterable[str]) -> list[str]:
    # A word lives under the longest key it begins with; a prefix term may span several.
    return [k for k in keys if term.startswith(k) or (len(term) > 1 and k.startswith(term))]


def _matches(term: str, word: str) -> bool:
    return word.startswith(term) if len(term) > 1 else word == term


def _is_form(term: str, stem: str, rules: list[list[str]]) -> bool:
    for stem_end, word_end in rules:
        if stem.endswith(stem_end) and term.endswith(word_end):
            base = stem[: len(stem) - len(stem_end)]
            if len(base) >= RULE_PREFIX and base == term[: len(term) - len(word_end)]:
                return True
    return False


def _positions(deltas: list[int]) -> list[int]:
    out, at = [], 0
    for step in deltas:
        at += step
        out.append(at)
    return out


def _dumps(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
