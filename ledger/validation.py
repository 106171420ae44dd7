"""Read the offending field out of a msgspec validation message, as a JSON path."""

from __future__ import annotations

import re

__all__ = ["split_validation_message"]

_NAMED_FIELD = re.compile(r"(?:unknown|missing required) field `([^`]+)`")


def split_validation_message(message: str) -> tuple[str, str]:
    """(problem, path) from msgspec's ``"<problem> - at `$.path`"`` messages.

    Unknown and missing fields are named in the problem rather than the path, so they are
    appended to it: ``$.components[0].colour``.

    >>> split_validation_message("Object contains unknown field `colour`")
    ('Object contains unknown field `colour`', '$.colour')
    """
    problem, separator, path = message.rpartition(" - at ")
    if not separator:
        problem, path = message, "$"
    path = path.strip("`")
    named = _NAMED_FIELD.search(problem)
    if named:
        path = f"{path}.{named.group(1)}"
    return problem, path
