"""`python -m syndication [--settings FILE] [--dry-run]`."""

from .cli import main

raise SystemExit(main())
