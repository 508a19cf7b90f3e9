"""briefing's headless core: articles, the Whoosh index, entities, engagements and briefs.

Nothing in this package imports `tui` or `textual`; the CLI (`index.cli`) and the TUI both
reach it through `index.facade.Briefing`.
"""
