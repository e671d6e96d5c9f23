"""Schema stage: check a :class:`Document`'s structure against ``schema/sop.schema.json``.

There is one schema, used alike by editors (through the yaml-language-server
modeline), by the CLI and by the site. Each JSON Schema error becomes a
:class:`Problem` with code ``schema`` at the node it concerns: a missing key at
its parent mapping, an unknown key at the key itself. Messages are in
Indonesian, for the people who write SOPs.

A valid document is recognised by :mod:`katalog_sop.schema_fast` alone;
``jsonschema`` is imported and run only for a document with errors, to name
them.
"""

from __future__ import annotations

import difflib
import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from katalog_sop.problem import Problem, error
from katalog_sop.schema_fast import is_valid
from katalog_sop.source import Document

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

CODE = "schema"

_REPO_SCHEMA = Path(__file__).resolve().parents[2] / "schema" / "sop.schema.json"


def schema_path() -> Path:
    """The schema file: packaged with an installed wheel, or in the source tree."""
    packaged = resources.files("katalog_sop").joinpath("data", "sop.schema.json")
    if packaged.is_file():
        return Path(str(packaged))
    return _REPO_SCHEMA


@lru_cache(maxsize=1)
def load_schema() -> dict:
    with open(schema_path(), encoding="utf-8") as handle:
        return json.load(handle)


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    # Imported here: jsonschema and referencing cost tens of milliseconds at
    # start-up, and a catalogue without errors never needs them.
    from jsonschema import Draft202012Validator

    return Draft202012Validator(load_schema())


def validate(document: Document) -> list[Problem]:
    """Every structural problem of ``document``; an empty list when it is valid."""
    if is_valid(document.data):
        return []
    problems: list[Problem] = []
    for err in _validator().iter_errors(document.data):
        problems.extend(_explain(_specific(err), document))
    return problems


_TYPE_NAMES = {
    "string": "teks",
    "integer": "bilangan bulat",
    "number": "bilangan",
    "null": "kosong",
    "array": "daftar",
    "object": "pemetaan (kunci: nilai)",
    "boolean": "true/false",
}

_PATTERN_MESSAGES = {
    "\\S": "tidak boleh kosong",
    "^[A-Za-z][A-Za-z0-9_.-]*$": "id harus diawali huruf dan hanya berisi huruf, angka, '_', '.' atau '-'",
}


def _type_of(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def _specific(err: ValidationError) -> ValidationError:
    """Descend through ``anyOf`` to the branch the author evidently meant.

    A branch that failed only because the value has another type is not the
    one meant; among the rest, the deepest error says the most. When every
    branch failed on type alone, the ``anyOf`` error itself is kept and
    explained as "must be one of these types".
    """
    while err.validator in ("anyOf", "oneOf") and err.context:
        meant = [
            sub
            for sub in err.context
            if not (sub.validator == "type" and not sub.relative_path)
        ]
        if not meant:
            return err
        err = max(meant, key=lambda sub: len(sub.relative_path))
    return err


def _explain(err: ValidationError, document: Document):
    path = tuple(err.absolute_path)
    here = document.location(path)
    kind = err.validator
    instance = err.instance

    if kind == "required":
        for name in err.validator_value:
            if isinstance(instance, dict) and name not in instance:
                yield error(here, CODE, f"kunci wajib '{name}' tidak ada")
        return
    if kind == "additionalProperties":
        known = sorted(err.schema.get("properties", {}))
        for name in instance:
            if name not in known:
                guess = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
                hint = f"; mungkin maksudnya '{guess[0]}'?" if guess else f"; kunci yang dikenal: {', '.join(known)}"
                yield error(document.location(path + (name,), at_key=True), CODE, f"kunci tidak dikenal '{name}'{hint}")
        return
    if kind in ("type", "anyOf", "oneOf"):
        yield error(here, CODE, f"harus berupa {_expected_types(err)}, bukan {_TYPE_NAMES[_type_of(instance)]}")
        return
    if kind == "not" and list(err.validator_value) == ["required"]:
        # dependentSchemas: {trigger: {not: {required: [name]}}}
        trigger = err.schema_path[-2] if "dependentSchemas" in err.schema_path else None
        for name in err.validator_value["required"]:
            together = f" bersama '{trigger}'" if trigger else ""
            yield error(document.location(path + (name,), at_key=True), CODE, f"kunci '{name}' tidak boleh dipakai{together}")
        return
    if kind == "pattern":
        message = _PATTERN_MESSAGES.get(err.validator_value, f"tidak sesuai pola {err.validator_value}")
        yield error(here, CODE, message)
        return
    if kind == "minItems":
        count = len(instance)
        if err.validator_value == 1:
            yield error(here, CODE, "daftar tidak boleh kosong")
        else:
            yield error(here, CODE, f"harus berisi sedikitnya {err.validator_value} butir, baru {count}")
        return
    if kind == "uniqueItems":
        yield error(here, CODE, "butir daftar tidak boleh ganda")
        return
    if kind == "enum":
        allowed = ", ".join(str(choice) for choice in err.validator_value)
        guess = difflib.get_close_matches(str(instance), [str(c) for c in err.validator_value], n=1, cutoff=0.6)
        hint = f"; mungkin maksudnya '{guess[0]}'?" if guess else ""
        yield error(here, CODE, f"'{instance}' tidak dikenal; pilih salah satu: {allowed}{hint}")
        return
    if kind == "minimum":
        yield error(here, CODE, f"harus sedikitnya {err.validator_value}")
        return
    yield error(here, CODE, err.message)


def _expected_types(err: ValidationError) -> str:
    names: list[str] = []

    def collect(schema: dict) -> None:
        if "$ref" in schema:
            schema = _resolve(schema["$ref"])
        kinds = schema.get("type")
        for kind in [kinds] if isinstance(kinds, str) else kinds or []:
            name = _TYPE_NAMES[kind]
            if kind == "array" and isinstance(schema.get("items"), dict):
                inner = schema["items"]
                inner = _resolve(inner["$ref"]) if "$ref" in inner else inner
                if inner.get("type") == "string":
                    name = "daftar teks"
            if name not in names:
                names.append(name)
        for branch in schema.get("anyOf", []) + schema.get("oneOf", []):
            collect(branch)

    collect(err.schema)
    if len(names) <= 1:
        return names[0] if names else "nilai lain"
    return ", ".join(names[:-1]) + " atau " + names[-1]


def _resolve(ref: str) -> dict:
    node = load_schema()
    for part in ref.removeprefix("#/").split("/"):
        node = node[part]
    return node
