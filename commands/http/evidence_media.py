"""The media types an evidence file may be uploaded as, and whether its bytes are that type.

An upload names its media type (``Content-Type``); the type must have the form the commands
require of an evidence citation's ``media_type`` (``ledger.bounds.MEDIA_TYPE``), be one of
the kinds of document evidence is (scans, office files, text), and the bytes must begin the
way files of that type do. Nothing is taken on the sender's word: a download is served as
the type its bytes are (``media_type_of``), never as a type an uploader chose, so a stored
file can never be served as HTML or script.

>>> matches("application/pdf", b"%PDF-1.7 ...")
True
>>> media_type_of(b"\\x89PNG\\r\\n\\x1a\\n....")
'image/png'
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["ACCEPTED", "OCTET_STREAM", "extension_of", "matches", "media_type_of"]

OCTET_STREAM = "application/octet-stream"
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")  # a local file header, or an empty archive
_OLE2 = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)  # legacy Word, Excel, PowerPoint


def _starts(*signatures: bytes) -> Callable[[bytes], bool]:
    return lambda content: content.startswith(signatures)


def _text(content: bytes) -> bool:
    """UTF-8 text (a BOM allowed) with no NUL byte: what a CSV or a plain note is."""
    if b"\x00" in content:
        return False
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _webp(content: bytes) -> bool:
    return content[:4] == b"RIFF" and content[8:12] == b"WEBP"


_OOXML = "application/vnd.openxmlformats-officedocument"
# In the order a download is named by its bytes: the first type whose check passes.
ACCEPTED: dict[str, tuple[Callable[[bytes], bool], str]] = {
    "application/pdf": (_starts(b"%PDF-"), "pdf"),
    "image/png": (_starts(b"\x89PNG\r\n\x1a\n"), "png"),
    "image/jpeg": (_starts(b"\xff\xd8\xff"), "jpg"),
    "image/gif": (_starts(b"GIF87a", b"GIF89a"), "gif"),
    "image/tiff": (_starts(b"II*\x00", b"MM\x00*"), "tif"),
    "image/webp": (_webp, "webp"),
    "application/zip": (_starts(*_ZIP), "zip"),
    f"{_OOXML}.wordprocessingml.document": (_starts(*_ZIP), "docx"),
    f"{_OOXML}.spreadsheetml.sheet": (_starts(*_ZIP), "xlsx"),
    f"{_OOXML}.presentationml.presentation": (_starts(*_ZIP), "pptx"),
    "application/vnd.oasis.opendocument.text": (_starts(*_ZIP), "odt"),
    "application/vnd.oasis.opendocument.spreadsheet": (_starts(*_ZIP), "ods"),
    "application/msword": (_starts(*_OLE2), "doc"),
    "application/vnd.ms-excel": (_starts(*_OLE2), "xls"),
    "application/vnd.ms-powerpoint": (_starts(*_OLE2), "ppt"),
    "text/plain": (_text, "txt"),
    "text/csv": (_text, "csv"),
}


def matches(media_type: str, content: bytes) -> bool:
    """Whether ``content`` is a file of ``media_type``; requires an accepted type."""
    check, _ = ACCEPTED[media_type]
    return check(content)


def media_type_of(content: bytes) -> str:
    """The type a stored file is served as: the first accepted type its bytes are, else
    ``application/octet-stream`` (a file stored before uploads were checked)."""
    for media_type, (check, _) in ACCEPTED.items():
        if check(content):
            return media_type
    return OCTET_STREAM


def extension_of(media_type: str) -> str:
    """The file extension a download of this type is named with (``bin`` for others)."""
    return ACCEPTED[media_type][1] if media_type in ACCEPTED else "bin"
