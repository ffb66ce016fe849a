"""One registry contract for everything a name can select, and plugins.

A :class:`Registry` maps names to objects of one kind (families, losses, mean laws, commands,
claims). Every registry:

* refuses a duplicate: registering a second, different object under a name already taken
  raises :class:`~hallbound.errors.InputError` naming the kind (the same object again is a
  no-op, so importing a plugin twice is harmless);
* runs its validation hook on each new object before it is added (a family must be a
  ``Family`` subclass with a name, a mean law must pass its sampling check, ...);
* loads the entry points of its group (``hallbound.families``, ``hallbound.losses``,
  ``hallbound.mean_laws``, ``hallbound.commands``, ``hallbound.claims``) from installed
  distributions: ``load_entry_points()``.

The registries of families, losses and mean laws are views of the tables the rest of the code
reads (``FAMILIES``, ``LOSSES``, ``KINDS``), so a name registered here is seen by spec files,
the estimators and every command. They are built on first use (module attributes
``families``, ``losses``, ``mean_laws``, ``commands``), because building them imports SymPy.

:func:`load_plugin` imports a user's module (resolved from the working directory first, or a
``.py`` path) and registers every family and loss class it defines that is not yet
registered; ``hallbound --plugin MODULE COMMAND ...`` calls it before the command runs.
"""

from __future__ import annotations

import difflib
import importlib
import importlib.util
import inspect
import os
import sys
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from hallbound.errors import InputError

#: Entry-point group per registry kind.
GROUPS: dict[str, str] = {
    "family": "hallbound.families",
    "loss": "hallbound.losses",
    "mean law": "hallbound.mean_laws",
    "command": "hallbound.commands",
    "claim": "hallbound.claims",
}

Validator = Callable[[str, Any], None]


class Registry(Mapping[str, Any]):
    """Names of one ``kind`` mapped to objects, stored in ``store`` (a dict shared with the
    code that reads it). ``key(obj)`` gives an object's own name (default: ``obj.name``);
    ``validate(name, obj)`` raises :class:`InputError` (or ``TypeError``/``ValueError``) for an
    object that may not be registered; ``on_change()`` runs after every change (cache
    clearing); ``aliases`` are other accepted spellings of registered names."""

    def __init__(
        self,
        kind: str,
        store: dict[str, Any] | None = None,
        *,
        key: Callable[[Any], str] | None = None,
        validate: Validator | None = None,
        on_change: Callable[[], None] | None = None,
        aliases: Mapping[str, str] | None = None,
        group: str | None = None,
    ) -> None:
        self.kind = kind
        self.store: dict[str, Any] = {} if store is None else store
        self.key = key or _name_of
        self.validate = validate
        self.on_change = on_change
        self.aliases = aliases if aliases is not None else {}
        self.group = group if group is not None else GROUPS.get(kind)
        self._loaded: dict[tuple[str, str], str] = {}  # entry point -> name registered

    # ----- Mapping --------------------------------------------------------------------------
    def __getitem__(self, name: str) -> Any:
        return self.store[self.aliases.get(name, name)]

    def __iter__(self) -> Iterator[str]:
        return iter(self.store)

    def __len__(self) -> int:
        return len(self.store)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self.aliases.get(name, name) in self.store

    # ----- lookup and registration ----------------------------------------------------------
    def lookup(self, name: str, parameter: str | None = None) -> Any:
        """The object registered as ``name``, else :class:`InputError` naming ``parameter``
        (default: the kind) with the known names and the nearest one."""
        if name in self:
            return self[name]
        known = sorted(self.store)
        raise InputError(
            parameter or self.kind,
            f"unknown {self.kind} {name!r}{suggestion(str(name), known)} "
            f"(known: {', '.join(known)})",
        )

    def register(self, obj: Any, name: str | None = None, *, replace: bool = False) -> Any:
        """Add ``obj`` under ``name`` (default ``key(obj)``) and return it, so that
        ``@registry.register`` works as a class decorator. A different object under a taken
        name raises :class:`InputError` unless ``replace``; the validation hook runs first."""
        name = self.key(obj) if name is None else name
        if not isinstance(name, str) or not name:
            raise InputError(self.kind, f"needs a non-empty name, got {name!r}")
        current = self.store.get(name)
        if current is obj:
            return obj
        if (current is not None or name in self.aliases) and not replace:
            raise InputError(
                self.kind,
                f"{name!r} is already registered ({_where(current, self.aliases.get(name))}); "
                "a plugin may not "
                "replace it: choose another name",
            )
        if self.validate is not None:
            try:
                self.validate(name, obj)
            except InputError:
                raise
            except (TypeError, ValueError, AttributeError) as err:
                raise InputError(self.kind, f"{name!r} is not a valid {self.kind}: {err}") from None
        self.store[name] = obj
        if self.on_change is not None:
            self.on_change()
        return obj

    def unregister(self, name: str) -> None:
        """Remove ``name`` (no error when absent)."""
        if self.store.pop(name, None) is not None and self.on_change is not None:
            self.on_change()

    def load_entry_points(self) -> list[str]:
        """Register the objects of this registry's entry-point group (each entry point once,
        and again if it was unregistered since); returns the names added. A broken entry
        point raises :class:`InputError` naming it."""
        if not self.group:
            return []
        added = []
        for ep in entry_points(self.group):
            if self._loaded.get((ep.name, ep.value)) in self.store:
                continue
            try:
                obj = ep.load()
            except Exception as err:  # noqa: BLE001 - a plugin's failure is the user's input
                raise InputError(
                    "plugin", f"entry point {ep.name} = {ep.value} ({self.group}): {_one(err)}"
                ) from None
            name = ep.name if self.kind == "command" else self.key(obj)
            self.register(obj, name)
            self._loaded[(ep.name, ep.value)] = name
            added.append(name)
        return added


