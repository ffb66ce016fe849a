"""The ``hallbound-verify`` pre-commit hook (issue 23, item 5), run through pre-commit itself
on a temporary git repository: a file with a false step fails the hook, a true one passes.

The test's config is a ``repo: local`` copy of the shipped hook (``.pre-commit-hooks.yaml``)
with ``language: system`` and this interpreter's ``-m hallbound.precommit`` as its entry, so
pre-commit builds no virtualenv and needs no network.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from hallbound.precommit import main as precommit_main
from hallbound.precommit import verify_argv

ROOT = Path(__file__).resolve().parents[2]

TRUE_TEX = r"""\documentclass{article}
\begin{document}
% hb: assume x > 0
\begin{equation}
x + \frac{1}{x} \ge 2
\end{equation}
\end{document}
"""

FALSE_TEX = r"""\documentclass{article}
\begin{document}
% hb: assume x > 0
\begin{equation}
x \ge x^2
\end{equation}
\end{document}
"""


def shipped_hook() -> dict:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return hook


def test_shipped_hook_runs_verify_strict_on_tex_files():
    hook = shipped_hook()
    assert hook["id"] == "hallbound-verify"
    assert hook["entry"] == "hallbound-precommit"
    assert hook["files"] == r"\.tex$"
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'hallbound-precommit = "hallbound.precommit:main"' in pyproject
    assert verify_argv("a.tex", _options("--time-limit", "5")) == [
        "verify", "--strict", "--time-limit", "5.0", "a.tex"
    ]


def _options(*argv: str):
    from hallbound.precommit import build_parser

    return build_parser().parse_args([*argv, "x.tex"])


def test_worst_status_over_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    good, bad = tmp_path / "good.tex", tmp_path / "bad.tex"
    good.write_text(TRUE_TEX, encoding="utf-8")
    bad.write_text(FALSE_TEX, encoding="utf-8")
    assert precommit_main([str(good)]) == 0
    assert precommit_main([str(good), str(bad)]) == 1
    assert precommit_main([str(tmp_path / "missing.tex"), str(bad)]) == 2
    err = capsys.readouterr().err
    assert "bad.tex: exit status 1" in err and "missing.tex: exit status 2" in err


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture
def paper_repo(tmp_path: Path) -> Path:
    """A git repository with one true and one false derivation and a local hook config."""
    repo = tmp_path / "paper"
    repo.mkdir()
    _git(repo, "init", "-q")
    hook = {
        **shipped_hook(),
        "language": "system",
        "entry": f"{sys.executable} -m hallbound.precommit",
    }
    config = {"repos": [{"repo": "local", "hooks": [hook]}]}
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    (repo / "true.tex").write_text(TRUE_TEX, encoding="utf-8")
    (repo / "false.tex").write_text(FALSE_TEX, encoding="utf-8")
    _git(repo, "add", ".")
    return repo


def _run_hook(repo: Path, *files: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(repo.parent / "pre-commit-home")}
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "hallbound-verify", "--files", *files],
        cwd=repo, env=env, capture_output=True, text=True, timeout=300,
    )


def test_pre_commit_fails_a_false_step_and_passes_a_true_one(paper_repo: Path):
    passed = _run_hook(paper_repo, "true.tex")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout
    failed = _run_hook(paper_repo, "false.tex")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "Failed" in failed.stdout and "REFUTED" in failed.stdout
    skipped = _run_hook(paper_repo, ".pre-commit-config.yaml")  # not a .tex file
    assert skipped.returncode == 0 and "no files to check" in skipped.stdout


def test_example_workflow_runs_the_hook_entry_on_changed_tex_files():
    workflow = yaml.safe_load((ROOT / "examples" / "ci" / "paper-verify.yml").read_text())
    steps = workflow["jobs"]["verify"]["steps"]
    runs = "\n".join(step.get("run", "") for step in steps)
    assert "hallbound-precommit" in runs and "'*.tex'" in runs
    assert workflow[True]["pull_request"]["paths"] == ["**.tex"]  # YAML reads `on:` as True
