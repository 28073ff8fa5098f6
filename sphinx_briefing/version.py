"""The toolkit's version: one place, read by the package, its builders and its packaging."""

__version__ = "1.0.0"
