"""Releases of a project's distribution: the history in the lock (history.py), the
changelog entry and version proposed from the diffs (notes.py)."""
