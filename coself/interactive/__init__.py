"""The interactive assessment: the question loop and the terminal it talks through."""
