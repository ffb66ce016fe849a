"""The verdict cache of ``hallbound verify`` (issue 21, item 5): a second run of an unchanged
file reuses every step's verdict; a changed row, assumption, macro or checker version misses;
``--no-cache`` turns it off."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from hallbound.errors import InputError
from hallbound.proofs_checks.latex import verdict_cache
from hallbound.proofs_checks.latex.verdict_cache import VerdictCache
from hallbound.proofs_checks.latex.verify import verify_tex

TEXT = r"""\newcommand{\sq}[1]{#1^2}
% hb: assume x > 0, y > 0
\begin{align}
(x + y)^2 &= \sq{x} + 2xy + \sq{y} \\
&\ge 4xy \\
&> 3xy
\end{align}
"""


def _run(text: str, cache: VerdictCache | None) -> tuple[list[tuple[str, object]], object]:
    rep = verify_tex(text, trials=60, cache=cache)
    return [(s.verdict, s.witness) for c in rep.environments for s in c.steps], rep


def test_a_second_run_reuses_every_verdict_and_gives_the_same_report(tmp_path: Path) -> None:
    first, rep1 = _run(TEXT, VerdictCache(tmp_path))
    assert rep1.cache_hits == 0 and rep1.cache_misses == 3
    t0 = time.perf_counter()
    second, rep2 = _run(TEXT, VerdictCache(tmp_path))
    warm = time.perf_counter() - t0
    assert rep2.cache_hits == 3 and rep2.cache_misses == 0
    assert second == first
    assert [c.conclusion.verdict for c in rep2.environments] == [
        c.conclusion.verdict for c in rep1.environments]
    assert warm < 5.0


def test_an_edited_row_rechecks_only_the_steps_that_touch_it(tmp_path: Path) -> None:
    _run(TEXT, VerdictCache(tmp_path))
    edited = TEXT.replace(r"&> 3xy", r"&> 5xy")  # the last row: one step changes
    got, rep = _run(edited, VerdictCache(tmp_path))
    # the edited step, and the chain's conclusion (checked directly: the chain is broken)
    assert rep.cache_hits == 2 and rep.cache_misses == 2
    assert got[2][0] == "REFUTED"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("% hb: assume x > 0, y > 0", "% hb: assume x > 1, y > 0"),  # an assumption
        (r"\newcommand{\sq}[1]{#1^2}", r"\newcommand{\sq}[1]{#1^3}"),  # a macro
    ],
)
def test_a_changed_assumption_or_macro_misses(tmp_path: Path, old: str, new: str) -> None:
    _run(TEXT, VerdictCache(tmp_path))
    _, rep = _run(TEXT.replace(old, new), VerdictCache(tmp_path))
    assert rep.cache_misses >= 1
    if "assume" in old:  # every step sees the assumption
        assert rep.cache_hits == 0


def test_a_new_checker_version_misses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _run(TEXT, VerdictCache(tmp_path))
    from hallbound import verify_filecache  # the version lives in the light module

    monkeypatch.setattr(verify_filecache, "_VERSION", "another version")
    _, rep = _run(TEXT, VerdictCache(tmp_path))
    assert rep.cache_hits == 0 and rep.cache_misses == 3


def test_the_version_hashes_the_package_source() -> None:
    v = verdict_cache.checker_version()
    assert len(v) == 64 and int(v, 16) >= 0


def test_no_cache_stores_nothing_and_a_corrupt_entry_is_a_miss(tmp_path: Path) -> None:
    _, rep = _run(TEXT, None)
    assert rep.cache_hits == rep.cache_misses == 0
    assert not any(tmp_path.iterdir())
    _run(TEXT, VerdictCache(tmp_path))
    for f in tmp_path.rglob("*.pkl"):
        f.write_bytes(b"not a pickle")
    _, rep = _run(TEXT, VerdictCache(tmp_path))
    assert rep.cache_hits == 0 and rep.cache_misses == 3


def test_a_cache_path_that_is_a_file_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "f"
    f.write_text("x")
    with pytest.raises(InputError, match="cache"):
        VerdictCache(f)


def test_the_cli_has_no_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                              capsys: pytest.CaptureFixture[str]) -> None:
    from hallbound.cli import main

    src = tmp_path / "a.tex"
    src.write_text(TEXT)
    store = tmp_path / "store"
    monkeypatch.setenv(verdict_cache.CACHE_ENV, str(store))
    main(["verify", str(src), "--no-cache", "--trials", "40"])
    assert not store.exists()
    main(["verify", str(src), "--trials", "40"])
    assert any(store.rglob("*.pkl"))
    capsys.readouterr()


def test_a_megabyte_of_repeated_chains_is_answered_fast_in_one_line() -> None:
    # hostile volume: every environment the same; an identical step is checked once per file
    from hallbound.proofs_checks.latex.document import MAX_CHARS

    row = "\\begin{align} x &= x \\end{align}\n"
    text = row * ((MAX_CHARS - 100) // len(row))
    start = time.perf_counter()
    rep = verify_tex(text, trials=10)
    assert time.perf_counter() - start < 45
    assert rep.checked == 500
    rest = len(text) // len(row) - 500
    assert [e.message for e in rep.errors] == [
        f"{rest} more display environments not checked (at most 500 per file)"]


def test_the_version_covers_the_checker_outside_the_top_folder() -> None:
    # the package-dir mapping puts proofs_checks/, symbolic/ ... beside hallbound/ in a
    # source tree (editable install): the engine's and the LaTeX reader's files are hashed
    from pathlib import Path as P

    import hallbound.proofs_checks.engine.checker as engine
    import hallbound.proofs_checks.latex.math_parser as parser

    roots = verdict_cache.source_roots()
    for mod in (engine, parser):
        f = P(mod.__file__).resolve()
        assert any(f.is_relative_to(r) for r in roots), f


def test_an_edited_cited_line_with_the_same_verdict_misses(tmp_path: Path) -> None:
    # line (1) discharges AM-GM's hypothesis c >= 0 (c > 0 follows from the stated chain, from
    # no single assumption); edited, it no longer does, though it stays PROVED: the citing
    # step must be checked again, not answered PROVED from the cache
    text = r"""% hb: assume 0 < a, a < b, b < c, d > 0
\begin{align}
\sqrt{c d} + c &\ge \sqrt{c d} \\
&\le \frac{c + d}{2} % hb: by AM-GM
% hb: from (1)
\end{align}
"""
    edited = text.replace(r"\sqrt{c d} + c &", r"\sqrt{c d} + 1 &")
    fresh = [s.verdict for c in verify_tex(edited, trials=40).environments for s in c.steps]
    _run(text, VerdictCache(tmp_path))
    got, rep = _run(edited, VerdictCache(tmp_path))
    assert [v for v, _ in got] == fresh
    assert rep.cache_hits == 0


# -- the whole-file cache: an unchanged file is answered before the checker is imported ---------

_PROBE = """
import sys
from hallbound.cli import main
code = main(["verify", sys.argv[1], "--trials", "30", "--strict"])
print("checker imported:", "hallbound.proofs_checks.engine.checker" in sys.modules)
sys.exit(code)
"""


def _cli(src: Path, store: Path) -> tuple[int, str]:
    import os
    import subprocess
    import sys

    env = {**os.environ, verdict_cache.CACHE_ENV: str(store)}
    got = subprocess.run([sys.executable, "-c", _PROBE, str(src)], capture_output=True,
                         text=True, env=env, timeout=300, check=False)
    return got.returncode, got.stdout


def test_an_unchanged_file_is_answered_without_importing_the_checker(tmp_path: Path) -> None:
    src = tmp_path / "a.tex"
    src.write_text(TEXT.replace("&> 3xy", "&> 5xy"))  # a REFUTED step: --strict exits 1
    store = tmp_path / "store"
    code1, out1 = _cli(src, store)
    assert "checker imported: True" in out1 and code1 == 1
    code2, out2 = _cli(src, store)
    assert "checker imported: False" in out2
    assert (code2, out2.replace("False", "True")) == (code1, out1)  # the same table and status
    src.write_text(TEXT)  # an edit misses: checked again, and now nothing is REFUTED
    code3, out3 = _cli(src, store)
    assert "checker imported: True" in out3 and code3 == 0


def test_the_file_cache_ignores_a_damaged_entry(tmp_path: Path) -> None:
    from hallbound.verify_filecache import FileCache, file_key

    cache = FileCache(tmp_path)
    key = file_key("x", None, (None, 30, 30.0, 1800.0))
    assert key != file_key("x", "", (None, 30, 30.0, 1800.0))  # a macros file counts
    assert key != file_key("x", None, (1, 30, 30.0, 1800.0))  # so does the seed
    cache.put(key, {"render": "r", "json": "{}", "annotate": "a", "strict": ["s"]})
    assert cache.get(key) == {"render": "r", "json": "{}", "annotate": "a", "strict": ["s"]}
    path = next(tmp_path.rglob("*.json"))
    path.write_text('{"render": 1}')
    assert cache.get(key) is None


def test_the_cli_input_limit_is_the_readers() -> None:
    from hallbound.commands import verify as command
    from hallbound.proofs_checks.latex.document import MAX_CHARS

    assert command.MAX_CHARS == MAX_CHARS
