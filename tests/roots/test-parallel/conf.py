project = "Parallel"
extensions = ["sphinx_awesome"]
exclude_patterns = ["_build"]
numfig = True
awesome_entries = ["entries/*.yaml"]
