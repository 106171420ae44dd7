"""The template engine: Jinja with every value escaped (so a name, narrative or claim holding
HTML or script is shown as text, never run) and an error for a name a template uses but no
page gave it (a bug caught by the tests, not a blank on the page)."""

from __future__ import annotations

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from litestar.plugins.jinja import JinjaTemplateEngine

from commands.web.routes import TEMPLATES

__all__ = ["template_engine"]


def template_engine() -> JinjaTemplateEngine:
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return JinjaTemplateEngine.from_environment(environment)
