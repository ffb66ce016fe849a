"""Every ``python`` block of the README runs as it is, from the repository root (issue 12:
the Python API section is executable documentation)."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"^```python\n(.*?)^```", README, flags=re.S | re.M)


def test_the_api_section_has_the_promised_examples():
    api = README.split("## Python API", 1)[1].split("\n## ", 1)[0]
    for name in ("LatentMixture", "load_spec", "parse_spec", "optimal_estimate",
                 "hallucination_rate", "derive", "check_claim", "run_battery"):
        assert name in api, name
    assert len(BLOCKS) >= 6


@pytest.mark.parametrize("index", range(len(BLOCKS)))
def test_readme_python_block_runs(index, monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    code = compile(BLOCKS[index], f"README.md python block {index + 1}", "exec")
    exec(code, {"__name__": f"readme_block_{index + 1}"})
    assert capsys.readouterr().out.strip()  # every block prints what it shows
