r"""Write the Coq files of checked claims and have Coq check them.

One file per claim (``<claim>.v``): the steps' lemmas, each step's translation side conditions
first (``<step>_defined``), then the step's relation with those conditions as hypotheses.
Checking is two passes: ``coqtop`` reads the whole file and goes on after a failed lemma (so
one run gives every lemma's status; each tactic attempt has its own ``timeout``), then the
file is rewritten with the failed lemmas commented out and **compiled by** ``coqc``: that
file is the certificate. A step is ``checked`` only when its lemmas are in the file ``coqc``
accepted. Where ``coqc`` is missing the files are written with every lemma and the steps say
``not run (coqc missing)``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hallbound.proofs_checks.kernel.coq_export import coq_name
from hallbound.proofs_checks.kernel.goals import Goal
from hallbound.proofs_checks.kernel.tactics import (
    DEFAULT_TIMEOUT,
    chain_script,
    main_script,
    side_script,
)

HEADER = (
    "Require Import Reals Lra Psatz Interval.Tactic.\n"
    "Open Scope R_scope.\n"
    "(* a <= b as a - b <= 0: the interval tactic needs a constant bound *)\n"
    "Ltac hb_gap := lazymatch goal with"
    " | |- _ <= _ => apply Rminus_le | |- _ < _ => apply Rminus_lt"
    " | |- _ >= _ => apply Rle_ge, Rminus_le | |- _ > _ => apply Rminus_lt end.\n"
    "(* discharge a lemma's hypotheses from the context; split a conjunction *)\n"
    "Ltac hb_use H := repeat match type of H with ?A -> _ => specialize (H ltac:(assumption))"
    " end.\n"
    "Ltac hb_split H := repeat match type of H with _ /\\ _ => let a := fresh \"hb\" in"
    " destruct H as [a H] end.\n"
    "(* positivity and non-zero side goals, by the structure of the term *)\n"
    "Ltac hb_base := first [ assumption | lra | nra ].\n"
    "Ltac hb_pos := match goal with"
    " | |- _ <> 0 => first [ apply Rgt_not_eq; unfold Rgt; hb_pos"
    " | apply Rlt_not_eq; hb_base ]"
    " | |- 0 < _ / _ => first [ hb_base | apply Rdiv_lt_0_compat; hb_pos ]"
    " | |- 0 < _ * _ => first [ hb_base | apply Rmult_lt_0_compat; hb_pos ]"
    " | |- 0 < exp _ => apply exp_pos"
    " | |- 0 < Rpower _ _ => unfold Rpower; apply exp_pos"
    " | |- 0 < sqrt _ => first [ hb_base | apply sqrt_lt_R0; hb_pos ]"
    " | |- 0 < _ ^ _ => first [ hb_base | apply pow_lt; hb_pos ]"
    " | |- 0 <= sqrt _ => apply sqrt_pos"
    " | |- 0 <= (- 1) * ln ?a => let H := fresh in assert (H : ln a <= 0) by"
    " (destruct (Rle_lt_or_eq_dec a 1 ltac:(hb_base)) as [E|E];"
    " [rewrite <- ln_1; left; apply ln_increasing; hb_pos | rewrite E, ln_1; lra]); lra"
    " | |- 0 <= _ => first [ hb_base | left; hb_pos ]"
    " | |- _ => hb_base end.\n"
)
#: Kernel statuses a step can get.
STATUSES = ("checked", "failed", "not exportable", "not run")


@dataclass
class KernelResult:
    """The kernel's word on one PROVED/CERTIFIED step.

    ``status`` is one of :data:`STATUSES`; ``reason`` says why (the Coq error for
    ``failed``, what is outside real arithmetic for ``not exportable``); ``file`` and
    ``lemma`` locate the certificate.
    """

    claim: str
    step: str
    paper: str
    verdict: str
    status: str
    reason: str = ""
    file: str = ""
    lemma: str = ""
    given: list[str] = field(default_factory=list)

    def text(self) -> str:
        """``checked``, ``checked (given Markov: ...)``, ``failed (tactic gave up: ...)``,
        ``not exportable (reason)``. A step proved *from* a lemma instance or a premise is
        checked with that relation as a hypothesis: the text says so."""
        if self.status == "checked" and self.given:
            return (f"checked (given {', '.join(self.given)}: the kernel checked the step from "
                    "its conclusion, taken as a hypothesis)")
        return f"{self.status} ({self.reason})" if self.reason else self.status

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary."""
        return {"claim": self.claim, "paper": self.paper, "step": self.step,
                "verdict": self.verdict, "kernel": self.text(), "status": self.status,
                "reason": self.reason, "file": self.file, "lemma": self.lemma}


