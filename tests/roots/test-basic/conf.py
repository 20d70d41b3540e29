project = "Basic"
extensions = ["sphinx_awesome"]
exclude_patterns = ["_build"]
numfig = True
awesome_entries = ["entries/*.yaml"]
# The category tree as a YAML file, relative to the source directory.
awesome_categories = "categories.yaml"
# Needed by the EPUB builder (it warns without them).
copyright = "2024, sphinx-awesome tests"
version = release = "1.0"
