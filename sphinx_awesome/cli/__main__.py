"""``python -m sphinx_awesome.cli``."""

import sys

from . import main

sys.exit(main())
