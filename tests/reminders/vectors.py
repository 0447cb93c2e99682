"""The shared Python/JavaScript vectors in tests/vectors/ics/ (read by both test suites)."""

import json
from pathlib import Path

VECTOR_DIR = Path(__file__).resolve().parents[1] / "vectors" / "ics"


def vector_names() -> list[str]:
    """Names of the vector pairs, e.g. "01-one-contact" for 01-one-contact.json/.ics."""
    return sorted(path.stem for path in VECTOR_DIR.glob("[0-9][0-9]-*.json"))


def load_vector(name: str) -> tuple[dict, bytes]:
    """The JSON input of a vector and its expected bytes."""
    case = json.loads((VECTOR_DIR / f"{name}.json").read_text(encoding="utf-8"))
    return case, (VECTOR_DIR / f"{name}.ics").read_bytes()


def error_cases() -> list[dict]:
    """Every case of errors.json with its form and options merged over the bases."""
    document = json.loads((VECTOR_DIR / "errors.json").read_text(encoding="utf-8"))
    return [
        {
            "name": case["name"],
            "form": {**document["base_form"], **case["form"]},
            "options": {**document["base_options"], **case["options"]},
            "problems": case["problems"],
        }
        for case in document["cases"]
    ]
