"""Resources of the client, one module per top-level path segment."""
