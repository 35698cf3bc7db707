"""`python -m aslstudio` is the same as the `aslstudio` command."""

import sys

from aslstudio.cli import main

sys.exit(main())
