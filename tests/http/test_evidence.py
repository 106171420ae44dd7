"""Evidence over HTTP: an upload is stored under the SHA-256 of its bytes, as `ledger evidence
add` stores it, within the same size limit and only as a type its bytes are; a download gives
those bytes back as an attachment, served as the type they are."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from commands.handlers import HandlerContext
from commands.http.app import create_app
from commands.http.limits import RateLimit
from ledger.integrity.files import EVIDENCE
from ledger.integrity.records import IntegrityRecords
from ledger.persistence.settings import Settings
from tests.http.people import bearer, user_with_token
from tests.identity import bootstrap

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256))
CSV = "kpi,actual\nG1,80\nG2,ร้อยละ 72\n".encode()


@dataclass
class Client:
    http: TestClient[Litestar]
    headers: dict[str, str]
    ctx: HandlerContext

    def upload(self, content: Any, media_type: str | None, **headers: str) -> Any:
        sent = {**self.headers, **headers}
        if media_type is not None:
            sent["Content-Type"] = media_type
        return self.http.post("/api/evidence", content=content, headers=sent)

    def download(self, digest: str) -> Any:
        return self.http.get(f"/api/evidence/{digest}", headers=self.headers)

    def stored(self) -> dict[str, bytes]:
        return dict(IntegrityRecords.of(self.ctx.app).evidence())


@pytest.fixture
def client(settings: Settings, ctx: HandlerContext) -> Iterator[Client]:
    bootstrap(ctx)
    token = user_with_token(ctx, "reporter-1", [])
    app = create_app(settings, rate_limit=RateLimit(rate=10_000, burst=10_000))
    with TestClient(app) as http:
        yield Client(http, bearer(token), ctx)


def test_an_upload_is_stored_under_the_sha256_of_its_bytes(client: Client) -> None:
    answer = client.upload(PDF, "application/pdf")
    assert answer.status_code == 201
    digest = hashlib.sha256(PDF).hexdigest()
    assert answer.json() == {
        "sha256": digest,
        "size": len(PDF),
        "media_type": "application/pdf",
        "new": True,
    }
    assert answer.headers["location"] == f"/api/evidence/{digest}"
    # Where `ledger verify` re-hashes evidence from, and `ledger export` copies it.
    assert client.stored() == {digest: PDF}


def test_the_same_bytes_sent_again_are_answered_200_and_kept_once(client: Client) -> None:
    first, again = client.upload(PNG, "image/png"), client.upload(PNG, "image/png")
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["new"] is False
    assert again.json()["sha256"] == first.json()["sha256"]
    assert len(client.stored()) == 1


def test_a_download_is_the_bytes_as_an_attachment_of_their_type(client: Client) -> None:
    digest = client.upload(PDF, "application/pdf").json()["sha256"]
    answer = client.download(digest)
    assert answer.status_code == 200
    assert answer.content == PDF
    assert answer.headers["content-type"] == "application/pdf"
    assert answer.headers["content-disposition"] == f'attachment; filename="{digest}.pdf"'
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert answer.headers["content-length"] == str(len(PDF))


def test_a_type_with_parameters_is_read_without_them(client: Client) -> None:
    answer = client.upload(CSV, "Text/CSV; charset=utf-8")
    assert answer.status_code == 201
    assert answer.json()["media_type"] == "text/csv"


def test_markup_uploaded_as_text_is_served_as_inert_plain_text(client: Client) -> None:
    page = b"<html><script>alert(document.cookie)</script></html>"
    digest = client.upload(page, "text/plain").json()["sha256"]
    answer = client.download(digest)
    assert answer.headers["content-type"].startswith("text/plain")
    assert answer.headers["content-disposition"].startswith("attachment;")
    assert "sandbox" in answer.headers["content-security-policy"]


def test_bytes_that_are_not_the_type_named_are_415_and_not_stored(client: Client) -> None:
    answer = client.upload(PNG, "application/pdf")
    assert answer.status_code == 415
    assert answer.json()["field"] == "Content-Type"
    assert answer.json()["rule"]
    assert client.upload(b"\xff\xfe not utf-8 \x00", "text/csv").status_code == 415
    assert client.stored() == {}


def test_a_type_evidence_is_never_stored_as_is_415(client: Client) -> None:
    answer = client.upload(b"<html></html>", "text/html")
    assert answer.status_code == 415
    assert "application/pdf" in answer.json()["rule"]


@pytest.mark.parametrize("media_type", [None, "pdf", "application/pdf/x", "a/" + "b" * 130])
def test_a_missing_or_malformed_type_is_400_naming_the_header(
    client: Client, media_type: str | None
) -> None:
    answer = client.upload(PDF, media_type)
    assert answer.status_code == 400
    assert answer.json()["field"] == "Content-Type"
    assert answer.json()["rule"]


def test_an_empty_upload_is_400(client: Client) -> None:
    answer = client.upload(b"", "text/plain")
    assert answer.status_code == 400
    assert answer.json()["field"] == "body"


def test_an_upload_declared_larger_than_the_limit_is_413_before_it_is_read(
    client: Client,
) -> None:
    sent: list[int] = []

    def body() -> Iterator[bytes]:
        for _ in range(4):
            sent.append(1)
            yield b"%PDF-" + b"0" * 1000

    declared = str(EVIDENCE.limit + 1)
    answer = client.upload(body(), "application/pdf", **{"Content-Length": declared})
    assert answer.status_code == 413
    assert answer.json()["error"] == "too-large"
    assert answer.json()["expected"] == EVIDENCE.limit
    assert client.stored() == {}


def test_an_upload_streamed_past_the_limit_is_413_and_not_stored(client: Client) -> None:
    chunk = b"\0" * (1 << 20)

    def body() -> Iterator[bytes]:
        yield b"%PDF-"
        for _ in range(EVIDENCE.limit // len(chunk) + 1):
            yield chunk

    answer = client.upload(body(), "application/pdf")
    assert answer.status_code == 413
    assert answer.json()["error"] == "too-large"
    assert client.stored() == {}


def test_a_hash_nothing_is_stored_under_is_404_and_a_malformed_one_400(client: Client) -> None:
    missing = client.download(hashlib.sha256(b"never uploaded").hexdigest())
    assert missing.status_code == 404
    assert missing.json()["field"] == "sha256"
    malformed = client.download("ABC")
    assert malformed.status_code == 400
    assert malformed.json()["field"] == "sha256"


def test_evidence_needs_a_signed_in_user(client: Client) -> None:
    digest = client.upload(PDF, "application/pdf").json()["sha256"]
    up = client.http.post("/api/evidence", content=PDF, headers={"Content-Type": "text/plain"})
    down = client.http.get(f"/api/evidence/{digest}")
    assert (up.status_code, down.status_code) == (401, 401)


def test_the_schema_documents_the_upload_as_raw_bytes_of_the_accepted_types(
    client: Client,
) -> None:
    upload = client.http.get("/schema/openapi.json").json()["paths"]["/api/evidence"]["post"]
    body = upload["requestBody"]["content"]
    assert body["application/pdf"]["schema"] == {"type": "string", "format": "binary"}
    assert "text/html" not in body
    assert {"201", "413", "415"} <= set(upload["responses"])
