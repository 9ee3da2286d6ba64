"""Entry point for the bundled app: the same as `python -m orgdesigner`."""

import sys

from orgdesigner.__main__ import main

sys.exit(main())
