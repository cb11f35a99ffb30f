"""connectc: a compiler and release tool for Amazon Connect contact flows."""

from __future__ import annotations

__version__ = "0.1.0"
