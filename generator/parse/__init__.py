"""Parsers: each turns one input format into the IR of `generator.ir`."""
