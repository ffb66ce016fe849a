"""The same input gives the same verdicts and the same files, whatever the machine's load.

Every budget that can change a verdict counts CPU time or deterministic work units (z3's
``rlimit``), never wall time; a step stopped by its budget is UNDECIDED with the reason
``budget`` and the summaries count it. The end-to-end tests run the same command twice, the
second time against a CPU hog (a busy loop per core, bounded in time and killed after), and
compare the outputs byte for byte.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import sympy as sp

from hallbound.budget import OutOfBudget, cpu_seconds, cpu_timer, hit_budget
from hallbound.proofs_checks.engine import z3_prover
from hallbound.proofs_checks.engine.report import summary
from hallbound.proofs_checks.engine.verdicts import ClaimResult, StepResult, Verdict
from hallbound.proofs_checks.latex.report import render as render_verify
from hallbound.proofs_checks.latex.verify import run_with_budget, verify_tex

ROOT = Path(__file__).resolve().parents[2]
x, y, z = sp.symbols("x y z", real=True)

#: A nonlinear query z3 cannot settle quickly: (x^2 + y^2 + z^2)^3 >= 27 x^2 y^2 z^2 (AM-GM).
HARD = ((x**2 + y**2 + z**2) ** 3, ">=", 27 * x**2 * y**2 * z**2)


@contextlib.contextmanager
def cpu_hog(seconds: float = 120.0) -> Iterator[list[subprocess.Popen]]:
    """One busy-loop process per core, each ending by itself after ``seconds``; killed when
    the block ends."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 2
    code = f"import time\nend = time.monotonic() + {seconds}\nwhile time.monotonic() < end: pass"
    procs = [subprocess.Popen([sys.executable, "-c", code]) for _ in range(cores)]
    try:
        time.sleep(0.2)  # let them start competing
        yield procs
    finally:
        for p in procs:
            p.kill()
        for p in procs:
            p.wait(10)


def spin() -> None:
    """CPU work without end."""
    while True:
        pass


# ----- z3: a deterministic resource budget ---------------------------------------------------
def _fields(res: z3_prover.Z3Result) -> tuple:
    return (res.status, res.reason, res.work, res.seconds, dict(res.model or {}))


