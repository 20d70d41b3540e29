"""The Alpa paper as the metadata services and BibTeX exports describe it (the ``add`` and
BibTeX import tests read the same recorded answers)."""

ALPA_AUTHORS = [
    "Lianmin Zheng",
    "Zhuohan Li",
    "Hao Zhang",
    "Yonghao Zhuang",
    "Zhifeng Chen",
    "Yanping Huang",
    "Yida Wang",
    "Yuanzhong Xu",
    "Danyang Zhuo",
    "Eric P. Xing",
    "Joseph E. Gonzalez",
    "Ion Stoica",
]
ALPA_TITLE = "Alpa: Automating Inter- and Intra-Operator Parallelism for Distributed Deep Learning"
