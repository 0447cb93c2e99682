"""The sample CI workflow runs our real Make targets, in the order a deploy needs."""

import re
import subprocess

import yaml

from tests.conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"


def make_targets() -> list[str]:
    steps = yaml.safe_load(WORKFLOW.read_text())["jobs"]["publish"]["steps"]
    return [m for step in steps for m in re.findall(r"^make (\S+)", step.get("run", ""), re.M)]


def test_sync_then_build_and_upload_then_send():
    assert make_targets() == ["mentions-sync", "s3_upload", "mentions-send"]


def test_every_target_it_runs_exists():
    for target in make_targets():
        result = subprocess.run(
            ["make", "-n", "-o", "publish", "-o", "venv", target],
            cwd=ROOT, capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr


def test_the_store_and_outbox_are_committed_back_without_starting_another_run():
    text = WORKFLOW.read_text()
    assert "git add content/mentions" in text
    assert "[skip ci]" in text
    assert "cancel-in-progress: false" in text