def suggestion(name: str, known: list[str]) -> str:
    """``"; did you mean 'cov'?"`` for the nearest known name (difflib), else ``""``."""
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def entry_points(group: str) -> list[Any]:
    """The installed entry points of ``group`` (:mod:`importlib.metadata`)."""
    from importlib.metadata import entry_points as _eps

    return list(_eps(group=group))


def _name_of(obj: Any) -> str:
    name = getattr(obj, "name", None)
    if not isinstance(name, str):
        raise InputError("plugin", f"{obj!r} has no 'name' attribute to register it under")
    return name


def _where(obj: Any, alias_of: str | None = None) -> str:
    if alias_of is not None:
        return f"as another spelling of {alias_of!r}"
    module = getattr(obj, "__module__", None) or type(obj).__module__
    return f"by {module}"


def _one(err: BaseException) -> str:
    text = str(err).splitlines()[0] if str(err) else ""
    return f"{type(err).__name__}: {text}" if text else type(err).__name__


# ----- validation hooks ---------------------------------------------------------------------
def _validate_family(name: str, obj: Any) -> None:
    from hallbound.symbolic.families.base import Family

    if not (isinstance(obj, type) and issubclass(obj, Family)):
        raise InputError("family", f"{name!r}: {obj!r} is not a Family subclass")
    if inspect.isabstract(obj):
        raise InputError("family", f"{name!r}: {obj.__name__} leaves abstract methods open")
    if getattr(obj, "name", None) != name:
        raise InputError("family", f"{name!r}: the class's name is {obj.name!r}")


def _validate_loss(name: str, obj: Any) -> None:
    from hallbound.symbolic.losses import Loss

    if not (isinstance(obj, type) and issubclass(obj, Loss)):
        raise InputError("loss", f"{name!r}: {obj!r} is not a Loss subclass")
    if getattr(obj, "name", None) != name:
        raise InputError("loss", f"{name!r}: the class's name is {obj.name!r}")


def _validate_mean_law(name: str, obj: Any) -> None:
    from hallbound.symbolic import mean_laws as ml

    if not isinstance(obj, ml.StandardLaw):
        raise InputError("mean law", f"{name!r}: {obj!r} is not a StandardLaw record")
    if any(other.code == obj.code for other in ml.KINDS.values()):
        raise InputError("mean law", f"{name!r}: code {obj.code} is already used")
    ml.check_draws(obj)


def _validate_command(name: str, obj: Any) -> None:
    if isinstance(obj, str):  # a built-in: the module path, imported when the parser is built
        return
    if not callable(getattr(obj, "register", None)):
        raise InputError("command", f"{name!r}: needs a register(subparsers) function")


def _validate_claim(name: str, obj: Any) -> None:
    if not (hasattr(obj, "name") and hasattr(obj, "steps")):
        raise InputError("claim", f"{name!r}: {obj!r} is not a Claim (name and steps)")


# ----- the registries -------------------------------------------------------------------------
#: Built-in commands, in the order ``--help`` lists them: name -> module path.
BUILTIN_COMMANDS: tuple[str, ...] = (
    "check",
    "derive",
    "estimate",
    "rate",
    "poibin",
    "sweep",
    "proptest",
    "tex",
    "experiment",
    "audit",
    "tightness",
    "families",
    "verify",
    "bound",
    "simulate",
    "export",
)

_BUILT: dict[str, Registry] = {}


def _make(kind: str) -> Registry:
    if kind == "families":
        from hallbound.symbolic.families import FAMILIES

        return Registry("family", FAMILIES, validate=_validate_family)
    if kind == "losses":
        from hallbound.symbolic.losses import ALIASES, LOSSES

        return Registry("loss", LOSSES, validate=_validate_loss, aliases=ALIASES)
    if kind == "mean_laws":
        from hallbound.symbolic import mean_laws as ml

        return Registry(
            "mean law", ml.KINDS, validate=_validate_mean_law, aliases=ml.ALIASES,
            on_change=ml._clear_caches,
        )
    if kind == "commands":
        store = {name: f"hallbound.commands.{name}" for name in BUILTIN_COMMANDS}
        return Registry("command", store, validate=_validate_command)
    if kind == "claims":  # the papers' claims keep their own list; this holds the user's
        from hallbound.proofs_checks.claims.registry import USER_CLAIMS

        return Registry("claim", USER_CLAIMS, validate=_validate_claim)
    raise AttributeError(f"module 'hallbound.registry' has no attribute {kind!r}")


