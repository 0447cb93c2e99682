"""`make rsync_upload` and `make github` on a built site, to a local directory and a local repository.

`make -o publish` skips the build so the fixture site is what gets published.
"""

import os
import subprocess

from tests.conftest import ROOT


def make(*arguments, env=None):
    result = subprocess.run(
        ["make", "-o", "publish", *arguments], cwd=ROOT, capture_output=True, text=True,
        env=env, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def git(*arguments, cwd=None):
    return subprocess.run(
        ["git", *arguments], cwd=cwd, capture_output=True, text=True, check=True
    ).stdout


def test_rsync_upload_mirrors_output_and_removes_what_is_gone(built_site, tmp_path):
    target = tmp_path / "www"
    target.mkdir()
    (target / "old-post").mkdir()
    (target / "old-post" / "index.html").write_text("gone")
    make("rsync_upload", f"OUTPUTDIR={built_site}", "SSH_HOST=", f"SSH_TARGET_DIR={target}")
    published = sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file())
    built = sorted(
        p.relative_to(built_site).as_posix() for p in built_site.rglob("*") if p.is_file()
    )
    assert published == built
    assert "index.html.br" in published


def test_rsync_upload_without_a_target_stops_with_usage():
    result = subprocess.run(
        ["make", "-o", "publish", "rsync_upload", "SSH_TARGET_DIR="],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode != 0
    assert "usage: make rsync_upload" in result.stderr


def test_github_commits_output_to_the_pages_branch_and_pushes_it(built_site, tmp_path):
    remote = tmp_path / "remote.git"
    git("init", "--bare", "--quiet", str(remote))
    work = tmp_path / "repo"
    git("init", "--quiet", str(work))
    git("config", "user.name", "Test", cwd=work)
    git("config", "user.email", "test@example.org", cwd=work)
    # GIT_DIR makes every git command of the target use this throwaway repository.
    env = {"PATH": os.environ["PATH"], "GIT_DIR": str(work / ".git"), "HOME": str(tmp_path)}
    make("github", f"OUTPUTDIR={built_site}", f"GITHUB_REMOTE={remote}", env=env)
    files = git(f"--git-dir={remote}", "ls-tree", "-r", "--name-only", "gh-pages").split()
    assert ".nojekyll" in files
    assert "index.html" in files
    assert "theme/css/main.0a1b2c3d4e.css" in files
    assert git(f"--git-dir={remote}", "log", "-1", "--format=%s", "gh-pages").strip() == (
        "Publish the site"
    )
