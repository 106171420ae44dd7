"""The OpenAPI 3.1 document names every command: the union on POST /api/commands, each type
on its own route, and the error shape on every write."""

from __future__ import annotations

from typing import get_args

from commands.messages import AnyCommand
from tests.http.conftest import Served


def test_every_command_has_its_route_and_the_union_takes_them_all(served: Served) -> None:
    doc = served.client.get("/schema/openapi.json").json()
    names = [t.__name__ for t in get_args(AnyCommand)]
    union = doc["paths"]["/api/commands"]["post"]["requestBody"]["content"]["application/json"]
    assert [ref["$ref"].rpartition("/")[2] for ref in union["schema"]["oneOf"]] == names
    for command in get_args(AnyCommand):
        tag = command.__struct_config__.tag
        operation = doc["paths"][f"/api/commands/{tag}"]["post"]
        body = operation["requestBody"]["content"]["application/json"]["schema"]
        assert body == {"$ref": f"#/components/schemas/{command.__name__}"}
        assert {"201", "200", "400", "401", "403", "413", "422", "503"} <= set(
            operation["responses"]
        )
        assert doc["components"]["schemas"][command.__name__]["properties"]["type"]


def test_the_interactive_docs_are_served(served: Served) -> None:
    page = served.client.get("/schema")
    assert page.status_code == 200
    assert "text/html" in page.headers["content-type"]
