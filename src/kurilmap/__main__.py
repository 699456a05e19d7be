"""Entry point for ``python -m kurilmap`` (``python -m kurilmap --version`` prints the version)."""

import sys

from kurilmap.cli import main

sys.exit(main())
