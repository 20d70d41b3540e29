project = "Hostile"
extensions = ["sphinx_awesome"]
exclude_patterns = ["_build"]
awesome_entries = ["entries/*.yaml"]
# The links that must not be linked each warn; that is tested elsewhere.
suppress_warnings = ["awesome.bad-url"]
# The hostile venue is not in the venue list: its name is the point of the test.
awesome_checks = {"unknown-venue": "off"}
