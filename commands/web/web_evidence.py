"""Evidence on the web pages: files uploaded with a form are stored exactly as the API's
upload stores them (the same type and content checks, the same size limit, stored under
the SHA-256 of their bytes) and cited by that hash; a signed-in user downloads a stored
file with the API's own download (an attachment, ``nosniff``, a sandboxing CSP, served as
the type its bytes are), so no evidence file is ever run or shown in place by the browser.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

from litestar import get
from litestar.datastructures import UploadFile
from litestar.params import Parameter
from litestar.response import Stream

from commands.http.evidence import check_upload, stored_file
from commands.http.read_params import SealerDep
from commands.http.writes import Sealer
from commands.rules_th import rule_in_thai
from commands.web.i18n import Words
from commands.web.pages import ViewerDep
from commands.web.refusals import FAMILIES, Refusal
from ledger.bounds import SHA256
from ledger.errors import InvalidInput

__all__ = ["EVIDENCE_PAGE_ROUTES", "Cited", "carried", "close_uploads", "store_uploads", "unique"]

Cited = dict[str, str]


def _uploads(form: Mapping[str, Any], name: str) -> list[UploadFile]:
    """The files sent in ``name``; a file input left empty sends a part with no file name
    and no bytes, which is no file."""
    given = form.get(name)
    parts = given if isinstance(given, list) else [given]
    return [p for p in parts if isinstance(p, UploadFile) and (p.filename or _has_bytes(p))]


def _has_bytes(upload: UploadFile) -> bool:
    upload.file.seek(0, 2)
    size = upload.file.tell()
    upload.file.seek(0)
    return size > 0


def store_uploads(
    sealer: Sealer, form: Mapping[str, Any], name: str, words: Words
) -> tuple[list[Cited], Refusal | None]:
    """Store every file sent in ``name``; the citations ``{sha256, file_name, media_type}``
    of those stored, and the refusal of the first that could not be (415: a type evidence
    is not, or bytes that are not of the type the browser named; 400: an empty file)."""
    cited: list[Cited] = []
    for index, upload in enumerate(_uploads(form, name)):
        upload.file.seek(0)
        content = upload.file.read()
        media_type = (upload.content_type or "").partition(";")[0].strip().lower()
        field = f"{name}[{index}] ({upload.filename})"
        try:
            unsupported = check_upload(media_type, content, field)
        except InvalidInput as error:
            return cited, _shown(words, 400, error.message, field, error.rule)
        if unsupported is not None:
            message, rule = unsupported
            return cited, _shown(words, 415, message, field, rule)
        digest, _ = sealer.log.records.add_evidence(content)
        cited.append({"sha256": digest, "file_name": upload.filename, "media_type": media_type})
    return cited, None


def _shown(words: Words, status: int, message: str, field: str, rule: str | None) -> Refusal:
    return Refusal(
        status=status,
        heading=words.pick(*FAMILIES["invalid-input"]),
        message=message,
        field=field,
        rule=rule_in_thai(rule) if rule is not None and words.language == "th" else rule,
        expected=None,
        actual=None,
    )


def close_uploads(form: Mapping[str, Any]) -> None:
    """Close every file a form sent (their spooled copies are deleted on close)."""
    for given in form.values():
        for part in given if isinstance(given, list) else [given]:
            if isinstance(part, UploadFile):
                part.file.close()


def carried(form: Mapping[str, Any], name: str = "cited") -> list[Cited]:
    """Files uploaded with an earlier, refused post of the same form, carried in hidden
    fields (``sha256 media_type file_name``) so they need not be sent again. What they
    cite is checked by the command's decoding and handler like any citation."""
    given = form.get(name)
    values = given if isinstance(given, list) else [given]
    cited: list[Cited] = []
    for value in values:
        if not isinstance(value, str) or not value.strip():
            continue
        sha256, _, rest = value.strip().partition(" ")
        media_type, _, file_name = rest.partition(" ")
        cited.append({"sha256": sha256, "file_name": file_name, "media_type": media_type})
    return cited


def unique(cited: list[Cited]) -> list[Cited]:
    """Each file once (the same bytes sent twice are one piece of evidence)."""
    seen: set[str] = set()
    kept = []
    for item in cited:
        if item["sha256"] not in seen:
            seen.add(item["sha256"])
            kept.append(item)
    return kept


@get("/evidence/{sha256:str}", sync_to_thread=True)
def evidence_file(
    viewer: ViewerDep,
    sealer: SealerDep,
    sha256: Annotated[str, Parameter(description=SHA256.rule, max_length=SHA256.max_length)],
) -> Stream:
    """A stored evidence file for any signed-in user, as the API serves it."""
    return stored_file(sealer, sha256)


EVIDENCE_PAGE_ROUTES = [evidence_file]
