from sphinx_awesome.venues import BUILTIN_VENUES

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

# A workshop with a long name, for charts' long labels: declared, so not an unknown venue.
awesome_venues = {
    **BUILTIN_VENUES,
    "A Very Long Venue Name Of Some Workshop On Systems For Machine Learning At Scale": [],
}