def lemma_text(goal: Goal, timeout: int = DEFAULT_TIMEOUT) -> str:
    """The Coq text of one exported step: its side-condition lemma (when it has side
    conditions) and its relation's lemma."""
    binders = " ".join(f"({n} : {k})" for n, k in goal.binders)
    taken = {n for n, _ in goal.binders}
    hyp_names = [coq_name(f"h{i}", taken) for i in range(len(goal.hyps))]
    cond_names = [coq_name(f"c{i}", taken) for i in range(len(goal.conditions))]
    quant = f"forall {binders}, " if binders else ""
    arrows = "".join(f"{h} -> " for h in goal.hyps)
    intro = " ".join([n for n, _ in goal.binders] + hyp_names)
    out = [f"(* step {_comment(goal.step)}: {goal.verdict}, by {_comment(goal.method)} *)"]
    if goal.conditions:
        conj = " /\\ ".join(f"({c})" for c in goal.conditions)
        first = f"intros {intro}. " if intro else ""
        out += [f"Lemma {goal.name}_defined : {quant}{arrows}{conj}.",
                f"Proof. {first}repeat match goal with |- _ /\\ _ => split end; "
                f"{side_script(goal, timeout)}. Qed."]
    conds = "".join(f"({c}) -> " for c in goal.conditions)
    intro_all = " ".join([intro, *cond_names]).strip()
    intros = f"intros {intro_all}. " if intro_all else ""
    script = chain_script(goal, timeout) if goal.uses else main_script(goal, timeout)
    out += [f"Lemma {goal.name} : {quant}{arrows}{conds}{goal.goal}.",
            f"Proof. {intros}{script}. Qed."]
    return "\n".join(out) + "\n"


def _comment(text: str) -> str:
    return " ".join(str(text).replace("(*", "( *").replace("*)", "* )").split())[:200]


def lemma_names(goal: Goal) -> list[str]:
    """The Coq lemmas a step needs (side conditions first)."""
    return ([f"{goal.name}_defined"] if goal.conditions else []) + [goal.name]


def file_name(claim: str) -> str:
    """``Theorem 5.1 (corrected)`` -> ``Theorem_5_1_corrected.v``."""
    return re.sub(r"_+", "_", coq_name(claim)).strip("_") + ".v"


def coq_file(claim: str, goals: Sequence[Goal], timeout: int = DEFAULT_TIMEOUT,
             failed: dict[str, str] | None = None, whole: Sequence[Goal] = ()) -> str:
    """The file of one claim: its steps' lemmas, then (``whole``) its conclusion's lemmas in a
    section; the lemmas in ``failed`` (lemma name -> reason) commented out."""
    out = [f"(* Kernel certificates for {_comment(claim)}, written by hallbound export --coq."
           " *)", HEADER]
    out += _bodies(goals, timeout, failed)
    if whole:
        out += ["(* The claim's conclusion, from the step lemmas by the chain's transitivity *)"
                "\nSection Claim.\n", *_bodies(whole, timeout, failed), "End Claim.\n"]
    return "\n".join(out)


def _bodies(goals: Sequence[Goal], timeout: int, failed: dict[str, str] | None) -> list[str]:
    out = []
    for g in goals:
        if not g.exportable:
            continue
        body = lemma_text(g, timeout)
        bad = [n for n in lemma_names(g) if failed and n in failed]
        if bad:
            body = (f"(* kernel: failed ({_comment(failed[bad[0]])}); not checked:\n"
                    + body.replace("(*", "( *").replace("*)", "* )") + "*)\n")
        out.append(body)
    return out


def coq_available() -> bool:
    """True when ``coqc`` and ``coqtop`` are on the PATH."""
    return shutil.which("coqc") is not None and shutil.which("coqtop") is not None


def probe(text: str, names: Sequence[str], limit: float, cwd: Path | None = None
          ) -> dict[str, str]:
    """Each lemma's fate in ``coqtop`` (which goes on after an error): lemma -> ``""`` when
    defined, else the first error line after its statement."""
    script = text
    for n in names:  # after each lemma: close a proof left open, then ask whether it exists
        script = script.replace(f"Lemma {n} :", f"Abort All.\nLemma {n} :", 1)
    script += "\nAbort All.\n" + "".join(f"Check {n}.\n" for n in names)
    try:
        run = subprocess.run(["coqtop", "-q"], input=script, capture_output=True, text=True,
                             timeout=limit, cwd=cwd)
        output = run.stdout + run.stderr
    except subprocess.TimeoutExpired:
        return {n: f"time limit of the file ({limit:g} s)" for n in names}
    out: dict[str, str] = {}
    errors = _errors_by_lemma(output, names)
    for n in names:
        if re.search(rf"The reference {re.escape(n)} was not found", output):
            out[n] = errors.get(n) or "tactic gave up"
        elif re.search(rf"(^|< ){re.escape(n)}\n\s+: ", output, re.M):
            out[n] = ""
        else:
            out[n] = "no answer from coqtop"
    return out


def _errors_by_lemma(output: str, names: Sequence[str]) -> dict[str, str]:
    """The first error after each lemma's goal is printed (coqtop echoes ``n < `` prompts)."""
    out: dict[str, str] = {}
    for n in names:
        m = re.search(rf"\n{re.escape(n)} < (.*?)(?=\n\S+ < |\Z)", output, re.S)
        if not m:
            continue
        err = re.search(r"Error:\s*(.*?)(?:\n\n|\Z)", m.group(1), re.S)
        if err:
            msg = " ".join(err.group(1).split())
            if "Timeout" in m.group(1) and "Tactic failure" not in msg:
                msg = "timeout"
            out[n] = "tactic gave up: " + msg[:160]
    return out


