"""boardgen: a static site generator for curated opportunity boards."""

__version__ = "0.1.0"
