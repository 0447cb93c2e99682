"""`python -m linkbacks [--settings FILE] send [--dry-run] [--output DIR] [--siteurl URL]`."""

from .cli import main

raise SystemExit(main())
