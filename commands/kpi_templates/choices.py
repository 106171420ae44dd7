"""The lists a template's cells are chosen from: the framework's components (for one unit
level, or all), the directions, and yes or no for a monitor KPI. A list shows each code with
its words (``1.1 – ผลสัมฤทธิ์ … / Results …``); reading takes the label or the bare code back
to the code, and passes anything else on as typed for the command's own checks to name.

>>> from ledger.frameworks.loader import framework_by_id
>>> lists = Choices.of(framework_by_id("fy2568-provinces"), None)
>>> lists.code("direction", "lower – ค่ายิ่งต่ำยิ่งดี / lower is better")
'lower'
>>> lists.code("component", "2.1"), lists.code("component", "9.9")
('2.1', '9.9')
"""

from __future__ import annotations

from dataclasses import dataclass

from ledger.frameworks.model import Framework

__all__ = ["DIRECTIONS", "FLAGS", "Choices", "flag_value"]

DIRECTIONS: dict[str, tuple[str, str]] = {
    "higher": ("ค่ายิ่งสูงยิ่งดี", "higher is better"),
    "lower": ("ค่ายิ่งต่ำยิ่งดี", "lower is better"),
    "milestone": ("ระดับขั้นความสำเร็จ", "milestone levels"),
}
FLAGS: dict[str, tuple[str, str]] = {"yes": ("ใช่", "yes"), "no": ("ไม่ใช่", "no")}
# What a monitor cell may also say: the Thai word alone, or a spreadsheet's own booleans.
_FLAG_WORDS = {"ใช่": "yes", "ไม่ใช่": "no", "true": "yes", "false": "no"}


def _label(code: str, thai: str, english: str) -> str:
    return f"{code} – {thai} / {english}"


def flag_value(given: str) -> bool | None:
    """True for yes, False for no (or an empty cell); None for anything else."""
    word = given.strip().lower()
    word = _FLAG_WORDS.get(word, word)
    return {"yes": True, "no": False, "": False}.get(word)


@dataclass(frozen=True)
class Choices:
    """Each list as (label, code) pairs, in the order the template offers them."""

    component: tuple[tuple[str, str], ...]
    direction: tuple[tuple[str, str], ...]
    monitor: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, framework: Framework, level: str | None) -> Choices:
        """The lists for ``framework``'s components at ``level`` (every component when
        None)."""
        components = framework.components_for(level) if level else framework.components
        return cls(
            component=tuple((_label(c.id, c.name_th, c.name_en), c.id) for c in components),
            direction=tuple((_label(d, th, en), d) for d, (th, en) in DIRECTIONS.items()),
            monitor=tuple((_label(f, th, en), f) for f, (th, en) in FLAGS.items()),
        )

    def labels(self, key: str) -> list[str]:
        return [label for label, _ in self._pairs(key)]

    def label(self, key: str, code: str) -> str:
        """The label of ``code`` in list ``key`` (the code itself when not listed)."""
        return next((label for label, c in self._pairs(key) if c == code), code)

    def code(self, key: str, given: str) -> str:
        """The code a cell of list ``key`` names: its label or the code itself; otherwise
        the text as given."""
        for label, code in self._pairs(key):
            if given in (label, code):
                return code
        return given

    def _pairs(self, key: str) -> tuple[tuple[str, str], ...]:
        pairs: tuple[tuple[str, str], ...] = getattr(self, key)
        return pairs
