"""The problem codes a package's source can raise, found by reading it: shared by tests/test_errors.py
and tests/test_docs.py.

A code reaches a :class:`graph.errors.Problem` through helpers (``self.add(pos, code, …)``,
``sheet.bad(line, field, code, …)``, ``_problem(loc, path, code, …)``, a nested ``bad(name, code,
…)``, a lambda handed on as a callback), so the collector learns them instead of listing them: a
function is a helper when one of its parameters reaches the code position of ``Problem`` or of
another helper, and a parameter is a callback when a helper is passed for it. Then every string in a
code position is a raised code, wherever it is: no module is named, so readers that move keep being
read. A code position whose value is not a literal (or a name assigned literals, here, in a ``for``
over literals or in another module of the package, or ``x if c else y`` of them) raises
:class:`CodeSource` rather than being skipped; an f-string gives its codes when its names hold
literals (``f"unknown-{what}"`` in ``for what in ("actor", "source")``), a pattern otherwise.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Site", "CodeSource", "raised_codes", "CODE_SHAPE"]

#: What a code looks like: lower-case words joined by hyphens.
CODE_SHAPE = re.compile(r"[a-z]+(?:-[a-z]+)*\Z")
#: ``Problem(path, line, col, code, message, hint="")``, the one place every code ends up.
_PROBLEM_PARAMS = ["path", "line", "col", "code", "message", "hint"]


class CodeSource(Exception):
    """A code position whose value the collector cannot read."""


@dataclass(frozen=True, order=True)
class Site:
    """One place in the source that raises a code, or a family of codes (``pattern``: a regex)."""

    code: str
    pattern: bool
    path: str
    line: int


@dataclass(eq=False)
class _Def:
    """A function, method or lambda (or a module's top level), with the calls and assignments in it."""

    module: str
    name: str | None
    kind: str  # module, plain, method, static, nested, lambda
    params: list[str]
    required: int
    varargs: bool
    parent: _Def | None
    node: ast.AST | None = None
    calls: list[ast.Call] = field(default_factory=list)
    assigns: dict[str, list[ast.expr]] = field(default_factory=dict)
    imports: dict[str, tuple[str, str]] = field(default_factory=dict)  # name → (module, its name there)

    def signature(self, attribute: bool) -> list[str] | None:
        """The parameters a call fills, or None when a call of that form cannot reach this def."""
        if self.kind == "method":
            return self.params[1:] if attribute else None
        if self.kind in ("nested", "lambda"):
            return None if attribute else self.params
        return self.params

    def owner_of(self, name: str) -> _Def | None:
        """The def (this one or an enclosing one) of which ``name`` is a parameter."""
        d: _Def | None = self
        while d is not None:
            if name in d.params:
                return d
            d = d.parent
        return None


@dataclass(frozen=True)
class _Forwarded:
    param: str
    owner: _Def


class _Index(ast.NodeVisitor):
    """Every def of one module, each holding the calls and assignments directly inside it."""

    def __init__(self, module: str):
        self.top = _Def(module, None, "module", [], 0, False, None)
        self.defs = [self.top]
        self.stack = [self.top]
        self.in_class = False

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        outer, self.in_class = self.in_class, True
        for child in node.body:
            self.visit(child)
        self.in_class = outer

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        decorators = {d.id for d in node.decorator_list if isinstance(d, ast.Name)}
        if self.in_class:
            kind = "static" if "staticmethod" in decorators else "method"
        else:
            kind = "plain" if self.stack[-1] is self.top else "nested"
        self._def(node, node.name, kind)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Lambda(self, node: ast.Lambda) -> None:
        self._def(node, None, "lambda")

    def _def(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda, name: str | None, kind: str) -> None:
        args = node.args
        positional = [a.arg for a in args.posonlyargs + args.args]
        d = _Def(self.top.module, name, kind, positional + [a.arg for a in args.kwonlyargs],
                 len(positional) - len(args.defaults), args.vararg is not None, self.stack[-1], node)
        for default in args.defaults + [x for x in args.kw_defaults if x is not None]:
            self.visit(default)  # defaults run in the enclosing scope
        self.defs.append(d)
        self.stack.append(d)
        outer, self.in_class = self.in_class, False
        for child in node.body if isinstance(node.body, list) else [node.body]:
            self.visit(child)
        self.in_class = outer
        self.stack.pop()

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        # a module as "graph/readers/rules": from .rules import X, from graph.readers import rules
        here = self.top.module.rsplit("/", 1)[0].split("/")
        base = here[: len(here) - node.level + 1] if node.level else []
        module = "/".join(base + (node.module.split(".") if node.module else []))
        for alias in node.names:
            self.top.imports[alias.asname or alias.name] = (module, alias.name)

    def visit_Call(self, node: ast.Call) -> None:
        self.stack[-1].calls.append(node)
        self.generic_visit(node)

    def visit_Assign(self, node: ast.Assign) -> None:
        for target in node.targets:
            if isinstance(target, ast.Name):
                self.stack[-1].assigns.setdefault(target.id, []).append(node.value)
        self.generic_visit(node)

    def visit_For(self, node: ast.For) -> None:
        # for what in ("actor", "source"), for a, b in ((x, "actor"), …): the names take each item
        if isinstance(node.iter, (ast.Tuple, ast.List)):
            for item in node.iter.elts:
                if isinstance(node.target, ast.Name):
                    self.stack[-1].assigns.setdefault(node.target.id, []).append(item)
                elif (isinstance(node.target, ast.Tuple) and isinstance(item, ast.Tuple)
                      and len(item.elts) == len(node.target.elts)):
                    for name, value in zip(node.target.elts, item.elts):
                        if isinstance(name, ast.Name):
                            self.stack[-1].assigns.setdefault(name.id, []).append(value)
        self.generic_visit(node)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if isinstance(node.target, ast.Name) and node.value is not None:
            self.stack[-1].assigns.setdefault(node.target.id, []).append(node.value)
        self.generic_visit(node)


def raised_codes(package: Path) -> list[Site]:
    """Every code written in a code position in the modules under `package`, with its place.

    Raises :class:`CodeSource` for a code position it cannot read.
    """
    return _Collector(package).sites()


class _Collector:
    def __init__(self, package: Path):
        self.defs: list[_Def] = []
        for file in sorted(package.rglob("*.py")):
            index = _Index(file.relative_to(package.parent).as_posix())
            index.visit(ast.parse(file.read_text("utf-8"), str(file)))
            self.defs += index.defs
        problem = _Def("errors", "Problem", "plain", _PROBLEM_PARAMS, 5, False, None)
        self.helpers: dict[_Def, str] = {problem: "code"}     # a def → its parameter that is a code
        self.callbacks: dict[tuple[_Def, str], int] = {}      # a callable parameter → the code's index
        self.by_name: dict[str, list[_Def]] = {"Problem": [problem]}
        for d in self.defs:
            if d.name:
                self.by_name.setdefault(d.name, []).append(d)
        self.by_node = {id(d.node): d for d in self.defs if d.node is not None}
        self.tops = {re.sub(r"(/__init__)?\.py$", "", d.module): d for d in self.defs if d.kind == "module"}

    def sites(self) -> list[Site]:
        while self._learn():
            pass
        found = set()
        for d in self.defs:
            for call in d.calls:
                for expr in self._code_arguments(call, d):
                    for value in self._values(expr, d):
                        if not isinstance(value, _Forwarded):
                            found.add(Site(value[0], value[1], d.module, call.lineno))
        return sorted(found)

    def _learn(self) -> bool:
        """One pass over every call, learning helpers and callbacks; True if it learned any."""
        learned = False
        for d in self.defs:
            for call in d.calls:
                for expr in self._code_arguments(call, d):
                    for value in self._values(expr, d):
                        if isinstance(value, _Forwarded) and value.owner not in self.helpers:
                            self.helpers[value.owner] = value.param
                            learned = True
                arguments = list(enumerate(call.args)) + [(kw.arg, kw.value) for kw in call.keywords if kw.arg]
                for slot, arg in arguments:
                    where = self._helper_value(arg)
                    if where is None:
                        continue
                    for callee, params in self._callees(call, d):
                        name = params[slot] if isinstance(slot, int) and slot < len(params) else slot
                        if isinstance(name, str) and name in params and (callee, name) not in self.callbacks:
                            self.callbacks[(callee, name)] = where
                            learned = True
        return learned

    def _helper_value(self, arg: ast.expr) -> int | None:
        """Where the code goes when `arg`, a helper handed on as a value, is called."""
        if isinstance(arg, ast.Lambda):
            given = self.by_node.get(id(arg))
            return given.params.index(self.helpers[given]) if given in self.helpers else None
        if isinstance(arg, (ast.Name, ast.Attribute)):
            attribute = isinstance(arg, ast.Attribute)
            for given in self.by_name.get(arg.attr if attribute else arg.id, []):
                params = given.signature(attribute)
                if given in self.helpers and params is not None and self.helpers[given] in params:
                    return params.index(self.helpers[given])
        return None

    def _callees(self, call: ast.Call, d: _Def) -> list[tuple[_Def, list[str]]]:
        """The defs this call may reach, by name, with the parameters it fills: same module first."""
        if isinstance(call.func, ast.Name):
            name, attribute = call.func.id, False
        elif isinstance(call.func, ast.Attribute):
            name, attribute = call.func.attr, True
        else:
            return []
        found = []
        for callee in self.by_name.get(name, []):
            params = callee.signature(attribute)
            if params is not None and _fits(call, callee, params):
                found.append((callee, params))
        return [c for c in found if c[0].module == d.module] or found

    def _code_arguments(self, call: ast.Call, d: _Def) -> list[ast.expr]:
        """The expression this call puts in a code position, if it calls a helper or a callback."""
        if isinstance(call.func, ast.Name) and (owner := d.owner_of(call.func.id)) is not None:
            where = self.callbacks.get((owner, call.func.id))
            arg = None if where is None else _argument(call, where, None, d)
            return [] if arg is None else [arg]
        out = []
        for callee, params in self._callees(call, d):
            param = self.helpers.get(callee)
            if param is not None and param in params:
                arg = _argument(call, params.index(param), param, d)
                if arg is not None:
                    out.append(arg)
        if len(out) > 1:  # helpers of one name, codes in different places: the reading that gives a code
            shaped = [a for a in out if isinstance(a, ast.Constant) and isinstance(a.value, str)
                      and CODE_SHAPE.match(a.value)]
            out = shaped[:1] or out[:1]
        return out

    def _imported(self, module: str, name: str, depth: int) -> list[tuple[str, bool] | _Forwarded] | None:
        """The values of a module-level name of another module of the package, if it is one."""
        top = self.tops.get(module)
        if top is None or name not in top.assigns and name not in top.imports:
            return None
        return self._values(ast.Name(id=name, lineno=0), top, depth + 1)

    def _joined(self, expr: ast.JoinedStr, d: _Def, depth: int) -> list[tuple[str, bool]]:
        """An f-string's codes: every combination when its names hold literals, else one pattern."""
        texts = [""]
        for part in expr.values:
            if isinstance(part, ast.Constant):
                texts = [t + part.value for t in texts]
                continue
            try:
                held = self._values(part.value, d, depth + 1)
            except CodeSource:
                held = []
            if not held or not all(isinstance(v, tuple) and not v[1] for v in held):
                parts = [re.escape(p.value) if isinstance(p, ast.Constant) else "[a-z-]+" for p in expr.values]
                return [("".join(parts), True)]
            texts = [t + v[0] for t in texts for v in held]
        return [(t, False) for t in texts]

    def _values(self, expr: ast.expr, d: _Def, depth: int = 0) -> list[tuple[str, bool] | _Forwarded]:
        """What a code position can hold: (code, False), (regex, True), or a parameter passed on."""
        if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
            return [(expr.value, False)]
        if isinstance(expr, ast.JoinedStr):
            return self._joined(expr, d, depth)
        if isinstance(expr, ast.IfExp):
            return self._values(expr.body, d, depth + 1) + self._values(expr.orelse, d, depth + 1)
        if isinstance(expr, ast.Name) and depth < 10:
            owner = d.owner_of(expr.id)
            if owner is not None:
                return [_Forwarded(expr.id, owner)]
            scope: _Def | None = d
            while scope is not None:
                if expr.id in scope.assigns:
                    return [v for e in scope.assigns[expr.id] for v in self._values(e, scope, depth + 1)]
                if scope.kind == "module" and expr.id in scope.imports:
                    found = self._imported(*scope.imports[expr.id], depth)
                    if found is not None:
                        return found
                scope = scope.parent
        if isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name) and depth < 10:
            top = d
            while top.parent is not None:
                top = top.parent
            module, name = top.imports.get(expr.value.id, ("", ""))
            found = self._imported(f"{module}/{name}", expr.attr, depth)  # rules.WEIGHT_RANGE
            if found is not None:
                return found
        raise CodeSource(f"{d.module}:{expr.lineno}: the code {ast.unparse(expr)!r} is neither a literal nor a "
                         "name assigned literals; write the code as a string, or teach tests/_codes.py to read it")


