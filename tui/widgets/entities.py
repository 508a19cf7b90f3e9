"""The entities pane: people, organisations and places as a tree by type, with mention counts.

It shows either the whole corpus or one article (the screen says which); Enter on a name
posts `EntityChosen`, which the screen turns into a list filter. Each type lists its most
mentioned names first and stops at `SHOWN_PER_TYPE`: a 50k-article corpus names some 30,000
entities, a tree nobody scrolls, and the field queries (`person:`, `org:`, `place:`) find
the rest.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import Tree

from index.model import ENTITY_TYPES, Entity
from tui.messages import EntityChosen
from tui.widgets.keys import VIM_MOTION

HEADINGS = {"person": "People", "organization": "Organisations", "place": "Places"}
SHOWN_PER_TYPE = 500
FIELD_OF_TYPE = {"person": "person", "organization": "org", "place": "place"}


class EntityTree(Tree[tuple[str, str]]):
    """Entities by type; leaves carry (name, type)."""

    BINDINGS = [*VIM_MOTION]

    def __init__(self, **kwargs) -> None:
        super().__init__(Text("Entities"), **kwargs)
        self.show_root = False
        self.guide_depth = 2

    def show(self, entities: Sequence[Entity], article: str | None = None) -> None:
        self.clear()
        for kind in ENTITY_TYPES:
            of_kind = [e for e in entities if e.type == kind]
            label = Text(HEADINGS[kind], style="bold")
            label.append(f" {len(of_kind)}", "dim")
            branch = self.root.add(label, expand=True)
            for entity in of_kind[:SHOWN_PER_TYPE]:
                count = entity.mentions.get(article, 0) if article else entity.total_mentions
                leaf = Text(entity.name)
                leaf.append(f" {count}", "dim")
                branch.add_leaf(leaf, data=(entity.name, entity.type))
            if len(of_kind) > SHOWN_PER_TYPE:
                more = len(of_kind) - SHOWN_PER_TYPE
                branch.add_leaf(
                    Text(f"… {more} more: search {FIELD_OF_TYPE[kind]}:NAME", style="dim"),
                    data=None,
                )
        self.cursor_line = 0

    def action_first(self) -> None:
        self.scroll_home(animate=False)
        self.cursor_line = 0

    def action_last(self) -> None:
        self.cursor_line = self.last_line

    def on_tree_node_selected(self, event: Tree.NodeSelected) -> None:
        event.stop()
        if event.node.data is not None:
            name, kind = event.node.data
            self.post_message(EntityChosen(name, kind))
