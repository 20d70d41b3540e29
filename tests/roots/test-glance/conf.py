project = "Glance"
extensions = ["sphinx_awesome"]
exclude_patterns = ["_build"]
numfig = True
awesome_entries = ["entries/*.yaml"]
awesome_categories = {
    "systems": "Systems",
    "systems/parallel": "Automatic parallelism for distributed deep learning training",
    "tutorials": "Tutorials",
}
awesome_feed = "feed.xml"
awesome_feed_size = 4
html_baseurl = "https://list.example.org/glance/"
copyright = "2024, sphinx-awesome tests"
version = release = "1.0"
