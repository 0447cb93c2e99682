"""The build benchmark: a deterministic corpus (`corpus.py`) and the runner (`run.py`)."""
