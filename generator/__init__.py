"""sdkgen: typed Python SDKs, docs and changelogs from OpenAPI specs."""

__version__ = "0.1.0"
