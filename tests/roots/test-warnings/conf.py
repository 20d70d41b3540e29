project = "Warnings"
extensions = ["sphinx_awesome"]
exclude_patterns = ["_build"]
awesome_entries = ["entries/*.yaml"]
# A category tree given as a dict: categories outside it warn.
awesome_categories = {
    "systems": "Systems",
    "systems/storage": {"title": "Storage", "description": "Disks and such."},
}
