project = "Incremental"
extensions = ["sphinx_awesome"]
exclude_patterns = ["_build"]
awesome_entries = ["entries/*.yaml", "extra/*.yaml"]
