"""Entry point for ``python -m kurilmap``."""

import sys

from kurilmap.cli import main

sys.exit(main())
