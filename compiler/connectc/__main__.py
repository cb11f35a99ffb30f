"""`python -m connectc`: the command line."""

from __future__ import annotations

import sys

from connectc.cli import main

sys.exit(main())
