"""Import stage, the draft as YAML text: block style, the author's order, a ``# PERIKSA`` comment
on every line a person must check, and the ``catatan_sumber`` that says what was not read.

The text is then checked as any SOP file is; a value that would make the
file structurally invalid is left out and marked instead, so that every
draft opens in the catalogue and ``sop check`` reports only the agency's
findings.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from katalog_sop.check import SourceFile, check_file

MAX_PASSES = 8


def _scalar(value) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return "null"
    text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=1 << 30)
    text = text.removesuffix("\n...\n").removesuffix("\n")
    if "\n" in text:  # a text with line breaks: quoted on one line
        text = '"' + str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
    return text


def _comment(reasons: list[str]) -> str:
    if not reasons:
        return ""
    text = "; ".join(dict.fromkeys(reasons))
    return "  # PERIKSA: " + re.sub(r"[\x00-\x1f\x7f]", " ", text)


def _emit(value, path: tuple, indent: int, notes: dict, out: list[str], first_prefix: str | None = None) -> None:
    """Block YAML for ``value`` at ``path``; ``first_prefix`` is what starts its first line ("- ")."""
    pad = " " * indent
    if isinstance(value, dict):
        for index, (key, item) in enumerate(value.items()):
            lead = (first_prefix if index == 0 and first_prefix is not None else pad) + f"{key}:"
            note = _comment(notes.get(path + (key,), []))
            if isinstance(item, (dict, list)) and item:
                out.append(lead + note)
                _emit(item, path + (key,), indent + 2, notes, out)
            else:
                out.append(f"{lead} {_scalar(item) if not isinstance(item, (dict, list)) else ('{}' if isinstance(item, dict) else '[]')}{note}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            note = _comment(notes.get(path + (index,), []))
            if isinstance(item, dict) and item:
                start = len(out)
                _emit(item, path + (index,), indent + 2, notes, out, first_prefix=pad + "- ")
                out[start] += note
            elif isinstance(item, list) and item:
                out.append(pad + "-" + note)
                _emit(item, path + (index,), indent + 2, notes, out)
            else:
                out.append(f"{pad}- {_scalar(item) if not isinstance(item, (dict, list)) else '[]'}{note}")


def to_yaml(data: dict, checks: list[tuple[tuple, str]], schema_ref: str) -> str:
    notes: dict[tuple, list[str]] = {}
    for path, reason in checks:
        notes.setdefault(tuple(path), []).append(reason)
    out = [f"# yaml-language-server: $schema={schema_ref}"]
    out.append("# Draf hasil `sop import`: periksa setiap baris bertanda PERIKSA, lalu hapus tandanya.")
    for key, value in data.items():
        block: list[str] = []
        _emit({key: value}, (), 0, notes, block)
        if key in ("formulir", "pelaksana", "langkah", "catatan_sumber", "dasar_hukum"):
            out.append("")
        out += block
    return "\n".join(out) + "\n"


def _path_of(json_path: str | None) -> tuple | None:
    if not json_path or not json_path.startswith("$"):
        return None
    parts: list = []
    for name, index in re.findall(r"\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]", json_path[1:]):
        parts.append(name if name else int(index))
    return tuple(parts)


def _drop(data, path: tuple) -> bool:
    """Remove the value at ``path`` (its last key or item); whether there was one."""
    node = data
    for part in path[:-1]:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return False
    last = path[-1] if path else None
    if isinstance(node, dict) and last in node and last not in ("kegiatan", "nama"):
        del node[last]
        return True
    if isinstance(node, list) and isinstance(last, int) and last < len(node):
        node.pop(last)
        return True
    return False


def valid_yaml(data: dict, checks: list, notes: list[str], schema_ref: str, name: str) -> str:
    """The draft as YAML text with no structural error: values the checker refuses are left out, each
    said in ``notes`` (the checker's message, where it stood)."""
    for _ in range(MAX_PASSES):
        text = to_yaml(data, checks, schema_ref)
        result = check_file(SourceFile(Path(name), name, Path(name).stem), text.encode("utf-8"))
        errors = [p for p in result.problems if p.is_error]
        if not errors:
            return text
        changed = False
        found = {(_path_of(p.location.json_path), p.location.json_path, p.message) for p in errors}
        # the deepest and latest first, so that removing one never moves another
        for path, where, message in sorted((f for f in found if f[0]), key=lambda f: [(0, x) if isinstance(x, int) else (1, str(x)) for x in f[0]], reverse=True):
            if _drop(data, path):
                notes.append(f"{where}: dihapus dari draf karena {message}")
                changed = True
        if not changed:
            break
    text = to_yaml(data, checks, schema_ref)
    return text
