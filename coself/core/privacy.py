"""The smallest group whose figures are shown: a constant with no imports, so that the command
line can offer it as a default without loading the model."""

# The smallest group whose figures are shown, unless the user asks for another. Five follows
# the GP Patient Survey, which suppresses counts under five (and results based on fewer than ten
# people), and NHS Digital's disclosure control, which computes no averages from very small
# counts: with fewer than five, a manager who knows the room can tell who said what.
DEFAULT_MIN_GROUP = 5
