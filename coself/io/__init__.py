"""Adapters to files and formats: strict YAML, banks on disk, atomic writes, CSV, templates."""
