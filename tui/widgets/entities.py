"""The entities pane: people, organisations and places as a tree by type, with mention counts.

It shows either the whole corpus or one article (the screen says which); Enter on a name
posts `EntityChosen`, which the screen turns into a list filter.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import Tree

from index.model import ENTITY_TYPES, Entity
from tui.messages import EntityChosen
from tui.widgets.keys import VIM_MOTION

HEADINGS = {"person": "People", "organization": "Organisations", "place": "Places"}


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
            for entity in of_kind:
                count = entity.mentions.get(article, 0) if article else entity.total_mentions
                leaf = Text(entity.name)
                leaf.append(f" {count}", "dim")
                branch.add_leaf(leaf, data=(entity.name, entity.type))
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
