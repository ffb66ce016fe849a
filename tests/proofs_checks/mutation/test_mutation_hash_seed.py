"""Mutant generation does not depend on the process's hash seed: the same claim gives the
same mutants (keys and mutated relations, in the same order) under different
``PYTHONHASHSEED`` values. Lemma 2 "15 (union bound)" is an event union (``Or``), whose
argument set a plain pre-order walk visits in hash order."""

from __future__ import annotations

import os
import subprocess
import sys

import sympy as sp

from hallbound.proofs_checks.mutation import operators as OP

_SCRIPT = """
import sympy as sp
from hallbound.proofs_checks.claims import registry
from hallbound.proofs_checks.mutation.operators import step_mutants
c = next(x for x in registry.all_claims() if x.name == "Lemma 2")
s = next(x for x in c.steps if x.name == "15 (union bound)")
for m in step_mutants(c, s):
    print(m.key, "|", sp.srepr(m.step.lhs), "|", m.step.rel, "|", sp.srepr(m.step.rhs))
"""


def _mutants_under(seed: str) -> list[str]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    out = subprocess.run([sys.executable, "-c", _SCRIPT], env=env, capture_output=True,
                         text=True, timeout=600, check=True)
    return out.stdout.splitlines()


def test_mutants_of_an_event_union_do_not_depend_on_the_hash_seed():
    runs = [_mutants_under(seed) for seed in ("1", "2", "3")]
    assert any("drop-factor" in line for line in runs[0])  # the walk reached the union
    assert runs[0] == runs[1] == runs[2]


def test_walk_visits_a_union_in_canonical_order():
    a, b, c = sp.symbols("a b c", real=True)
    union = sp.Or(a > 1, b > 2, c > 3)
    nodes = list(OP.walk(union))
    assert [n for n in nodes if isinstance(n, sp.StrictGreaterThan)] == list(
        sp.ordered(union.args))
