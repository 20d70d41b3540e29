project = "MyST"
extensions = ["myst_parser", "sphinx_awesome"]
root_doc = "page"
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
numfig = True
awesome_entries = ["entries/*.yaml"]
# The tests build this project twice: once without page.md (reST), once without page.rst.
exclude_patterns = ["_build"]
