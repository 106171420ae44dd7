"""Every rule the code can refuse with has a Thai translation, and every translation is still
a rule the code raises.

The rules are found by reading the source (``ast``): each ``rule=`` given to a
``LedgerError`` (or to a project function that passes it on), resolved through string
literals, conditional expressions, local and module-level constants, imported constants and
positional parameters that a function forwards as ``rule``. An f-string made only of module
constants is evaluated to the exact text it raises; one built from values known only at the
time of refusal (ids, weights, scores) must match one of ``RULE_PATTERNS_TH``. Rules that live
in data (the text bounds, the file kinds, the shipped frameworks) are read from that data.
"""

from __future__ import annotations

import ast
import importlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from commands.rules_th import RULE_PATTERNS_TH, RULES_TH, rule_in_thai
from commands.web.i18n import Words
from commands.web.refusals import refusal
from ledger import bounds
from ledger.errors import InvalidInput, LedgerError, RuleRefused
from ledger.frameworks.loader import builtin_frameworks
from ledger.integrity import files

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("ledger", "commands", "projections")

Function = ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda


def _bound_rules() -> set[str]:
    found = {b.rule for b in vars(bounds).values() if isinstance(b, bounds.TextBound)}
    return found | {a.rule for a in bounds.ARRAYS.values()}


def _framework_wording() -> dict[str, str]:
    """The shipped frameworks' own rules, English to the Thai they carry."""
    found: dict[str, str] = {}
    for framework in builtin_frameworks().values():
        for comparison in framework.weight_comparisons:
            found[comparison.rule_en] = comparison.rule_th
        for limit in framework.kpi_count_limits:
            found[limit.rule_en] = limit.rule_th
    return found


def _framework_rules() -> set[str]:
    return set(_framework_wording())


def _file_kind_rules() -> set[str]:
    kinds = [k for k in vars(files).values() if isinstance(k, files.FileKind)]
    return {f"{k.label}s are regular files of at most {k.limit} bytes" for k in kinds}


# ``rule=<attribute>``: where the rules behind each one come from (None: the rule of another
# error passed on, collected where that error is raised).
ATTRIBUTES: dict[str, Callable[[], set[str]] | None] = {
    "bound.rule": _bound_rules,
    "array.rule": _bound_rules,
    "MEDIA_TYPE.rule": _bound_rules,
    "comparison.rule_en": _framework_rules,
    "limit.rule_en": _framework_rules,
    "error.rule": None,
    "refusal.rule": None,
}

# ``rule=<call>`` of a page's own words: the rule is already in the reader's language.
LOCALIZED = frozenset({"words", "words.pick"})

# f-strings over a closed set of values, listed exactly in RULES_TH: the source as
# ``ast.unparse`` shows it, and the rules it can make.
ENUMERATED: dict[str, Callable[[], set[str]]] = {
    "f'{kind.label}s are regular files of at most {kind.limit} bytes'": _file_kind_rules,
}


@dataclass
class _Module:
    name: str
    path: Path
    tree: ast.Module
    constants: dict[str, ast.expr] = field(default_factory=dict)
    imports: dict[str, tuple[str, str]] = field(default_factory=dict)
    functions: dict[str, ast.FunctionDef | ast.AsyncFunctionDef] = field(default_factory=dict)

    @property
    def namespace(self) -> dict[str, Any]:
        return vars(importlib.import_module(self.name))


@dataclass
class Found:
    """What the source raises: exact rules (with where), f-strings built from values, the
    attributes passed as rules, and what the collection could not resolve."""

    literal: dict[str, list[str]] = field(default_factory=dict)
    built: dict[str, tuple[str, ast.JoinedStr]] = field(default_factory=dict)
    attributes: dict[str, list[str]] = field(default_factory=dict)
    unresolved: list[str] = field(default_factory=list)


