"""``python -m hallbound`` runs the CLI."""

import sys

from hallbound.cli import main

sys.exit(main())
