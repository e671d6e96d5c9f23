"""Schema stage: check a :class:`Document`'s structure against ``schema/sop.schema.json``.

There is one schema, used alike by editors (through the yaml-language-server
modeline), by the CLI and by the site. Each JSON Schema error becomes a
:class:`Problem` with code ``schema`` at the node it concerns: a missing key at
its parent mapping, an unknown key at the key itself. Messages are in
Indonesian, for the people who write SOPs.

A valid document is recognised by :mod:`katalog_sop.schema_fast` alone;
``jsonschema`` is imported and run only for a document with errors, to name
them. Both read ``"type": "integer"`` as a whole number as written (see
:func:`is_whole_number`), so a step number never reaches the build stage as
``2.0`` or ``1e30``.
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


def schema_path(name: str = "sop.schema.json") -> Path:
    """A schema file (the SOP schema by default): packaged with an installed wheel, or in the source tree."""
    packaged = resources.files("katalog_sop").joinpath("data", name)
    if packaged.is_file():
        return Path(str(packaged))
    return _REPO_SCHEMA.with_name(name)


@lru_cache(maxsize=4)
def load_schema(name: str = "sop.schema.json") -> dict:
    with open(schema_path(name), encoding="utf-8") as handle:
        return json.load(handle)


def is_whole_number(value) -> bool:
    """What ``"type": "integer"`` means here: a whole number as written, not ``2.0`` nor ``1e30``.

    JSON Schema counts a float with no fraction as an integer. A YAML author
    who writes ``ke: 2.0`` has written a decimal, and ``1e30`` is no step
    number: both are refused here, where the position is known, instead of
    reaching the stages that count steps. :mod:`katalog_sop.schema_fast`
    uses the same test.
    """
    return isinstance(value, int) and not isinstance(value, bool)


@lru_cache(maxsize=1)
def validator_class() -> type[Draft202012Validator]:
    """Draft 2020-12, with integers as :func:`is_whole_number`."""
    # Imported here: jsonschema and referencing cost tens of milliseconds at
    # start-up, and a catalogue without errors never needs them.
    from jsonschema import Draft202012Validator, validators

    checker = Draft202012Validator.TYPE_CHECKER.redefine("integer", lambda _, value: is_whole_number(value))
    return validators.extend(Draft202012Validator, type_checker=checker)


@lru_cache(maxsize=4)
def validator(name: str = "sop.schema.json") -> Draft202012Validator:
    """The validator that explains the errors of a document against a schema (the SOP schema by default)."""
    return validator_class()(load_schema(name))


def validate(document: Document) -> list[Problem]:
    """Every structural problem of ``document``; an empty list when it is valid."""
    if is_valid(document.data):
        return []
    return explain(validator(), document)


def explain(checker: Draft202012Validator, document: Document) -> list[Problem]:
    """Every error of ``document`` against the schema of ``checker``, as problems at their nodes."""
    problems: list[Problem] = []
    for err in checker.iter_errors(document.data):
        problems.extend(_explain(_specific(err), document, checker.schema))
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

LOGO_PATTERN = r"^(?:[A-Za-z0-9_-][A-Za-z0-9_.-]*/)*[A-Za-z0-9_-][A-Za-z0-9_.-]*\.(?:png|jpe?g|gif|svg|webp|PNG|JPE?G|GIF|SVG|WEBP)$(?!\n)"
"""``kop.logo``'s pattern, as the schema has it: a relative path in docs/, so never a URL of any scheme, a ``..``
segment or a hidden name. ``$(?!\n)``: Python's ``$`` also matches before a final line break, ECMAScript's does not."""

_PATTERN_MESSAGES = {
    "\\S": "tidak boleh kosong",
    "^[A-Za-z][A-Za-z0-9_.-]*$": "id harus diawali huruf dan hanya berisi huruf, angka, '_', '.' atau '-'",
    LOGO_PATTERN: (
        "logo harus berupa path berkas gambar (.png, .jpg, .jpeg, .gif, .svg atau .webp) relatif terhadap folder "
        "docs/, misalnya 'gambar/logo-kabupaten.png': hanya huruf, angka, '_', '-' dan '.' dengan '/' sebagai "
        "pemisah folder; bukan alamat web, tanpa '/' di awal dan tanpa '..'"
    ),
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


def _explain(err: ValidationError, document: Document, root: dict):
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
        found = "bilangan desimal" if isinstance(instance, float) else _TYPE_NAMES[_type_of(instance)]
        yield error(here, CODE, f"harus berupa {_expected_types(err, root)}, bukan {found}")
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
        allowed = ", ".join("kosong" if choice is None else str(choice) for choice in err.validator_value)
        guess = difflib.get_close_matches(str(instance), [str(c) for c in err.validator_value], n=1, cutoff=0.6)
        hint = f"; mungkin maksudnya '{guess[0]}'?" if guess else ""
        yield error(here, CODE, f"'{instance}' tidak dikenal; pilih salah satu: {allowed}{hint}")
        return
    if kind == "minimum":
        yield error(here, CODE, f"harus sedikitnya {err.validator_value}")
        return
    yield error(here, CODE, err.message)


def _expected_types(err: ValidationError, root: dict) -> str:
    names: list[str] = []

    def collect(schema: dict) -> None:
        if "$ref" in schema:
            schema = _resolve(schema["$ref"], root)
        kinds = schema.get("type")
        for kind in [kinds] if isinstance(kinds, str) else kinds or []:
            name = _TYPE_NAMES[kind]
            if kind == "array" and isinstance(schema.get("items"), dict):
                inner = schema["items"]
                inner = _resolve(inner["$ref"], root) if "$ref" in inner else inner
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


def _resolve(ref: str, root: dict) -> dict:
    node = root
    for part in ref.removeprefix("#/").split("/"):
        node = node[part]
    return node
