"""Briefs: one sourced paragraph about an engagement or a story, and its text/Markdown/JSON
forms."""

from index.brief.compose import compose_brief
from index.brief.render import render_brief

__all__ = ["compose_brief", "render_brief"]
