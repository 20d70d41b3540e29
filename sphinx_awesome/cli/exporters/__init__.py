"""Writing entries out: a Markdown README, BibTeX, JSON and CSV."""

from __future__ import annotations

from .bibtex import export_bibtex
from .csv import export_csv
from .json import SCHEMA_VERSION, export_json
from .markdown import STYLES, export_markdown

FORMATS = ("markdown", "bibtex", "json", "csv")

__all__ = ["FORMATS", "SCHEMA_VERSION", "STYLES", "export_bibtex", "export_csv", "export_json", "export_markdown"]  # fmt: skip
