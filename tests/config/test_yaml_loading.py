"""The safe YAML loader refuses the same things whichever parser (libyaml or pure) reads first."""

from __future__ import annotations

import datetime as dt

import pytest

from boardgen.config import yamlio

REFUSED = {
    "alias of a mapping": ("base: &b {x: 1}\nother: *b\n", "anchor &b is not allowed"),
    "alias of a scalar": ("a: &n 5\nb: *n\n", "anchor &n is not allowed"),
    "anchor alone": ("a: &n 5\n", "anchor &n is not allowed"),
    "merge key": ("base: &b {x: 1}\nother:\n  <<: *b\n", "is not allowed"),
    "duplicate key": ("title: a\ntitle: b\n", "key 'title' appears twice"),
    "binary tag": ("data: !!binary aGVsbG8=\n", "YAML tag !!binary is not allowed"),
    "set tag": ("data: !!set {a, b}\n", "YAML tag !!set is not allowed"),
    "python tag": ("x: !!python/object/apply:os.system ['true']\n", "is not allowed"),
    "str tag": ("x: !!str 5\n", "YAML tag !!str is not allowed"),
    "two documents": ("a: 1\n---\nb: 2\n", "more than one YAML document"),
    "tab indent": ("a:\n\tb: 1\n", "tab character in indentation"),
    "empty": ("", "file is empty"),
}


@pytest.mark.parametrize("text, message", REFUSED.values(), ids=REFUSED.keys())
def test_unsafe_or_ambiguous_yaml_is_refused_with_a_position(text: str, message: str) -> None:
    with pytest.raises(yamlio.YamlProblem) as caught:
        yamlio.load(text.encode())
    assert message in caught.value.message
    assert caught.value.line >= 1 and caught.value.column >= 1


def test_plain_data_loads_with_positions_on_demand() -> None:
    text = "id: x\ntags: [a, b]\nwhen: 2026-11-22\nok: yes\nn: 3\nnested:\n  deep: [1, {k: v}]\n"
    document = yamlio.load(text.encode())
    assert document.data == {
        "id": "x",
        "tags": ["a", "b"],
        "when": dt.date(2026, 11, 22),
        "ok": "yes",  # YAML 1.2 booleans: only true/false
        "n": 3,
        "nested": {"deep": [1, {"k": "v"}]},
    }
    assert document.locate(["nested", "deep", 1, "k"])[:2] == (7, 17)
    assert document.locate(["tags"], at_key=True)[:2] == (2, 1)


def test_an_alias_bomb_is_refused_quickly() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 12)]
    with pytest.raises(yamlio.YamlProblem, match="is not allowed"):
        yamlio.load("\n".join(lines).encode())
