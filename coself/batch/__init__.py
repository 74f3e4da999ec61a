"""Scoring many inputs at once: the engine, its temporary store and its summary rows."""
