r"""The two sides of a step of finite sums, and the definitions of the functions they read,
as nodes of :class:`~hallbound.proofs_checks.latex.models.finite_sums.SumReader`.

A side is printed with each sum atom by its text; a plain name is the free integer when a
sum's range names it (``T`` of ``\sum_{s=0}^{T-1}``), else a drawn number (``R_T``,
``\mu^*``). A name read as a function (``N_{t,a}`` inside a sum over ``a`` is ``N(t, a)``,
``\Delta_a`` is ``Delta[a]``) whose definition the environment states (``N_{t,a} =
\sum_{s=0}^{t-1} \mathbb{I}\{A_s = a\}``, ``\Delta_a = \mu^* - \mu_a``) is evaluated
by that definition at its arguments, never drawn.
"""

from __future__ import annotations

import re

import sympy as sp

from hallbound.proofs_checks.latex.models.finite_sums import Node, SumOut, SumReader, _kind_of


def _printed(expr: sp.Basic, atoms: dict, types: dict[str, str], texts: list[str],
             calls: dict[sp.Symbol, sp.Basic] | None = None) -> str:
    """``expr`` printed for :class:`SumReader`: each sum atom by its text (collected in
    ``texts``), each symbol of ``calls`` by its value, a plain name (``R_T``, ``\\mu^*``) as
    a drawn number ``realK`` (typed in ``types``), or as the free integer when a sum's text
    names it (``T`` of ``\\sum_{s=0}^{T-1}``); any other atom raises :class:`SumOut`."""
    expr = expr.xreplace(calls or {}).doit()
    subs, named = {}, {}
    for s in sorted(expr.free_symbols, key=sp.default_sort_key):
        atom = atoms.get(s)
        if atom is not None and atom.kind == "sum" and atom.latex.startswith("sum_"):
            subs[s] = sp.Symbol(f"_sum{len(texts)}_{len(subs)}")
            named[subs[s].name] = atom.latex
        elif atom is not None or not re.fullmatch(r"[A-Za-z]\w*", s.name):
            raise SumOut(f"the name {s} is not a sum this model reads")
    texts.extend(named.values())
    for s in expr.free_symbols - set(subs):
        if not any(re.search(rf"\b{re.escape(s.name)}\b", t) for t in texts) \
                and types.get(s.name) not in ("int", "elem"):
            subs[s] = sp.Symbol("real" + "".join(f"{ord(c):02x}" for c in s.name))
            types[subs[s].name] = "real"
    printed = sp.sstr(expr.xreplace(subs))
    for name, text in named.items():
        printed = printed.replace(name, f"({text})")
    return printed


def read_sides(lhs: sp.Basic, rhs: sp.Basic, atoms: dict,
               defs: dict | None = None) -> tuple[Node, Node, dict] | str:
    """Both sides read (each a sum atom, a number or an expression of them), or why not;
    ``info["defs"]`` holds the definitions (``defs``: symbol -> value) of the functions the
    sides read, as ``name -> (parameters, node)`` (:func:`read_definitions`)."""
    types: dict[str, str] = {}
    sets: set[str] = set()
    nodes, texts = [], [atoms[s].latex for s in (lhs - rhs).free_symbols
                        if getattr(atoms.get(s), "kind", None) == "sum"]
    try:
        for side in (lhs, rhs):
            reader = SumReader(_printed(side, atoms, types, list(texts)), types, sets)
            node = reader.expr()
            if reader.pos != len(reader.toks):
                return "text after the side"
            if _kind_of(node, types) == "elem":
                return "a side that is an element of the set"
            nodes.append(node)
        read = read_definitions(defs or {}, atoms, types, sets)
    except SumOut as err:
        return str(err)
    for name, k in types.items():
        if k == "real" and re.split(r"[_^{]", real_name(name))[0] in read:
            return f"{real_name(name)} is a defined function's value drawn freely"
    counts = [n for n, k in types.items() if k == "count"]
    if counts and counts[0] not in _range_names((nodes, [d[1] for d in read.values()])):
        return f"{counts[0]} read as an integer, but it bounds no sum's range"
    if len(sets) > 1 or len(counts) > 1 or not (sets or "seq" in types.values()):
        return "not one finite set (or sequence values) and at most one free integer"
    return nodes[0], nodes[1], {"types": types, "set": sets.pop() if sets else None,
                                "count": counts,
                                "defs": read}