def _modules() -> dict[str, _Module]:
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            module = _Module(name, path, ast.parse(path.read_text("utf-8"), str(path)))
            for node in module.tree.body:
                if isinstance(node, ast.Assign) and len(node.targets) == 1:
                    if isinstance(node.targets[0], ast.Name):
                        module.constants[node.targets[0].id] = node.value
                elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                    if node.value is not None:
                        module.constants[node.target.id] = node.value
                elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                    for alias in node.names:
                        module.imports[alias.asname or alias.name] = (node.module, alias.name)
                elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    module.functions[node.name] = node
            found[name] = module
    return found


def _parameters(function: Function | None) -> list[str]:
    if function is None:
        return []
    args = function.args
    return [a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)]


def _bound_names(function: Function | None) -> set[str]:
    """Every name a function binds: parameters, assignments, loop and ``with`` targets."""
    if function is None:
        return set()
    names = set(_parameters(function))
    for node in ast.walk(function):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            names.add(node.name)
    return names


def _assigned(function: Function | None, name: str) -> list[ast.expr]:
    if function is None or isinstance(function, ast.Lambda):
        return []
    values: list[ast.expr] = []
    for node in ast.walk(function):
        if isinstance(node, ast.Assign):
            if any(isinstance(t, ast.Name) and t.id == name for t in node.targets):
                values.append(node.value)
        elif (
            isinstance(node, ast.AnnAssign | ast.NamedExpr)
            and node.value is not None
            and isinstance(node.target, ast.Name)
            and node.target.id == name
        ):
            values.append(node.value)
    return values


def _enclosing(tree: ast.AST, target: ast.AST) -> Function | None:
    """The innermost function around ``target`` (None at module level)."""

    def visit(node: ast.AST, function: Function | None) -> tuple[bool, Function | None]:
        for child in ast.iter_child_nodes(node):
            if child is target:
                return True, function
            inner = child if isinstance(child, Function) else function
            seen, found = visit(child, inner)
            if seen:
                return True, found
        return False, None

    return visit(tree, None)[1]


class _Collector:
    def __init__(self) -> None:
        self.modules = _modules()
        self.found = Found()
        self.classes, self.errors = _error_classes(self.modules.values())
        # (module, function) -> (index, name) of a positional parameter it forwards as rule
        self.forwarders: dict[tuple[str, str], tuple[int, str]] = {}

    def run(self) -> Found:
        for module in self.modules.values():
            self._visit(module, module.tree, None)
        for module in self.modules.values():
            self._forwarded(module)
        return self.found

    def _visit(self, module: _Module, node: ast.AST, function: Function | None) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, Function):
                self._visit(module, child, child)
                continue
            if isinstance(child, ast.Call) and self._raises(module, child.func):
                for keyword in child.keywords:
                    if keyword.arg == "rule":
                        self._resolve(module, keyword.value, function, _where(module, child))
            self._visit(module, child, function)

    def _raises(self, module: _Module, callee: ast.expr) -> bool:
        """Whether a call makes a LedgerError, or calls the project's own function (which may
        pass the rule on); other classes, ``super().__init__`` and methods are left out."""
        name = _last_name(callee)
        if name in self.classes:
            return name in self.errors
        if not isinstance(callee, ast.Name):
            return False
        source = module.imports.get(callee.id, (module.name, callee.id))[0]
        return callee.id in module.functions or source.split(".")[0] in PACKAGES

    def _forwarded(self, module: _Module) -> None:
        for node in ast.walk(module.tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                target = module.imports.get(node.func.id, (module.name, node.func.id))
                forward = self.forwarders.get(target)
                if forward is not None and len(node.args) > forward[0]:
                    function = _enclosing(module.tree, node)
                    where = _where(module, node)
                    self._resolve(module, node.args[forward[0]], function, where)

    def _resolve(
        self, module: _Module, value: ast.expr, function: Function | None, where: str
    ) -> None:
        found = self.found
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            found.literal.setdefault(value.value, []).append(where)
        elif isinstance(value, ast.Constant) and value.value is None:
            pass
        elif isinstance(value, ast.IfExp):
            self._resolve(module, value.body, function, where)
            self._resolve(module, value.orelse, function, where)
        elif isinstance(value, ast.BoolOp):
            for item in value.values:
                self._resolve(module, item, function, where)
        elif isinstance(value, ast.JoinedStr):
            names = {n.id for n in ast.walk(value) if isinstance(n, ast.Name)}
            if names & _bound_names(function):
                found.built.setdefault(ast.unparse(value), (where, value))
            else:
                code = compile(ast.Expression(value), where, "eval")
                text = eval(code, module.namespace)
                found.literal.setdefault(str(text), []).append(where)
        elif isinstance(value, ast.Name):
            self._resolve_name(module, value.id, function, where)
        elif isinstance(value, ast.Call) and ast.unparse(value.func) in LOCALIZED:
            pass
        elif isinstance(value, ast.Attribute):
            found.attributes.setdefault(ast.unparse(value), []).append(where)
        else:
            found.unresolved.append(f"{where}: {ast.unparse(value)}")

    def _resolve_name(
        self, module: _Module, name: str, function: Function | None, where: str
    ) -> None:
        if name in _parameters(function):
            assert isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef)
            # A module-level function passing a positional parameter on as the rule: its
            # callers give the rule. (Callers that say ``rule=`` are collected anyway.)
            if module.functions.get(function.name) is function:
                index = _parameters(function).index(name)
                if index < len(function.args.posonlyargs) + len(function.args.args):
                    self.forwarders[(module.name, function.name)] = (index, name)
        elif assigned := _assigned(function, name):
            for value in assigned:
                self._resolve(module, value, function, where)
        elif name in module.constants:
            self._resolve(module, module.constants[name], None, where)
        elif name in module.imports:
            source, original = module.imports[name]
            other = self.modules.get(source)
            if other is None or original not in other.constants:
                self.found.unresolved.append(f"{where}: {name}")
            else:
                self._resolve(other, other.constants[original], None, where)
        else:
            self.found.unresolved.append(f"{where}: {name}")


