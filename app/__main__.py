"""Entry point: `python -m app` and the `mediation-desk` console script."""

import sys

from app.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
