r"""Markov kernels and product spaces in the arguments of a divergence (:mod:`.divergence_terms`).

What authors write in any information-theory text, read as measures on a finite set
:math:`\mathcal X = \{0..n-1\}` and on :math:`\mathcal X \times \mathcal X` (the kernels of the
model go from the finite set to itself: a Markov kernel is an ``n x n`` stochastic matrix,
``kappa[x][y]``, each row a probability measure):

* ``\mu \otimes \kappa``: the joint law :math:`(x, y) \mapsto \mu(x)\,\kappa(x, y)`; with a
  *measure* ``\nu`` on the right, ``\mu \otimes \nu`` is the product measure
  :math:`\mu(x)\,\nu(y)` (the composition-product with the constant kernel ``\nu``);
* ``\kappa \circ \mu``: the law of the output, :math:`y \mapsto \sum_x \mu(x)\,\kappa(x, y)`;
* ``\pi_{X*}(J)`` / ``\pi_{1*}(J)`` and ``\pi_{Y*}(J)`` / ``\pi_{2*}(J)``: the first and the
  second marginal of a law ``J`` on the product;
* the conditional divergence ``D(\kappa, \eta \mid \mu)`` :math:`= \sum_x \mu(x)\,
  D(\kappa(x, \cdot), \eta(x, \cdot))` (``KL``, ``TV``, ``H^2``, ``\chi^2``, ``D_f``).

Which names are kernels is read from the notation inside the divergences of the step
(:func:`compound_names`): the left operand of ``\circ``, the right operand of ``\otimes``
and the first two arguments of a conditional divergence are kernels, unless the name is also
used as a measure (then ``\mu \otimes \nu`` is the product measure, and ``\nu \circ \mu``
keeps the model out). A divergence of two laws on different spaces, a kernel where a measure
is needed, or any other notation raises :class:`~.measure_unread.Unread`.

A read argument is a term: ``("base", name)``, ``("joint", left, ("kernel" | "measure",
name))``, ``("push", kernel, inner)``, ``("marginal", 0 | 1, inner)``; :func:`law` gives its
masses as a flat tuple (row-major on the product).
"""

from __future__ import annotations

from typing import Any

from hallbound.proofs_checks.latex.models.measure_unread import Unread

#: Divergence heads whose argument list may hold kernel notation (as the tokens give them).
_HEADS = frozenset({"KL", "TV", "D", "H", "chi", "Hsq", "H^2", "op:KL", "op:TV", "op:H^2",
                    "op:Hsq", "\\KL", "\\TV", "\\Hsq", "\\chi"})
#: The coordinate a marginal's subscript names: first (X, 1) or second (Y, 2).
_COORD = {"X": 0, "1": 0, "Y": 1, "2": 1}


def _unread(why: str) -> Exception:
    return Unread(why)


def _bare(tok: str | None) -> str | None:
    """The name of a token that is one letter or a Greek command, else None."""
    if tok is None or tok.startswith(("op:", "cal:")):
        return None
    name = tok.lstrip("\\")
    return name if name.isalpha() and (len(name) == 1 or tok.startswith("\\")) else None


def _spans(toks: list[str]) -> list[tuple[int, int]]:
    r"""The token spans ``(open, close)`` of the argument lists of the divergences, and of
    the laws in ``\partial(..)`` and ``{d(..)}``."""
    out = []
    for i, t in enumerate(toks):
        law = t == "\\partial" or (t == "d" and i > 0 and toks[i - 1] == "{")
        if t not in _HEADS and not (law and i + 1 < len(toks) and toks[i + 1] == "("):
            continue
        if t == "H" and i + 1 < len(toks) and toks[i + 1] != "^":  # H(X, Y | Z): an entropy
            continue
        j = next((k for k in range(i + 1, min(i + 8, len(toks))) if toks[k] == "("), None)
        if j is None:
            continue
        depth = 0
        for k in range(j, len(toks)):
            depth += {"(": 1, ")": -1}.get(toks[k], 0)
            if depth == 0:
                out.append((j, k))
                break
    return out


def guessed_kernels(toks: list[str]) -> set[str]:
    r"""The kernels of :func:`compound_names` named so only as the right operand of
    ``\otimes``: ``\mu \otimes \rho`` may as well be a product measure (the text does not
    state the role of ``\rho``)."""
    return compound_names(toks)[1] - compound_names(toks, otimes=False)[1]


