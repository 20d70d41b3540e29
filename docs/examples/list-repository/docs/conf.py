import os

project = "awesome-example"
extensions = ["myst_parser", "sphinx_awesome"]
exclude_patterns = ["_build"]
html_theme = "sphinx_book_theme"
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", "")

awesome_entries = ["entries/*.yaml"]
awesome_title = "Awesome example list"
awesome_categories = {
    "parallelism": "Parallelism",
    "memory": "Memory",
}
