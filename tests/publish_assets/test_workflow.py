"""The sample CI workflow runs our real Make targets, in the order a deploy needs."""

import re
import subprocess

import pytest
import yaml

from tests.conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"


def workflow_steps() -> list[dict]:
    return yaml.safe_load(WORKFLOW.read_text())["jobs"]["publish"]["steps"]


def make_targets() -> list[str]:
    steps = workflow_steps()
    return [m for step in steps for m in re.findall(r"^make (\S+)", step.get("run", ""), re.M)]


def test_sync_then_build_and_upload_then_syndicate_then_send():
    assert make_targets() == ["mentions-sync", "s3_upload", "syndicate", "mentions-send"]


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


# --- when the store is committed ------------------------------------------------------

STATUS = {
    "always()": "True",
    "success()": "(not failed and not cancelled)",
    "failure()": "failed",
    "cancelled()": "cancelled",
}


def runs(step: dict, outcomes: dict[str, str], failed: bool, cancelled: bool) -> bool:
    """Whether GitHub Actions runs `step`: its `if`, with the implicit `success()` added."""
    expression = str(step.get("if", "success()")).strip()
    if expression.startswith("${{"):
        expression = expression.removeprefix("${{").removesuffix("}}").strip()
    if not any(function in expression for function in STATUS):
        expression = f"success() && ({expression})"
    for function, python in STATUS.items():
        expression = expression.replace(function, python)
    expression = re.sub(r"steps\.(\w+)\.outcome", r"outcomes.get('\1')", expression)
    expression = re.sub(r"!(?!=)", " not ", expression.replace("&&", " and ").replace("||", " or "))
    namespace = {"outcomes": outcomes, "failed": failed, "cancelled": cancelled}
    return eval(expression, {"__builtins__": {}}, namespace)  # our own workflow file


def steps_run(failing: str | None = None, cancelled_in: str | None = None) -> list[str]:
    """The ids of the steps that run when step `failing` fails or the run is cancelled in one."""
    outcomes: dict[str, str] = {}
    ran, failed, cancelled = [], False, False
    for step in workflow_steps():
        step_id = step.get("id") or step.get("name") or step["uses"]
        if not runs(step, outcomes, failed, cancelled):
            outcomes[step_id] = "skipped"
            continue
        ran.append(step_id)
        outcomes[step_id] = "success"
        if step_id == failing:
            outcomes[step_id], failed = "failure", True
        if step_id == cancelled_in:
            outcomes[step_id], cancelled = "cancelled", True
    return ran


def commits(**scenario) -> bool:
    return "Commit the mentions store and the outbox" in steps_run(**scenario)


def test_the_store_is_committed_after_a_successful_build_upload_and_send():
    assert steps_run()[-1] == "Commit the mentions store and the outbox"
    assert commits()


@pytest.mark.parametrize("failing", ["sync", "upload"])
def test_nothing_is_committed_when_the_sync_build_or_upload_fails(failing):
    assert not commits(failing=failing)


def test_a_failed_send_still_commits_what_it_recorded_in_the_outbox():
    assert commits(failing="send")


def test_a_failed_syndicate_step_still_sends_and_commits_the_posts_it_recorded():
    assert "send" in steps_run(failing="syndicate")
    assert commits(failing="syndicate")


def test_the_syndicate_step_gets_its_credentials_from_secrets():
    step = next(s for s in workflow_steps() if s.get("id") == "syndicate")
    for name in ("BLUESKY_HANDLE", "BLUESKY_APP_PASSWORD", "MASTODON_BASE_URL", "MASTODON_TOKEN"):
        assert step["env"][name] == f"${{{{ secrets.{name} }}}}"


@pytest.mark.parametrize("step", ["sync", "upload", "syndicate", "send"])
def test_a_cancelled_run_commits_nothing(step):
    assert not commits(cancelled_in=step)
