"""reader: read a text beside its translation and keep a vocabulary notebook."""

__version__ = "0.1.0"
