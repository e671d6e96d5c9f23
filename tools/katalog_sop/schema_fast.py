"""Schema stage, fast path: the schema compiled into one yes/no predicate.

``jsonschema`` explains every error, but takes milliseconds per SOP to find
that a valid file has none. :func:`is_valid` gives the same verdict as
:func:`katalog_sop.schema.validator` for the keywords ``schema/sop.schema.json``
uses, far faster; only a document it refuses goes on to ``jsonschema`` for
the messages (see :func:`katalog_sop.schema.validate`).

The schema becomes Python source once, one function per subschema, which is
then ``exec``-ed. A keyword the compiler does not know is an error at compile
time, never skipped: a schema change fails loudly until the compiler learns
the keyword.
"""

from __future__ import annotations

import numbers
import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Callable
from urllib.parse import unquote

ANNOTATIONS = frozenset({"title", "description", "examples"})
ROOT_ONLY = frozenset({"$schema", "$id"})
"""Only meaningful at the root: an ``$id`` further down would move the base of ``$ref``."""
KEYWORDS = frozenset(
    {
        "$ref", "$defs", "additionalProperties", "anyOf", "dependentSchemas", "enum", "items",
        "minItems", "minimum", "not", "pattern", "properties", "required", "type", "uniqueItems",
    }
)

# Draft 2020-12 types as jsonschema's type checker sees them (bool is neither
# integer nor number), except that an integer is a whole number as written,
# never a float: katalog_sop.schema.is_whole_number, which the explaining
# validator uses too.
_TYPE_TESTS = {
    "null": "x is None",
    "boolean": "isinstance(x, bool)",
    "string": "isinstance(x, str)",
    "object": "isinstance(x, dict)",
    "array": "isinstance(x, list)",
    "integer": "(isinstance(x, int) and not isinstance(x, bool))",
    "number": "(isinstance(x, _Number) and not isinstance(x, bool))",
}


class UnsupportedSchema(ValueError):
    """The schema uses something the compiler cannot honour exactly."""


def is_valid(data) -> bool:
    """Whether ``data`` is valid against ``schema/sop.schema.json``."""
    return _sop_predicate()(data)


@lru_cache(maxsize=1)
def _sop_predicate() -> Callable[[object], bool]:
    from katalog_sop.schema import load_schema  # schema imports this module

    return compile_schema(load_schema())


def compile_schema(schema) -> Callable[[object], bool]:
    """A predicate with jsonschema's Draft 2020-12 verdict on ``schema``; raises :class:`UnsupportedSchema`."""
    return _Compiler(schema).compile()


# --- JSON equality, for enum and uniqueItems ------------------------------------------------------


def _equal(one, two) -> bool:
    """Equality of JSON values: ``true`` is not ``1``, also inside arrays and objects; ``1`` is ``1.0``."""
    if one is two:
        return True
    if isinstance(one, str) or isinstance(two, str):
        return one == two
    if isinstance(one, Sequence) and isinstance(two, Sequence):
        return len(one) == len(two) and all(map(_equal, one, two))
    if isinstance(one, Mapping) and isinstance(two, Mapping):
        return len(one) == len(two) and all(key in two and _equal(value, two[key]) for key, value in one.items())
    if isinstance(one, bool) or isinstance(two, bool):
        return False  # equal booleans are the same object, caught above
    return one == two


def _unique(items: list) -> bool:
    # Every pair is compared. jsonschema sorts first and compares neighbours,
    # which can miss a duplicate ([[1], [true], [1]]); being stricter here is
    # safe, since a refused document is judged again by jsonschema itself.
    if all(type(item) is str for item in items):
        return len(set(items)) == len(items)
    seen: list = []
    for item in items:
        if any(_equal(item, other) for other in seen):
            return False
        seen.append(item)
    return True


def _in_enum(value, choices: tuple) -> bool:
    return any(_equal(choice, value) for choice in choices)


# --- the compiler ---------------------------------------------------------------------------------------