def compound_names(toks: list[str], otimes: bool = True) -> tuple[set[str], set[str]]:
    r"""``(measures, kernels)`` named by the kernel notation inside the divergences of
    ``toks`` (module doc); a name used both ways is a measure only (``otimes`` False: the
    right operand of ``\otimes`` is no kernel by that alone)."""
    integrating, kernels = _integrating(toks)
    measures = set(integrating)
    for a, b in _spans(toks):
        span = toks[a + 1:b]
        for k, t in enumerate(span):
            before = _bare(span[k - 1]) if k else None
            after = _bare(span[k + 1]) if k + 1 < len(span) else None
            if t == "\\otimes":
                measures |= {before} - {None}
                kernels |= ({after} - {None}) if otimes else set()
            elif t == "\\circ":
                kernels |= {before} - {None}
                measures |= {after} - {None}
            elif _bare(t) and span[k + 1:k + 2] == ["("] and span[k + 3:k + 4] == [")"] \
                    and len(span[k + 2]) == 1 and span[k + 2].isalpha():
                kernels.add(_bare(t) or "")  # KL(\kappa(x), \eta(x)): kernels at a point
        parts = _top_split(span)
        if len(parts) == 3:  # D(kappa, eta | mu)
            for part in parts[:2]:
                if len(part) == 1 and _bare(part[0]):
                    kernels.add(_bare(part[0]) or "")
            if len(parts[2]) == 1 and _bare(parts[2][0]):
                measures.add(_bare(parts[2][0]) or "")
    if not kernels:  # \partial\mu, \mu(dx): measures by the notation
        return integrating, set()
    return measures, kernels - measures


def _integrating(toks: list[str]) -> tuple[set[str], set[str]]:
    r"""``(measures, kernels)`` named by ``\partial\mu`` (a measure) and by
    ``\partial\kappa(x)`` and ``{d\kappa(x)}`` (a kernel at a point)."""
    measures: set[str] = set()
    kernels: set[str] = set()
    for i, t in enumerate(toks[:-1]):
        name = _bare(toks[i + 1])
        point = i + 2 < len(toks) and toks[i + 2] == "("
        if name is None or not (t == "\\partial" or (t == "d" and i and toks[i - 1] == "{")):
            continue
        if point:
            kernels.add(name)
        elif t == "\\partial":
            measures.add(name)
    for i, t in enumerate(toks[:-4]):  # \mu(dx): a measure; \kappa(x, dy): a kernel
        name = _bare(t)
        if name and toks[i + 1] == "(" and toks[i + 2] == "d" and toks[i + 4] == ")":
            measures.add(name)
        elif name and toks[i + 1] == "(" and toks[i + 3:i + 5] == [",", "d"]:
            kernels.add(name)
    for a, b in _density_pairs(toks):  # d\kappa / d\eta: both kernels
        if a in kernels or b in kernels:
            kernels |= {a, b}
    return measures, kernels


def _density_pairs(toks: list[str]) -> list[tuple[str, str]]:
    r"""The names ``(a, b)`` of each ``\frac{da..}{db..}``."""
    out = []
    for i, t in enumerate(toks[:-3]):
        if t != "\\frac" or toks[i + 1] != "{" or toks[i + 2] != "d":
            continue
        depth, c = 0, i + 1
        for c in range(i + 1, len(toks)):
            depth += {"{": 1, "}": -1}.get(toks[c], 0)
            if depth == 0:
                break
        a = _bare(toks[i + 3])
        if c + 3 < len(toks) and toks[c + 1:c + 3] == ["{", "d"]:
            b = _bare(toks[c + 3])
            if a and b:
                out.append((a, b))
    return out


def _top_split(span: list[str]) -> list[list[str]]:
    """The arguments of a divergence split at top-level ``,``, ``\\mid`` and ``|``."""
    parts: list[list[str]] = [[]]
    depth = 0
    for t in span:
        if t in ("(", "[", "{"):
            depth += 1
        elif t in (")", "]", "}"):
            depth -= 1
        if depth == 0 and t in (",", "\\mid", "|"):
            parts.append([])
        else:
            parts[-1].append(t)
    return parts


def read_argument(reader: Any, stops: tuple[str, ...]) -> Any:
    """One argument of a divergence, up to a token of ``stops``: a measure's name (str), a
    kernel's name as ``("kernel", name)``, or a law term of dimension 1 or 2 as
    ``("law", term, dim)``."""
    t, u = reader.peek(), reader.peek(1)
    name = _bare(t)
    if name is not None and u in stops:
        if name in reader.ctx.measures:
            reader.take()
            return name
        if name in reader.ctx.kernels:
            reader.take()
            reader.used.add(name)
            return ("kernel", name)
    if t is None or u in stops or u is None:
        raise _unread(f"a divergence of {t!r}, which is not a measure")
    term, dim = _product(reader)
    if reader.peek() not in stops:
        raise _unread(f"cannot read the divergence argument at {reader.peek()!r}")
    return ("law", term, dim)


def _product(reader: Any) -> tuple[Any, int]:
    term, dim = _primary(reader)
    while reader.peek() == "\\otimes":
        reader.take()
        if dim != 1:
            raise _unread("a product of more than two factors")
        name = _bare(reader.take())
        if name in reader.ctx.kernels:
            right = ("kernel", name)
        elif name in reader.ctx.measures:
            right = ("measure", name)
        else:
            raise _unread(f"{name!r} after \\otimes is neither a measure nor a kernel")
        reader.used.add(name)
        term, dim = ("joint", term, right), 2
    return term, dim


