"""Every relative link in README.md and docs/*.md leads to a file that exists, and every
``#anchor`` to a heading of that file, so moving a section between documents cannot leave a
reader at a dead end."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]

_FENCED = re.compile(r"^ *```.*?^ *```", re.MULTILINE | re.DOTALL)
_CODE = re.compile(r"`[^`\n]*`")
_LINK = re.compile(r"\]\((?P<target>[^)\s]+)\)")
_HEADING = re.compile(r"^#{1,6} +(?P<title>.+?) *$", re.MULTILINE)


def anchors(markdown: str) -> set[str]:
    """The anchors GitHub gives the headings of ``markdown``.

    >>> sorted(anchors("# A `b` (c)\\n## A b c\\n```\\n# not a heading\\n```"))
    ['a-b-c', 'a-b-c-1']
    """
    seen: Counter[str] = Counter()
    found = set()
    for match in _HEADING.finditer(_FENCED.sub("", markdown)):
        slug = re.sub(r"[^\w\- ]", "", match["title"].lower()).replace(" ", "-")
        found.add(f"{slug}-{seen[slug]}" if seen[slug] else slug)
        seen[slug] += 1
    return found


def links(markdown: str) -> list[str]:
    """The link targets of ``markdown`` outside code."""
    prose = _CODE.sub("", _FENCED.sub("", markdown))
    return [match["target"] for match in _LINK.finditer(prose)]


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda path: path.name)
def test_every_relative_link_resolves(document: Path) -> None:
    for target in links(document.read_text(encoding="utf-8")):
        if re.match(r"[a-z]+:", target):
            continue
        path, _, anchor = target.partition("#")
        linked = (document.parent / path).resolve() if path else document
        assert linked.exists(), f"{document.name}: {target}: no such file"
        if anchor:
            headings = anchors(linked.read_text(encoding="utf-8"))
            assert anchor in headings, f"{document.name}: {target}: no such heading"