def _fits(call: ast.Call, callee: _Def, params: list[str]) -> bool:
    """Whether the call's arguments fit the parameters (so ``seen.add(x)`` is no ``self.add(pos, code, …)``)."""
    if any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
        return True
    given = len(call.args) + sum(1 for k in call.keywords if k.arg in params)
    required = callee.required - (len(callee.params) - len(params))
    return (len(call.args) <= len(params) or callee.varargs) and given >= required


def _argument(call: ast.Call, index: int, name: str | None, d: _Def) -> ast.expr | None:
    """What the call passes for the parameter `name`, the `index`-th one, if anything."""
    for kw in call.keywords:
        if name is not None and kw.arg == name:
            return kw.value
    stars = [i for i, a in enumerate(call.args) if isinstance(a, ast.Starred) and i <= index]
    if stars:  # Problem(path, *pos, code, …): the unpacked values end just before the code
        index = stars[-1] + 1
        if index >= len(call.args) or isinstance(call.args[index], ast.Starred):
            # self.add(pos, *rule): the code is among the unpacked values, out of sight
            raise CodeSource(f"{d.module}:{call.lineno}: {ast.unparse(call)[:60]} unpacks its code; pass the "
                             "code as a literal, or teach tests/_codes.py to read it")
    if index < len(call.args):
        return call.args[index]
    return None
