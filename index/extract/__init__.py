"""Extraction from cleaned articles: entities (people, organisations, places) and engagements."""
