"""`python -m quiz`: the terminal quiz (see quiz/_cli.py)."""

from __future__ import annotations

import sys

from quiz._cli import main

if __name__ == "__main__":
    try:
        status = main()
    except KeyboardInterrupt:  # pressed before main() could catch it
        status = 130
    sys.exit(status)
