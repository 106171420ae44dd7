"""English for messages built around a name or a count: the article a word takes by its
sound, and a noun's number after a count.

Messages name roles, outcomes and event types that are only known at run time
(``assessed_unit``, ``approved``, ``AgreementOpened``); written as ``f"a {role}"`` they read
"a independent_evaluator", and ``f"{n} problems"`` reads "1 problems".
"""

from __future__ import annotations

import re

__all__ = ["article", "counted", "with_article"]

# Words that start with a vowel letter but a consonant sound ("a unit", "a one-off"), and
# with a consonant letter but a vowel sound ("an hour").
_CONSONANT_SOUND = ("uni", "use", "usu", "uti", "ure", "one", "once", "eu", "ewe")
_VOWEL_SOUND = ("hour", "honest", "honour", "honor", "heir")
# Letters whose names start with a vowel sound, for initialisms read letter by letter
# ("an SAR", "an OPDC", "a KPI").
_VOWEL_LETTER_NAMES = frozenset("AEFHILMNORSX")
_FIRST_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Za-z][a-z]*")


def article(word: str) -> str:
    """The article of ``word``: "an" before a vowel sound, else "a".

    >>> [article(w) for w in ("independent_evaluator", "assessed_unit", "opdc", "change")]
    ['an', 'an', 'an', 'a']
    >>> [article(w) for w in ("unit", "UnitRegistered", "AgreementOpened", "SAR", "KPI")]
    ['a', 'a', 'an', 'an', 'a']
    """
    found = _FIRST_WORD.search(word)
    if found is None:
        return "a"
    first = found.group()
    if len(first) > 1 and first.isupper():
        return "an" if first[0] in _VOWEL_LETTER_NAMES else "a"
    lower = first.lower()
    if lower.startswith(_CONSONANT_SOUND):
        return "a"
    if lower.startswith(_VOWEL_SOUND) or lower[0] in "aeiou":
        return "an"
    return "a"


def with_article(word: str) -> str:
    """``word`` after its article.

    >>> with_article("independent_evaluator"), with_article("rejected")
    ('an independent_evaluator', 'a rejected')
    """
    return f"{article(word)} {word}"


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """``count`` and ``noun`` in the number the count needs (``plural``, else noun + "s").

    >>> counted(1, "problem"), counted(2, "problem"), counted(0, "event")
    ('1 problem', '2 problems', '0 events')
    >>> counted(1, "proof", "proofs"), counted(3, "body", "bodies")
    ('1 proof', '3 bodies')
    """
    return f"{count} {noun if count == 1 else (plural or noun + 's')}"
