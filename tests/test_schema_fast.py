"""Schema stage, fast path: the compiled predicate agrees with the explaining validator, document for document.

That validator is jsonschema's Draft 2020-12 with one change: an integer is a
whole number as written, never a float such as ``3.0``.
"""

from __future__ import annotations

import copy
import random
import subprocess
import sys
from pathlib import Path

import pytest
from katalog_sop.schema import load_schema, validator_class
from katalog_sop.schema_fast import UnsupportedSchema, compile_schema, is_valid
from katalog_sop.source import load_file

from conftest import REPO

FILES = sorted((REPO / "tests" / "examples").rglob("*.yaml")) + sorted((REPO / "sops").rglob("*.yaml"))

# Every JSON type, and the values where Python and JSON Schema disagree:
# 3.0 is not an integer here, True is not 1, 0 is below every minimum here.
SAMPLES = ["teks", "", " ", "1-a", 7, 0, -1, 2.5, 3.0, True, False, None, [], ["teks"], [1], {}, {"teks": "teks"}]


def _documents() -> list[tuple[Path, dict]]:
    """Every example and catalogue file the source stage reads (some examples are refused before the schema)."""
    documents = []
    for path in FILES:
        document, _ = load_file(path, path.name)
        if document is not None:
            documents.append((path, document.data))
    return documents