def _primary(reader: Any) -> tuple[Any, int]:
    t = reader.peek()
    if t == "(":
        reader.take()
        out = _product(reader)
        reader.take(")")
        return out
    if t == "\\pi" and reader.peek(1) == "_":
        return _marginal(reader)
    name = _bare(t)
    if name in reader.ctx.kernels and reader.peek(1) == "(" and reader.peek(3) == ")" \
            and getattr(reader, "binds", {}).get(reader.peek(2)) == 1:
        reader.pos += 4  # \kappa(x) at a point bound by an integral (.kernel_integrals)
        reader.used.add(name)
        return ("rowat", name, reader.toks[reader.pos - 2]), 1
    if name in reader.ctx.kernels and reader.peek(1) == "\\circ":
        reader.pos += 2
        inner, dim = _primary(reader)
        if dim != 1:
            raise _unread("a kernel applied to a law on a product space")
        reader.used.add(name)
        return ("push", name, inner), 1
    if name in reader.ctx.measures:
        reader.take()
        reader.used.add(name)
        return ("base", name), 1
    raise _unread(f"{t!r} is not a measure, a kernel or a marginal")


def _marginal(reader: Any) -> tuple[Any, int]:
    r"""``\pi_{Y*}(J)``: the marginal of ``J`` on the coordinate the subscript names."""
    reader.pos += 2
    sub = [reader.take()]
    if sub[0] == "{":
        while sub[-1] != "}":
            sub.append(reader.take())
        sub = sub[1:-1]
    if not sub or sub[0] not in _COORD or any(s not in ("*", "\\ast") for s in sub[1:]):
        raise _unread("a projection other than \\pi_{X*}, \\pi_{Y*}, \\pi_{1*}, \\pi_{2*}")
    if reader.peek() == "_":  # \pi_{Y}_*
        reader.take()
        if reader.take() not in ("*", "\\ast"):
            raise _unread("a projection with an unknown subscript")
    reader.take("(")
    inner, dim = _product(reader)
    reader.take(")")
    if dim != 2:
        raise _unread("a marginal of a law that is not on a product space")
    return ("marginal", _COORD[sub[0]], inner), 1


def _size(inst: Any) -> int:
    return len(next(iter(inst.masses.values())))


def law(term: Any, inst: Any, env: dict | None = None) -> tuple[Any, ...]:
    """The masses of a law term on ``inst`` (flat, row-major on the product space); ``env``
    gives the points bound by enclosing integrals (for ``\\kappa(x)``)."""
    head = term[0]
    if head == "base":
        return inst.masses[term[1]]
    if head == "rowat":
        if env is None or term[2] not in env:
            raise _unread(f"a kernel at the point {term[2]!r}, which no integral binds")
        return inst.kernels[term[1]][env[term[2]][0]]
    n = _size(inst)
    if head == "joint":
        p = law(term[1], inst, env)
        kind, name = term[2]
        rows = inst.kernels[name] if kind == "kernel" else [inst.masses[name]] * n
        return tuple(p[x] * rows[x][y] for x in range(n) for y in range(n))
    if head == "push":
        p, rows = law(term[2], inst, env), inst.kernels[term[1]]
        return tuple(sum(p[x] * rows[x][y] for x in range(n)) for y in range(n))
    joint = law(term[2], inst, env)
    if term[1] == 0:
        return tuple(sum(joint[x * n + y] for y in range(n)) for x in range(n))
    return tuple(sum(joint[x * n + y] for x in range(n)) for y in range(n))


def argument_law(arg: Any, inst: Any, env: dict | None = None) -> tuple[Any, ...]:
    """The masses of a divergence argument (a measure name or a law term)."""
    if isinstance(arg, str):
        return inst.masses[arg]
    if arg[0] == "law":
        return law(arg[1], inst, env)
    raise _unread(f"a bare kernel {arg[1]!r} where a measure is needed")


def dimension(arg: Any) -> int:
    """The dimension of the space of an argument (1, or 2 for the product); 0 for a kernel."""
    if isinstance(arg, str):
        return 1
    return arg[2] if arg[0] == "law" else 0


def base_names(arg: Any) -> set[str]:
    """The measure names a law argument is built from (a kernel's name excluded)."""
    if isinstance(arg, str):
        return {arg}
    out: set[str] = set()
    stack = [arg]
    while stack:
        t = stack.pop()
        if isinstance(t, tuple):
            if t[0] in ("base", "measure"):
                out.add(t[1])
            else:
                stack.extend(t[1:])
    return out


__all__ = ["argument_law", "base_names", "compound_names", "dimension", "guessed_kernels", "law",
           "read_argument"]