def __getattr__(attr: str) -> Registry:
    """``families``, ``losses``, ``mean_laws``, ``commands``, ``claims``: built on first use."""
    if attr not in ("families", "losses", "mean_laws", "commands", "claims"):
        raise AttributeError(f"module 'hallbound.registry' has no attribute {attr!r}")
    if attr not in _BUILT:
        _BUILT[attr] = _make(attr)
    return _BUILT[attr]


def registry(attr: str) -> Registry:
    """The registry named ``attr`` (``"families"``, ``"losses"``, ...)."""
    return __getattr__(attr)


#: Registry attribute per entry-point group.
_BY_GROUP = {
    "hallbound.families": "families",
    "hallbound.losses": "losses",
    "hallbound.mean_laws": "mean_laws",
    "hallbound.commands": "commands",
    "hallbound.claims": "claims",
}


#: What this process loaded from outside the package: ``"group:name"`` of each entry point
#: and each ``--plugin`` target. A result cache keyed on the package's source cannot vouch for
#: them, so ``hallbound check`` does not use its cache when this is not empty.
EXTERNAL: list[str] = []


def load_entry_points() -> list[str]:
    """Register every installed entry point of every group; returns ``"group:name"`` for
    each one added. Groups without entry points build nothing (no SymPy import); the
    installed distributions are scanned once for all groups."""
    from importlib.metadata import entry_points as _eps

    installed = _eps()
    added = []
    for group, attr in _BY_GROUP.items():
        if installed.select(group=group):
            added += [f"{group}:{n}" for n in registry(attr).load_entry_points()]
    EXTERNAL.extend(added)
    return added


def load_plugin(target: str) -> Any:
    """Import the plugin ``target`` and register what it defines; returns the module.

    ``target`` is a module name, resolved from the working directory first and then
    ``sys.path`` (``myfam`` is ``./myfam.py``), or a path to a ``.py`` file. Importing runs the
    module's code: it may register objects itself (``hallbound.registry.families.register``,
    or the families' ``register``); then every ``Family`` and ``Loss`` subclass defined in the
    module with a ``name`` of its own, not yet registered, is registered. A failure is one
    :class:`InputError` line naming ``--plugin``."""
    module = _import_plugin(target)
    EXTERNAL.append(f"plugin:{target}")
    try:
        _register_defined(module)
    except InputError as err:
        raise InputError("--plugin", f"{target}: {err}") from None
    return module


def _import_plugin(target: str) -> Any:
    if target.endswith(".py") or os.sep in target:
        path = Path(target)
        if path.is_dir():
            raise InputError("--plugin", f"{target} is a directory, not a Python file")
        if not path.is_file():
            raise InputError("--plugin", f"no such file: {target}")
        name = path.stem
        spec = importlib.util.spec_from_file_location(name, path)
        if spec is None or spec.loader is None:
            raise InputError("--plugin", f"cannot load {target} as a Python module")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        _run(lambda: spec.loader.exec_module(module), target)  # type: ignore[union-attr]
        return module
    cwd = os.getcwd()
    added = cwd not in sys.path
    if added:
        sys.path.insert(0, cwd)
    try:
        return _run(lambda: importlib.import_module(target), target)
    finally:
        if added:
            sys.path.remove(cwd)


def _run(load: Callable[[], Any], target: str) -> Any:
    try:
        return load()
    except ModuleNotFoundError as err:
        if err.name and target.split(".")[0] == err.name.split(".")[0]:
            raise InputError(
                "--plugin", f"no module {target!r} in the working directory or on sys.path"
            ) from None
        raise InputError("--plugin", f"{target}: {_one(err)}") from None
    except InputError as err:
        raise InputError("--plugin", f"{target}: {err}") from None
    except Exception as err:  # noqa: BLE001 - the plugin's own failure, as one line
        raise InputError("--plugin", f"{target} failed on import: {_one(err)}") from None


def _register_defined(module: Any) -> None:
    """Register the Family and Loss subclasses ``module`` defines (own ``name``), skipping
    names already bound to the same class."""
    from hallbound.symbolic.families.base import Family
    from hallbound.symbolic.losses import Loss

    for obj in list(vars(module).values()):
        if not isinstance(obj, type) or obj.__module__ != module.__name__:
            continue
        if "name" not in vars(obj) or inspect.isabstract(obj):
            continue
        for base, attr in ((Family, "families"), (Loss, "losses")):
            if issubclass(obj, base):
                registry(attr).register(obj)


__all__ = [
    "BUILTIN_COMMANDS",
    "EXTERNAL",
    "GROUPS",
    "Registry",
    "entry_points",
    "load_entry_points",
    "load_plugin",
    "registry",
    "suggestion",
]
