"""sitegen: a fast, Jekyll-compatible static news-site generator."""

from __future__ import annotations

__version__ = "0.1.0"