def test_z3_work_does_not_depend_on_earlier_queries() -> None:
    query = (x**2 * y + y**2 - 3 * x * y, ">=", -3, {x: sp.Interval(0, 2), y: sp.Interval(0, 2)})
    first = z3_prover.decide(*query)
    for _ in range(3):  # other queries in between leave the count of this one unchanged
        z3_prover.decide(x**4 + y**4, ">=", 2 * x**2 * y**2)
    again = z3_prover.decide(*query)
    assert first.work > 0 and _fields(again) == _fields(first)
    assert first.seconds == first.work / z3_prover.RLIMIT_PER_SECOND
    # and in a fresh process
    code = (
        "import sympy as sp\nfrom hallbound.proofs_checks.engine.z3_prover import decide\n"
        "x, y = sp.symbols('x y', real=True)\n"
        "box = {x: sp.Interval(0, 2), y: sp.Interval(0, 2)}\n"
        "r = decide(x**2*y + y**2 - 3*x*y, '>=', -3, box)\n"
        "print(r.status, r.work)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == [first.status, str(first.work)]


def test_z3_budget_is_work_not_wall_time() -> None:
    # A budget z3 runs out of: the same count of work, reason "budget", idle or loaded.
    idle = z3_prover.decide(*HARD, rlimit=60_000)
    with cpu_hog(60):
        loaded = z3_prover.decide(*HARD, rlimit=60_000)
    assert idle.status == "unknown" and idle.reason == z3_prover.BUDGET and idle.budget
    assert idle.work >= 60_000 and _fields(loaded) == _fields(idle)


def test_a_timeout_in_seconds_is_a_resource_budget() -> None:
    # the older signature: timeout= seconds maps to rlimit = seconds * RLIMIT_PER_SECOND
    t = 0.1
    by_time = z3_prover.decide(*HARD, timeout=t)
    by_units = z3_prover.decide(*HARD, rlimit=int(t * z3_prover.RLIMIT_PER_SECOND))
    assert _fields(by_time) == _fields(by_units)
    assert by_time.status == "unknown" and by_time.reason == "budget"
    with pytest.raises(Exception) as err:
        z3_prover.decide(x, "<=", 1, rlimit=0)
    assert getattr(err.value, "parameter", None) == "rlimit"


# ----- CPU timers ------------------------------------------------------------------------------
def test_the_cpu_timer_counts_cpu_not_sleep() -> None:
    with cpu_timer(0.2):  # sleeping uses no CPU: the timer does not fire
        time.sleep(0.5)
    start = cpu_seconds()
    with pytest.raises(OutOfBudget), cpu_timer(0.2):
        spin()
    assert cpu_seconds() - start >= 0.15


def test_the_cpu_timer_fires_again_when_its_exception_is_swallowed() -> None:
    swallowed = []
    with pytest.raises(OutOfBudget), cpu_timer(0.1):
        try:
            spin()
        except OutOfBudget:  # as in a garbage collector callback or a __del__
            swallowed.append(True)
        spin()
    assert swallowed


def test_the_cpu_timer_sets_the_collectors_callbacks_aside() -> None:
    import gc

    def callback(phase: str, info: dict) -> None:  # where a signal's exception is swallowed
        pass

    gc.callbacks.append(callback)
    try:
        with cpu_timer(5.0):
            assert callback not in gc.callbacks
        assert callback in gc.callbacks
    finally:
        gc.callbacks.remove(callback)


def test_the_cpu_timer_gives_back_a_callers_timer() -> None:
    import signal

    old = signal.signal(signal.SIGPROF, lambda *_: None)
    signal.setitimer(signal.ITIMER_PROF, 100.0)
    try:
        with cpu_timer(5.0) as armed:
            assert armed
        left, _ = signal.getitimer(signal.ITIMER_PROF)
        assert 95 < left <= 100.1  # what it had, less the block's CPU time (kernel ticks)
        with cpu_timer(500.0) as armed:  # the caller's timer fires first: left alone
            assert not armed
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, old)


def test_the_sympy_attempts_use_the_cpu_timer() -> None:
    from hallbound.symbolic.families import fallback

    def sleepy() -> str:
        time.sleep(0.3)
        return "done"

    def busy() -> None:
        spin()

    saved = fallback.SYMPY_SECONDS
    fallback.SYMPY_SECONDS = 0.1
    try:
        assert fallback._attempt(sleepy) == "done"  # wall 0.3 s, CPU ~0: within budget
        assert fallback._attempt(busy) is None  # out of CPU time: given up
    finally:
        fallback.SYMPY_SECONDS = saved


def test_a_worker_is_stopped_by_cpu_time_and_by_the_wall_safety_net_alike() -> None:
    status, value, charged = run_with_budget(spin, 0.3)
    assert (status, value, charged) == ("budget", None, 0.3)
    # sleeping spends no CPU: only the wall-clock safety net stops it, with the same outcome
    started = time.monotonic()
    assert run_with_budget(lambda: time.sleep(60), 0.3, wall=1.0) == ("budget", None, 0.3)
    assert time.monotonic() - started < 30
    status, value, used = run_with_budget(lambda: 6 * 7, 30)
    assert (status, value) == ("ok", 42) and 0 <= used < 30


# ----- no wall clock in the code that decides verdicts ------------------------------------------
#: Files of the checking code that read the wall clock, and why: z3's result reports its wall
#: time beside the deterministic work; the mutation report states how long the run took; the
#: corpus script reports the median time per file (no verdict depends on it).
WALL_CLOCK_READERS = {
    "proofs_checks/engine/z3_prover.py",
    "proofs_checks/mutation/runner.py",
    "proofs_checks/latex/corpus.py",
    # the Coq export reports how long coqc ran (a kernel verdict never reads this clock)
    "proofs_checks/kernel/run.py",
    # the kernel corpus script reports the time per corpus file (no verdict depends on it)
    "proofs_checks/kernel/corpus.py",
    # verify --coq reports how long the export and coqc took (no verdict depends on it)
    "proofs_checks/kernel/verify_export.py",
}


