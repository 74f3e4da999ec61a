"""Run coself as `python -m coself`."""

from coself.cli import main

main()
