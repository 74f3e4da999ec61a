"""coself: self-assess co-production in social care against SCIE Guide 51."""

__version__ = "0.1.0"
