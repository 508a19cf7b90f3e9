"""The app's panes, one module each: article list, reader, entities, engagements, status.

Each widget keeps only its own look in `DEFAULT_CSS` and talks upward with the messages in
`tui.messages`; the screen decides what to do with them.
"""
