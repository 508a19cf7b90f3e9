"""The terminal app of briefing: a keyboard-driven Textual reader over the `index` core.

Nothing in here is imported by `index/`; the app talks to the core only through
`index.facade.Briefing`, and opens with `tui.app.run_app(briefing)`.
"""
