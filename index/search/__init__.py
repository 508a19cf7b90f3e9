"""The Whoosh index: its schema, the store that builds and updates it, and the query layer."""
