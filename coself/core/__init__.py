"""The pure core: the model, checks, scoring, combining and comparing. Standard library only."""
