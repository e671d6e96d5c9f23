"""Allows ``python -m katalog_sop``, the same as the ``sop`` command."""

import sys

from katalog_sop.cli import main

sys.exit(main())