def _last_name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _error_classes(modules: Iterable[_Module]) -> tuple[set[str], set[str]]:
    """The names of the project's classes, and of those that are LedgerErrors (by the
    names of their bases, followed to ``LedgerError``)."""
    bases: dict[str, set[str | None]] = {}
    for module in modules:
        for node in ast.walk(module.tree):
            if isinstance(node, ast.ClassDef):
                bases.setdefault(node.name, set()).update(_last_name(b) for b in node.bases)
    errors = {LedgerError.__name__}
    grown = True
    while grown:
        grown = False
        for name, parents in bases.items():
            if name not in errors and parents & errors:
                errors.add(name)
                grown = True
    return set(bases), errors


def _where(module: _Module, node: ast.expr) -> str:
    return f"{module.path.relative_to(ROOT)}:{node.lineno}"


@cache
def collected() -> Found:
    return _Collector().run()


def raised() -> set[str]:
    """Every exact rule the code can raise: the source's and the data's."""
    found = collected()
    rules = set(found.literal)
    for attribute in found.attributes:
        source = ATTRIBUTES.get(attribute)
        if source is not None:
            rules |= source()
    for built, source in ENUMERATED.items():
        if built in found.built:
            rules |= source()
    return rules


def sample(built: ast.JoinedStr) -> str:
    """The f-string with each value replaced by a sample token (X0, X1, ...)."""
    parts: list[str] = []
    for i, part in enumerate(built.values):
        if isinstance(part, ast.Constant):
            parts.append(str(part.value))
        else:
            parts.append(f"X{i}")
    return "".join(parts)


def _listed(rules: Iterable[str]) -> str:
    return "\n".join(sorted(rules))


def test_the_collection_resolves_every_rule() -> None:
    found = collected()
    assert found.unresolved == [], "teach this test how these rules are made"
    unknown = set(found.attributes) - set(ATTRIBUTES)
    assert not unknown, f"say in ATTRIBUTES where these rules come from: {sorted(unknown)}"
    # The ways a rule reaches an error are all seen: a module constant, a function-local
    # constant, a rule forwarded positionally, an f-string over module constants, data.
    rules = raised()
    assert "rule 1: a new target must not be set from results already achieved" in rules
    assert "every write is entered by a signed-in, registered user" in rules
    assert "a key name has no spaces and no '+'" in rules
    assert "at most 28 significant digits" in rules
    assert bounds.ID.rule in rules
    assert "dimension 1 + dimension 2 must exceed dimension 3 + dimension 4" in rules
    assert len(rules) > 200