def test_no_wall_clock_timer_in_the_checking_code() -> None:
    found = []
    for folder in ("proofs_checks", "symbolic", "numeric", "paper_tex", "hallbound"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            text = path.read_text(encoding="utf-8")
            for bad in ("signal.ITIMER_REAL", "signal.SIGALRM", "signal.alarm("):
                if bad in text:
                    found.append((rel, bad))
            if folder != "hallbound" and rel not in WALL_CLOCK_READERS:
                for clock in ("time.monotonic", "time.time()", "perf_counter"):
                    if clock in text:
                        found.append((rel, clock))
            if '.set("timeout"' in text and rel != "proofs_checks/engine/z3_prover.py":
                found.append((rel, "a z3 wall-clock timeout"))
    assert found == []


# ----- summaries ---------------------------------------------------------------------------------
DOC = r"""% hb: assume x > 0
\begin{align}
x^2 + 1 &\ge 2x \\
&\ge x
\end{align}"""


def test_verify_names_the_budget_and_counts_it() -> None:
    rep = verify_tex(DOC, time_limit=1e-6, trials=20)
    steps = rep.environments[0].steps
    assert [s.verdict for s in steps] == ["UNDECIDED", "UNDECIDED"]
    assert all(hit_budget(s.detail) and "CPU s" in s.detail for s in steps)
    assert "; 2 stopped by their CPU budget;" in render_verify(rep)
    full = verify_tex(DOC, trials=20)
    assert [s.verdict for s in full.environments[0].steps] == ["PROVED", "PROVED"]
    assert "; 0 stopped by their CPU budget;" in render_verify(full)
    spent = verify_tex(DOC, total_time=1e-9, trials=20)
    assert all(s.detail.startswith("budget: ") for s in spent.environments[0].steps)


def test_check_summary_counts_the_steps_stopped_by_their_budget() -> None:
    stopped = StepResult(
        "C", "s1", "a <= b", Verdict.UNDECIDED, "not decided", detail="budget: 30 CPU s spent"
    )
    done = StepResult("C", "s2", "a <= b", Verdict.PROVED, "sympy")
    text = summary([ClaimResult("C", steps=[stopped, done])])
    assert "Budget: 1 step(s) stopped by their CPU budget: C / s1" in text
    assert "Budget: 0 step(s)" in summary([ClaimResult("C", steps=[done])])
    assert not hit_budget("sympy: the budget of the paper", "")  # the word alone is not it


# ----- end to end: the same command twice, the second against a CPU hog -----------------------
#: Fast claims covering SymPy proofs, a z3 proof shown in its method, falsification
#: (REFUTED, SUPPORTED) and lemma instances (Corollary 3, proved on the concentration lemmas).
CLAIMS = ("Theorem C.1 (corrected)", "Corollary 3", "Lemma B.2", "Theorem 1",
          "Theorem 6.1, two states (corrected)")

#: A user's claim whose one step only sampling can judge (SUPPORTED): Gamma(x) >= 22/25 on
#: [1/2, 3] is true (min Gamma = 0.8856... at x = 1.4616...), and no symbolic rule proves it.
SAMPLED_PLUGIN = """
import sympy as sp

from hallbound.proofs_checks import Claim, Param, Step
from hallbound.registry import registry

x = sp.Symbol("x", real=True)
bound = sp.Rational(22, 25)
registry("claims").register(Claim(
    "Sampled gamma bound", "Gamma(x) >= 22/25 on [1/2, 3]",
    [Param("x", x, lo=sp.Rational(1, 2), hi=3)],
    [Step("gamma", sp.gamma(x), ">=", bound, "the minimum of Gamma is 0.8856...")],
    conclusion=[(sp.gamma(x), ">=", bound)],
))
"""


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    """``hallbound ARGS`` in a fresh process (another hash seed than this one's)."""
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    cmd = [sys.executable, "-m", "hallbound", *args]
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr
    return proc


@pytest.mark.slow  # a check here, then the same through the CLI against the hog: about 30 s
def test_check_gives_the_same_json_under_load(tmp_path: Path) -> None:
    from hallbound.proofs_checks.claims import registry
    from hallbound.proofs_checks.engine.checker import check_claim
    from hallbound.proofs_checks.engine.report import to_json
    from hallbound.proofs_checks.library.lemma_audit import failing_lemmas

    claims = registry.find(list(CLAIMS))
    results = [check_claim(c) for c in claims]
    corrects = {c.name: c.corrects for c in claims}
    idle = to_json(results, failing_lemmas(), corrects)  # as `check --json` writes it
    loaded = tmp_path / "loaded.json"
    with cpu_hog():
        _run(["check", *CLAIMS, "--json", str(loaded), "--quiet"], tmp_path)
    assert loaded.read_text() == idle
    steps = json.loads(idle)["steps"]
    assert any(s["method"].startswith("z3 (") for s in steps)  # the z3 path is covered
    assert {s["verdict"] for s in steps} >= {"PROVED", "REFUTED"}
    assert any("Missing mass (upper tail)" in x for s in steps for x in s["lemmas"])


@pytest.mark.slow  # two CLI runs of one sampled claim, the second against the hog: seconds
def test_a_sampled_verdict_is_the_same_under_load(tmp_path: Path) -> None:
    """The falsification search (SUPPORTED) draws the same points whatever the load: the
    paper's claims have no SUPPORTED step left, so a user's plugin claim covers this path."""
    (tmp_path / "detplug.py").write_text(SAMPLED_PLUGIN)
    args = ["--plugin", "detplug", "check", "Sampled gamma bound", "--quiet", "--json"]
    _run([*args, "idle.json"], tmp_path)
    with cpu_hog():
        _run([*args, "loaded.json"], tmp_path)
    idle = (tmp_path / "idle.json").read_text()
    assert (tmp_path / "loaded.json").read_text() == idle
    steps = json.loads(idle)["steps"]
    assert [s["verdict"] for s in steps] == ["SUPPORTED"]
    assert "falsification search" in steps[0]["method"]


@pytest.mark.slow  # two verify runs of two corpus files, the second against the hog
def test_verify_gives_the_same_json_under_load() -> None:
    from hallbound.proofs_checks.latex.report import to_json as verify_json

    corpus = ROOT / "tests" / "data" / "derivations"
    names = ("hoeffding_lemma_bound.tex", "paper_theorem_c1_chain.tex")
    texts = [(corpus / f).read_text() for f in names]
    idle = [verify_json(verify_tex(t)) for t in texts]
    with cpu_hog():
        loaded = [verify_json(verify_tex(t)) for t in texts]
    assert loaded == idle
    assert '"SUPPORTED"' in idle[0] and "budget" not in "".join(idle)


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by relative posix path."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


@pytest.mark.slow  # a tree here, then the same through the CLI against the hog: about 40 s
def test_tex_gives_the_same_tree_under_load(tmp_path: Path) -> None:
    from hallbound.paper_tex.document import TexOptions, generate

    # the claim with a z3 proof: its method once showed z3's wall time, which varied
    claim = CLAIMS[0]
    generate(tmp_path / "idle", TexOptions(claims=(claim,)))
    with cpu_hog():
        _run(["tex", "--out", str(tmp_path / "loaded"), claim], tmp_path)
    idle, loaded = tree(tmp_path / "idle"), tree(tmp_path / "loaded")
    assert sorted(idle) == sorted(loaded)
    assert [p for p in idle if idle[p] != loaded[p]] == []
    text = idle["claims/theorem-c-1-corrected.tex"].decode().lower()
    assert "z3 (nonlinear real arithmetic" in text
