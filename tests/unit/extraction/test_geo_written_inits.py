"""Classes built tens of times an article have an `__init__` of their own, which mypyc
compiles, not the one `dataclasses` generates (run interpreted; round 17). Same fields,
defaults and behaviour."""

from __future__ import annotations

from collections import Counter
from dataclasses import fields, replace
from typing import Any

from sitrep.extraction.geo.mentions import Mention
from sitrep.extraction.geo.resolve import _Without


def generated(init: Any) -> bool:
    """Whether `init` is a `dataclasses`-generated method (its source is "<string>")."""
    code = getattr(init, "__code__", None)
    return code is not None and code.co_filename == "<string>"


def test_a_mention_has_an_init_of_its_own_with_the_dataclass_fields() -> None:
    assert not generated(Mention.__init__)
    one = Mention(0, 4, "Xyla", "xyla", [], 0, 0)
    other = Mention(0, 4, "Xyla", "xyla", [], 0, 0)
    assert one == other and one.doubts == [] and one.evidence == []
    one.doubts.append("rare word")
    assert other.doubts == []  # a list of its own, as the default factory gave
    assert (one.ner_label, one.personal_name) == (None, False)
    named = Mention(2, 6, "Xyla", "xyla", [], -1, -1, "GPE", True, ["d"], evidence=["e"])
    assert [getattr(named, f.name) for f in fields(Mention)] == [
        2, 6, "Xyla", "xyla", [], -1, -1, "GPE", True, ["d"], ["e"],
    ]  # fmt: skip
    moved = replace(named, start=3)
    assert (moved.start, moved.doubts, moved.evidence) == (3, ["d"], ["e"])


def test_votes_without_a_mentions_own_are_a_plain_view() -> None:
    assert not generated(_Without.__init__)
    total: Counter[str | None] = Counter({"AA": 3, "BB": 1})
    own: Counter[str | None] = Counter({"AA": 1})
    view = _Without(total, own)
    assert (view["AA"], view["BB"], view["CC"]) == (2, 1, 0)