def _nodes(value, path=()):
    yield path, value
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _nodes(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _nodes(item, path + (index,))


def _replaced(data, path, value):
    if not path:
        return value
    data = copy.deepcopy(data)
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    parent[path[-1]] = value
    return data


def _mutations(data: dict, rng: random.Random):
    """Documents a few edits away from ``data``: each kind of edit, at random places."""
    nodes = list(_nodes(data))
    mappings = [(path, value) for path, value in nodes if isinstance(value, dict) and value]
    lists = [(path, value) for path, value in nodes if isinstance(value, list) and value]
    texts = [path for path, value in nodes if isinstance(value, str)]
    for _ in range(3):
        path, mapping = rng.choice(mappings)
        key = rng.choice(list(mapping))
        yield _replaced(data, path, {k: v for k, v in mapping.items() if k != key})
        yield _replaced(data, path, {**mapping, rng.choice(["tidak_dikenal", "lanjut_ke", "cabang", "id"]): rng.choice(SAMPLES)})
    for _ in range(3):
        path = rng.choice(nodes)[0]
        for sample in SAMPLES:
            yield _replaced(data, path, copy.deepcopy(sample))
    if lists:
        for _ in range(3):
            path, items = rng.choice(lists)
            yield _replaced(data, path, [])
            index = rng.randrange(len(items))
            yield _replaced(data, path, items[: index + 1] + [copy.deepcopy(items[index])] + items[index + 1 :])
    for path in rng.sample(texts, min(3, len(texts))):
        for text in ("", "   ", "1-a", "a b"):
            yield _replaced(data, path, text)


def test_there_are_documents_to_compare():
    assert len(_documents()) >= 20


@pytest.mark.parametrize("path, data", [pytest.param(p, d, id=f"{p.parent.name}/{p.name}") for p, d in _documents()])
def test_predicate_agrees_with_jsonschema_on_the_file_and_its_mutations(path, data):
    reference = validator_class()(load_schema())
    cases = [data] + list(_mutations(data, random.Random(path.name)))
    disagreements = [case for case in cases if is_valid(case) != reference.is_valid(case)]
    assert disagreements == []


def test_mutations_give_both_verdicts():
    reference = validator_class()(load_schema())
    verdicts = []
    for path, data in _documents():
        verdicts += [reference.is_valid(case) for case in _mutations(data, random.Random(path.name))]
    assert len(verdicts) > 300
    assert verdicts.count(True) > 50 and verdicts.count(False) > 50


TRICKY = [
    ({"type": "integer"}, [1, 1.0, 1.5, True, "1", None, -3]),
    ({"type": "number"}, [1, 1.5, True, False, "1", None]),
    ({"type": ["string", "null"]}, ["", None, 0, False, []]),
    ({"type": "boolean"}, [True, False, 0, 1, None]),
    ({"pattern": "b"}, ["abc", "ac", 5, None, ["b"]]),
    ({"pattern": "^a$"}, ["a", "ab", "a\n", "\na"]),
    ({"minimum": 1}, [0, 1, 0.5, 1.0, True, False, "0", None]),
    ({"minItems": 2}, [[], [1], [1, 2], "ab", {"a": 1, "b": 2}]),
    ({"uniqueItems": True}, [[1, True], [0, False], [1, 1.0], [[1], [True]], [{"a": 1}, {"a": True}],
                             [{"a": 1}, {"a": 1}], ["a", "a"], ["a", "b"], [None, None], [[1, 2], [1, 2]], "aa"]),
    ({"enum": [1, "a", [1], {"k": 1}, None]}, [1, 1.0, True, "a", "b", [1], [True], {"k": 1}, {"k": True}, None, False]),
    ({"enum": ["a", "b"]}, ["a", "c", 1, None, ["a"]]),
    ({"required": ["a"]}, [{"a": 1}, {}, [], "a"]),
    ({"properties": {"a": {"type": "string"}}, "additionalProperties": False}, [{"a": "x"}, {"a": 1}, {"b": 1}, [], "a"]),
    ({"properties": {"a": {"type": "string"}}, "additionalProperties": {"type": "integer"}}, [{"a": "x", "b": 1}, {"b": "x"}]),
    ({"properties": {"a": False, "b": True}}, [{}, {"a": 1}, {"b": 1}]),
    ({"items": False}, [[], [1], "x"]),
    ({"items": {"minimum": 0}}, [[0, 1], [-1], ["x", -1], []]),
    ({"anyOf": [{"type": "string"}, {"type": "integer", "minimum": 1}]}, ["x", 1, 0, 1.0, True, None]),
    ({"not": {"required": ["x"]}}, [{}, {"x": 1}, [], "x"]),
    ({"dependentSchemas": {"a": {"required": ["b"]}}}, [{}, {"a": 1}, {"a": 1, "b": 2}, {"b": 2}, ["a"]]),
    ({"type": "object", "properties": {"kids": {"type": "array", "items": {"$ref": "#"}}}, "additionalProperties": False},
     [{}, {"kids": [{}, {"kids": [{}]}]}, {"kids": [{"kids": [{"x": 1}]}]}, {"kids": [1]}]),
    ({"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"type": "string"}, "c~/d": {"minimum": 2}},
      "properties": {"x": {"$ref": "#/$defs/a"}, "y": {"$ref": "#/$defs/c~0~1d"}}},
     [{"x": "s"}, {"x": 1}, {"y": 2}, {"y": 1}]),
    (True, [1, None]),
    (False, [1, None]),
]


@pytest.mark.parametrize("schema, instances", TRICKY, ids=lambda v: str(v)[:40] if isinstance(v, dict) else None)
def test_json_schema_semantics(schema, instances):
    predicate = compile_schema(schema)
    reference = validator_class()(schema)
    assert [predicate(i) for i in instances] == [reference.is_valid(i) for i in instances]


@pytest.mark.parametrize(
    "schema",
    [
        {"type": "string", "maxLength": 3},
        {"properties": {"a": {"format": "date"}}},
        {"$defs": {"unused": {"if": {"type": "string"}}}},
        {"items": {"prefixItems": [{"type": "string"}]}},
        {"$ref": "other.json#/$defs/a"},
        {"$ref": "#/$defs/missing"},
        {"properties": {"a": {"$id": "https://example.invalid/a", "type": "string"}}},
        {"type": "text"},
        {"anyOf": []},
        {"properties": {"a": "string"}},
    ],
)
def test_what_the_compiler_cannot_honour_is_refused(schema):
    with pytest.raises(UnsupportedSchema):
        compile_schema(schema)


def test_the_real_schema_compiles():
    assert compile_schema(load_schema())({"nama": "N", "pelaksana": ["A"], "langkah": [{"kegiatan": "K"}]})


def test_valid_files_are_checked_without_importing_jsonschema():
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "import katalog_sop.check\n"
        "from katalog_sop import schema\n"
        "from katalog_sop.source import load_file\n"
        f"for path in sorted(Path({str(REPO / 'tests' / 'examples' / 'valid')!r}).glob('*.yaml')):\n"
        "    assert schema.validate(load_file(path, path.name)[0]) == [], path\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('jsonschema', 'referencing')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