def compile_file(path: Path, limit: float) -> tuple[bool, str]:
    """``coqc`` on one file: (accepted, the error text)."""
    try:
        run = subprocess.run(["coqc", "-q", path.name], cwd=path.parent, capture_output=True,
                             text=True, timeout=limit)
    except subprocess.TimeoutExpired:
        return False, f"coqc time limit ({limit:g} s)"
    for aux in (".glob", ".vok", ".vos"):
        path.with_suffix(aux).unlink(missing_ok=True)
    (path.parent / f".{path.stem}.aux").unlink(missing_ok=True)
    for cache in (".nra.cache", ".lia.cache", ".nia.cache"):  # micromega's, in the folder
        (path.parent / cache).unlink(missing_ok=True)
    return run.returncode == 0, " ".join((run.stdout + run.stderr).split())[:300]


@dataclass
class ClaimExport:
    """What export did for one claim: its file, each step's kernel result, the claim's as a
    whole (``whole``: its conclusion from the steps; ``not exportable`` with the reason when
    it is not exported whole), the time."""

    claim: str
    paper: str
    file: str
    steps: list[KernelResult]
    seconds: float = 0.0
    accepted: bool | None = None
    whole: KernelResult | None = None


@dataclass
class Job:
    """One claim to export: its step goals and its conclusion's goals (or why none)."""

    claim: str
    paper: str
    goals: Sequence[Goal]
    whole: Sequence[Goal] = ()
    whole_reason: str = ""
    verdict: str = ""


def check_claim_file(
    job: Job, outdir: Path, timeout: int = DEFAULT_TIMEOUT, file_limit: float = 600.0,
    run_coq: bool = True,
) -> ClaimExport:
    """Write the claim's file and (``run_coq``) have Coq check it: each goal's kernel result."""
    start = time.monotonic()
    path = outdir / file_name(job.claim)
    every = [*job.goals, *job.whole]
    names = [n for g in every if g.exportable for n in lemma_names(g)]
    text = coq_file(job.claim, job.goals, timeout, whole=job.whole)
    failed: dict[str, str] = {}
    accepted = None
    if run_coq and names:
        fates = probe(text, names, file_limit, cwd=outdir)
        failed = {n: why for n, why in fates.items() if why}
        text = coq_file(job.claim, job.goals, timeout, failed, whole=job.whole)
        path.write_text(text, encoding="utf-8")
        accepted, error = compile_file(path, file_limit)
        if not accepted:  # coqc refuses what coqtop took: nothing in the file counts
            failed = {n: failed.get(n) or f"coqc rejected the file: {error}" for n in names}
    else:
        path.write_text(text, encoding="utf-8")
    results = [_result(g, job.paper, path.name, failed, run_coq) for g in job.goals]
    out = ClaimExport(job.claim, job.paper, path.name, results, time.monotonic() - start,
                      accepted)
    base = dict(claim=job.claim, step="(the claim)", paper=job.paper, verdict=job.verdict)
    if job.whole:
        parts = [_result(g, job.paper, path.name, failed, run_coq) for g in job.whole]
        bad = [k for k in parts if k.status != "checked"]
        out.whole = bad[0] if bad else parts[0]
        out.whole.step, out.whole.verdict = "(the claim)", job.verdict
        out.whole.lemma = ", ".join(g.name for g in job.whole)
    else:
        out.whole = KernelResult(**base, status="not exportable", reason=job.whole_reason)
    return out


def _result(goal: Goal, paper: str, file: str, failed: dict[str, str], ran: bool
            ) -> KernelResult:
    base = dict(claim=goal.claim, step=goal.step, paper=paper, verdict=goal.verdict,
                given=list(goal.given))
    if not goal.exportable:
        return KernelResult(**base, status="not exportable", reason=str(goal.reason))
    if not ran:
        return KernelResult(**base, status="not run", reason="coqc missing", file=file,
                            lemma=goal.name)
    bad = [n for n in lemma_names(goal) if n in failed]
    if bad:
        which = "side conditions: " if bad[0].endswith("_defined") else ""
        return KernelResult(**base, status="failed", reason=which + failed[bad[0]], file=file,
                            lemma=goal.name)
    return KernelResult(**base, status="checked", file=file, lemma=goal.name)


def check_files(
    jobs: Sequence[Job], outdir: Path, timeout: int = DEFAULT_TIMEOUT, file_limit: float = 600.0,
    workers: int = 2,
) -> list[ClaimExport]:
    """:func:`check_claim_file` on each job, ``workers`` at a time (all written, none
    checked, when Coq is missing)."""
    outdir.mkdir(parents=True, exist_ok=True)
    ran = coq_available()

    def one(job: Job) -> ClaimExport:
        return check_claim_file(job, outdir, timeout, file_limit, ran)

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        return list(pool.map(one, jobs))
