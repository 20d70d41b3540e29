# One project, built once per theme by tests/browser (html_theme is overridden there).
project = "Themes"
extensions = ["sphinx_awesome"]
exclude_patterns = ["_build"]
awesome_entries = ["entries/*.yaml"]
awesome_max_authors = 3
copyright = "2024, sphinx-awesome tests"
version = release = "1.0"
# pydata-sphinx-theme (and the book theme) log a console error on a first visit without it.
html_context = {"default_mode": "auto"}