def test_every_rule_the_code_raises_is_in_thai() -> None:
    missing = raised() - set(RULES_TH)
    assert not missing, f"add these rules to commands/rules_th.py:\n{_listed(missing)}"


def test_every_thai_rule_is_still_raised() -> None:
    stale = set(RULES_TH) - raised()
    assert not stale, f"no code raises these rules any more:\n{_listed(stale)}"


def test_rules_built_from_values_match_a_thai_pattern() -> None:
    found = collected()
    used: set[str] = set()
    for built, (where, node) in found.built.items():
        if built in ENUMERATED:
            continue
        text = sample(node)
        matching = [p for p, _ in RULE_PATTERNS_TH if p.fullmatch(text)]
        assert matching, f"{where}: add a pattern to RULE_PATTERNS_TH for {built}"
        used.update(p.pattern for p in matching)
        assert rule_in_thai(text) != text
    stale = {p.pattern for p, _ in RULE_PATTERNS_TH} - used
    assert not stale, f"no code builds rules these patterns match: {sorted(stale)}"


def test_enumerated_rules_are_still_built() -> None:
    assert set(ENUMERATED) <= set(collected().built)


@pytest.mark.parametrize(("english", "thai"), sorted(RULES_TH.items()))
def test_thai_keeps_code_and_numbers(english: str, thai: str) -> None:
    assert re.search("[\u0e00-\u0e7f]", thai), "the translation is in Thai"
    for kept in re.findall(r"`[^`]+`|\d+|--[\w-]+|\b\w+_\w+\b", english):
        assert kept in thai


def test_framework_rules_agree_with_the_framework_thai() -> None:
    wording = _framework_wording()
    assert wording
    for english, thai in wording.items():
        assert RULES_TH[english] == thai


@pytest.mark.parametrize(
    ("rule", "thai"),
    [
        ("component C1 weight is 60", "น้ำหนักขององค์ประกอบ C1 ต้องเท่ากับ 60"),
        ("dimension 4 weight at least 20", "น้ำหนักของมิติ 4 ต้องไม่น้อยกว่า 20"),
        ("framework fy2568 requires KPI 1.1", "กรอบการประเมินผล fy2568 กำหนดให้ต้องมีตัวชี้วัด 1.1"),
        ("five_level criteria have 5 levels", "เกณฑ์การให้คะแนนแบบ five_level มี 5 ระดับ"),
        ("scores lie between 0 and 100", "คะแนนต้องอยู่ระหว่าง 0 ถึง 100"),
        ("weights are multiples of 0.5", "น้ำหนักต้องเป็นพหุคูณของ 0.5"),
        ("not a rule anybody raises", "not a rule anybody raises"),
    ],
)
def test_rule_in_thai(rule: str, thai: str) -> None:
    assert rule_in_thai(rule) == thai


def test_refusal_shows_the_rule_in_the_readers_language() -> None:
    error = RuleRefused("weights total 99", field="weight", rule="weights total 100")
    assert refusal(error, Words("th", {})).rule == "น้ำหนักรวมต้องเท่ากับ 100"
    assert refusal(error, Words("en", {})).rule == "weights total 100"
    built = InvalidInput("0.3 is not a multiple", rule="weights are multiples of 0.5")
    assert refusal(built, Words("th", {})).rule == "น้ำหนักต้องเป็นพหุคูณของ 0.5"
    assert refusal(built, Words("en", {})).rule == "weights are multiples of 0.5"
    unknown = RuleRefused("no", rule="a rule nobody translated")
    assert refusal(unknown, Words("th", {})).rule == "a rule nobody translated"
    assert refusal(RuleRefused("no"), Words("th", {})).rule is None
