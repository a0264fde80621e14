"""IR -> generated Python packages."""