_DEFINED = re.compile(r"([A-Za-z]+)_([a-z](?:,[a-z])*)")


def read_definitions(defs: dict, atoms: dict, types: dict[str, str],
                     sets: set[str]) -> dict[str, tuple[list[str], Node]]:
    """The definitions ``N_{t,a} = ..``, ``\\Delta_a = \\mu^* - \\mu_a`` of names the sides
    read as functions (``N(t, a)``, ``Delta[a]``): each parameter takes the kind of its place
    (``t`` an integer, ``a`` an element), ``\\mu_a`` is the function ``mu`` at ``a``, other plain
    names are drawn numbers. Raises :class:`SumOut` on a definition read otherwise (a
    function defined twice, a parameter of another kind, a free integer of its own)."""
    out: dict[str, tuple[list[str], Node]] = {}
    for key, value in defs.items():
        m = _DEFINED.fullmatch(str(key))
        kind = types.get(m.group(1)) if m else None
        if kind is None or not (kind == "func" or kind.startswith("call")):
            continue
        params = m.group(2).split(",")
        kinds = ["elem"] if kind == "func" else ["elem" if c == "e" else "int" for c in kind[4:]]
        if len(params) != len(kinds) or len(set(params)) != len(params) or m.group(1) in out:
            raise SumOut(f"a definition of {key} this model does not read")
        local = {**{n: k for n, k in types.items() if k not in ("count",)},
                 **dict(zip(params, kinds, strict=True))}
        calls = {s: sp.Function(d.group(1))(*map(sp.Symbol, d.group(2).split(",")))
                 for s in value.free_symbols
                 if (d := _DEFINED.fullmatch(s.name)) and set(d.group(2).split(",")) <= set(params)}
        reader = SumReader(_printed(value, atoms, local, [], calls), local, sets)
        node = reader.expr()
        if reader.pos != len(reader.toks) or "count" in local.values():
            raise SumOut(f"a definition of {key} this model does not read")
        for name, k in local.items():
            if name not in params and types.setdefault(name, k) != k:
                raise SumOut(f"{name} is used in two roles")
        out[m.group(1)] = (params, node)
    return out



def _range_names(node: object) -> set[str]:
    """The free integers (``count`` nodes) named in the ends of the ranges of ``node`` or as
    an argument of a function of several arguments (``N(t, a)``)."""
    if not isinstance(node, (tuple, list)):
        return set()
    if isinstance(node, tuple) and node and node[0] == "range":
        ends = {n[1] for end in node[2:4] for n in _nodes(end) if n[0] == "count"}
        return ends | _range_names(node[4])
    if isinstance(node, tuple) and node and node[0] == "call":  # N(t, a): t counts pulls
        return {a[1] for a in node[2] if a[0] == "count"} | _range_names(node[2])
    return set().union(*(_range_names(c) for c in node)) if node else set()


def _nodes(node: object) -> list[tuple]:
    """``node`` and every node inside it."""
    if not isinstance(node, (tuple, list)):
        return []
    own = [node] if isinstance(node, tuple) and node and isinstance(node[0], str) else []
    return own + [n for c in node for n in _nodes(c)]


def real_name(placeholder: str) -> str:
    """The name a drawn number ``real..`` stands for (the hex of its characters)."""
    code = placeholder[4:]
    return "".join(chr(int(code[k:k + 2], 16)) for k in range(0, len(code), 2))


__all__ = ["read_definitions", "read_sides", "real_name"]
