"""truthmap: decide where the truth about client work lives."""

__version__ = "0.1.0"
