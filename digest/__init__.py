"""digest: one consolidated, sourced brief from several outlets' articles on one story."""

__version__ = "0.1.0"