class _Compiler:
    def __init__(self, root):
        self.root = root
        self.names: dict[int, str] = {}
        self.pending: list[tuple[str, object, str]] = []
        self.aliasing: set[int] = set()
        self.lines: list[str] = []
        self.tables: dict[str, dict[str, str]] = {}
        self.namespace: dict = {"_Number": numbers.Number, "_unique": _unique, "_in_enum": _in_enum}

    def compile(self) -> Callable[[object], bool]:
        entry = self.function(self.root, "#")
        while self.pending:
            self.emit(*self.pending.pop())
        source = "\n".join(self.lines) + "\n"
        exec(compile(source, "<schema_fast>", "exec"), self.namespace)
        for table, entries in self.tables.items():
            self.namespace[table] = {key: self.namespace[name] for key, name in entries.items()}
        return self.namespace[entry]

    def constant(self, value) -> str:
        name = f"_c{len(self.namespace)}"
        self.namespace[name] = value
        return name

    def function(self, schema, where: str) -> str:
        """The name of the function that checks ``schema`` (compiled once, however often it is used)."""
        if id(schema) in self.names:
            return self.names[id(schema)]
        if isinstance(schema, dict) and set(schema) - ANNOTATIONS == {"$ref"}:
            # A bare reference is its target: one call instead of two.
            if id(schema) in self.aliasing:
                raise UnsupportedSchema(f"{where}: $ref refers only to itself")
            self.aliasing.add(id(schema))
            name = self.function(*self.resolve(schema["$ref"], where))
            self.names[id(schema)] = name
            return name
        name = f"_s{len(self.names)}"
        self.names[id(schema)] = name
        self.pending.append((name, schema, where))
        return name

    def resolve(self, ref, where: str) -> tuple[object, str]:
        if not isinstance(ref, str) or not (ref == "#" or ref.startswith("#/")):
            raise UnsupportedSchema(f"{where}: only local $ref ('#/...') is supported, not {ref!r}")
        node = self.root
        for part in unquote(ref[1:]).split("/")[1:]:  # as referencing reads a JSON pointer
            part = part.replace("~1", "/").replace("~0", "~")
            try:
                node = node[int(part)] if isinstance(node, list) else node[part]
            except (KeyError, IndexError, ValueError, TypeError):
                raise UnsupportedSchema(f"{where}: $ref {ref!r} does not lead to a schema") from None
        return node, ref

    def emit(self, name: str, schema, where: str) -> None:
        if isinstance(schema, bool):
            self.lines += [f"def {name}(x):", f"    return {schema}", ""]
            return
        if not isinstance(schema, dict):
            raise UnsupportedSchema(f"{where}: a schema must be an object or a boolean, not {schema!r}")
        allowed = KEYWORDS | ANNOTATIONS | (ROOT_ONLY if schema is self.root else frozenset())
        unknown = sorted(set(schema) - allowed)
        if unknown:
            raise UnsupportedSchema(f"{where}: keyword(s) not supported by the fast schema check: {', '.join(unknown)}")
        for key, sub in _object(schema, "$defs", where).items():
            self.function(sub, f"{where}/$defs/{key}")

        body: list[str] = []
        types = self.types(schema, where)
        if types is not None:
            body.append(f"if not ({' or '.join(_TYPE_TESTS[kind] for kind in types)}): return False")
        body += self.generic(schema, where)
        for kind, guard, lines in (
            ("object", "isinstance(x, dict)", self.object_checks(schema, where)),
            ("array", "isinstance(x, list)", self.array_checks(schema, where)),
            ("string", "isinstance(x, str)", self.string_checks(schema, where)),
            ("number", _TYPE_TESTS["number"], self.number_checks(schema, where)),
        ):
            # Each of these keywords judges only instances of its own type.
            covered = {"number", "integer"} if kind == "number" else {kind}
            if not lines or (types is not None and not covered & set(types)):
                continue
            if types is not None and set(types) <= covered:
                body += lines
            else:
                body.append(f"if {guard}:")
                body += ["    " + line for line in lines]
        self.lines += [f"def {name}(x):  # {where!r}"] + ["    " + line for line in body] + ["    return True", ""]

    def types(self, schema: dict, where: str) -> list[str] | None:
        if "type" not in schema:
            return None
        kinds = schema["type"]
        kinds = [kinds] if isinstance(kinds, str) else kinds
        if not isinstance(kinds, list) or not kinds or any(kind not in _TYPE_TESTS for kind in kinds):
            raise UnsupportedSchema(f"{where}: unknown type {schema['type']!r}")
        return kinds

    def generic(self, schema: dict, where: str) -> list[str]:
        lines = []
        if "enum" in schema:
            choices = schema["enum"]
            if not isinstance(choices, list):
                raise UnsupportedSchema(f"{where}: enum must be a list")
            if all(type(choice) is str for choice in choices):
                lines.append(f"if not (isinstance(x, str) and x in {self.constant(frozenset(choices))}): return False")
            else:
                lines.append(f"if not _in_enum(x, {self.constant(tuple(choices))}): return False")
        if "$ref" in schema:
            lines.append(f"if not {self.function(*self.resolve(schema['$ref'], where))}(x): return False")
        if "anyOf" in schema:
            branches = schema["anyOf"]
            if not isinstance(branches, list) or not branches:
                raise UnsupportedSchema(f"{where}: anyOf must be a non-empty list")
            calls = [f"{self.function(sub, f'{where}/anyOf/{index}')}(x)" for index, sub in enumerate(branches)]
            lines.append(f"if not ({' or '.join(calls)}): return False")
        if "not" in schema:
            lines.append(f"if {self.function(schema['not'], f'{where}/not')}(x): return False")
        return lines

    def object_checks(self, schema: dict, where: str) -> list[str]:
        lines = []
        properties = _object(schema, "properties", where)
        extra = schema.get("additionalProperties", True)
        if properties or extra is not True:
            table = f"_p{len(self.tables)}"
            self.tables[table] = {key: self.function(sub, f"{where}/properties/{key}") for key, sub in properties.items()}
            lines += ["for k, v in x.items():", f"    f = {table}.get(k)", "    if f is None:"]
            if extra is False:
                lines.append("        return False")
            elif extra is True:
                lines.append("        continue")
            else:
                lines.append(f"        if not {self.function(extra, f'{where}/additionalProperties')}(v): return False")
            lines.append("    elif not f(v): return False")
        required = schema.get("required", [])
        if not isinstance(required, list) or not all(isinstance(key, str) for key in required):
            raise UnsupportedSchema(f"{where}: required must be a list of strings")
        if required:
            lines.append(f"if not ({' and '.join(f'{key!r} in x' for key in required)}): return False")
        for key, sub in _object(schema, "dependentSchemas", where).items():
            lines.append(f"if {key!r} in x and not {self.function(sub, f'{where}/dependentSchemas/{key}')}(x): return False")
        return lines

    def array_checks(self, schema: dict, where: str) -> list[str]:
        lines = []
        if "minItems" in schema:
            lines.append(f"if len(x) < {self.constant(_number(schema, 'minItems', where))}: return False")
        if "items" in schema:
            items = schema["items"]
            if items is False:
                lines.append("if x: return False")
            elif items is not True:
                lines += ["for v in x:", f"    if not {self.function(items, f'{where}/items')}(v): return False"]
        if schema.get("uniqueItems"):
            lines.append("if not _unique(x): return False")
        return lines

    def string_checks(self, schema: dict, where: str) -> list[str]:
        if "pattern" not in schema:
            return []
        if not isinstance(schema["pattern"], str):
            raise UnsupportedSchema(f"{where}: pattern must be a string")
        # jsonschema uses re.search: the pattern is not anchored.
        return [f"if {self.constant(re.compile(schema['pattern']))}.search(x) is None: return False"]

    def number_checks(self, schema: dict, where: str) -> list[str]:
        if "minimum" not in schema:
            return []
        return [f"if x < {self.constant(_number(schema, 'minimum', where))}: return False"]


def _number(schema: dict, keyword: str, where: str):
    value = schema[keyword]
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise UnsupportedSchema(f"{where}: {keyword} must be a number")
    return value


def _object(schema: dict, keyword: str, where: str) -> dict:
    value = schema.get(keyword, {})
    if not isinstance(value, dict) or not all(isinstance(key, str) for key in value):
        raise UnsupportedSchema(f"{where}: {keyword} must be an object")
    return value
