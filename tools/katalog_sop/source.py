"""Source stage: read one SOP file into plain data that remembers every position.

This is the only stage that reads SOP files. It never raises for anything a
user can write: an unreadable file, bytes that are not UTF-8, a YAML syntax
error, a duplicate key, an alias bomb, an over-large file, an empty file or a
top level that is not a mapping each become one :class:`Problem` with a
position. It only ever reads regular files: a FIFO or a device named
``x.yaml`` is refused, never opened for reading (it could block forever or
never end).

YAML is read with the safe C loader where libyaml is present, but scalars are
typed by the YAML 1.2 core schema (as editors using yaml-language-server do),
not PyYAML's YAML 1.1 rules: ``no``, ``Ya``, ``on`` stay text, ``067`` is not
an octal number and ``2024-10-08`` is not turned into a date object. Keys are
always the text the author wrote.
"""

from __future__ import annotations

import errno
import hashlib
import math
import os
import re
import stat
from dataclasses import dataclass, field

import yaml

from katalog_sop.problem import Location, Problem, error, format_json_path

MAX_BYTES = 1024 * 1024
"""A real SOP is a few kilobytes; anything over a mebibyte is not an SOP."""

MAX_NODES = 50_000
"""Nodes after aliases are expanded: stops "billion laughs" documents."""

MAX_DEPTH = 64

CODE_FILE = "file"
CODE_YAML = "yaml"

NodePath = tuple  # keys (str) and list indices (int) from the root to a node

_ScalarNode, _SequenceNode, _MappingNode = yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode


@dataclass(frozen=True)
class Positions:
    """1-based (line, column) of every value, and of every mapping key."""

    values: dict = field(default_factory=dict)
    keys: dict = field(default_factory=dict)

    def of_value(self, path: NodePath) -> tuple[int, int]:
        """Position of the node at ``path``, or of its nearest ancestor that exists."""
        path = tuple(path)
        while path not in self.values and path:
            path = path[:-1]
        return self.values.get(path, (1, 1))

    def of_key(self, path: NodePath) -> tuple[int, int]:
        """Position of the key that names ``path`` (for unknown or duplicate keys)."""
        path = tuple(path)
        if path in self.keys:
            return self.keys[path]
        return self.of_value(path)


@dataclass(frozen=True)
class Document:
    """One SOP file read as plain data (dict/list/str/int/float/bool/None)."""

    path: str
    data: dict
    positions: Positions
    digest: str = ""
    """The SHA-256 of the text parsed: what the document holds, for caches keyed by content."""

    def location(self, json_path: NodePath = (), *, at_key: bool = False) -> Location:
        json_path = tuple(json_path)
        found = None if at_key else self.positions.values.get(json_path)  # nearly every call: a node that exists
        if found is None:
            found = (self.positions.of_key if at_key else self.positions.of_value)(json_path)
        return Location(self.path, found[0], found[1], format_json_path(json_path))


_KINDS = (
    (stat.S_ISDIR, "folder"),
    (stat.S_ISFIFO, "pipa bernama (FIFO)"),
    (stat.S_ISCHR, "perangkat"),
    (stat.S_ISBLK, "perangkat"),
    (stat.S_ISSOCK, "soket"),
)

# Opening a FIFO for reading waits for a writer, unless non-blocking; a
# terminal must not become this process's controlling terminal.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)


def not_regular(mode: int) -> str | None:
    """What a file of ``mode`` is, in words, when it is not a regular file; ``None`` when it is."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _KINDS if test(mode)), "bukan berkas data")


def read_source(file: os.PathLike[str] | str) -> bytes:
    """The first ``MAX_BYTES + 1`` bytes of a regular file; :class:`OSError` for anything else.

    The kind is checked before opening (opening some devices acts on them) and
    again on the opened file, in case it was replaced in between.
    """
    _refuse_unless_regular(os.stat(file).st_mode, file)
    with open(os.open(file, _OPEN_FLAGS), "rb") as handle:
        _refuse_unless_regular(os.fstat(handle.fileno()).st_mode, file)
        return handle.read(MAX_BYTES + 1)


def _refuse_unless_regular(mode: int, file) -> None:
    kind = not_regular(mode)
    if kind is not None:
        raise OSError(errno.EINVAL, f"bukan berkas biasa, melainkan {kind}", os.fspath(file))


def load_file(file: os.PathLike[str] | str, display: str) -> tuple[Document | None, list[Problem]]:
    """Read and parse ``file``; problems are reported under the name ``display``."""
    try:
        raw = read_source(file)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return None, [error(Location(display), CODE_FILE, f"berkas tidak dapat dibaca: {reason}")]
    return load_bytes(raw, display)


def load_bytes(raw: bytes, display: str) -> tuple[Document | None, list[Problem]]:
    """Decode and parse the contents of a file (from disk or from a git revision)."""
    if len(raw) > MAX_BYTES:
        return None, [
            error(
                Location(display),
                CODE_FILE,
                f"berkas terlalu besar (lebih dari {MAX_BYTES // 1024} KiB); satu SOP hanya beberapa KiB",
            )
        ]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start].decode("utf-8").removeprefix("\ufeff")  # valid up to the bad byte
        line, column = _at_offset(before, len(before))
        return None, [
            error(
                Location(display, line, column),
                CODE_FILE,
                f"berkas bukan teks UTF-8 (bita 0x{raw[exc.start]:02x} tidak sah); simpan ulang sebagai UTF-8",
            )
        ]
    return parse_text(text.removeprefix("\ufeff"), display)


def parse_text(text: str, display: str) -> tuple[Document | None, list[Problem]]:
    """Parse YAML ``text`` into a :class:`Document` (or ``None`` and why not)."""
    if not any(odd in text for odd in _ODD_BREAKS):
        return _parse(text, display)
    swap = _Swap(text)
    document, problems = _parse(text.translate(swap.hide), display)
    return swap.restore(document, problems)


def _parse(text: str, display: str) -> tuple[Document | None, list[Problem]]:
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
    except yaml.YAMLError as exc:
        return None, [_syntax_problem(exc, display, text)]
    finally:
        loader.dispose()
    if root is None or (isinstance(root, yaml.ScalarNode) and root.tag == _NULL):
        return None, [error(Location(display), CODE_YAML, "berkas kosong: tidak ada isi SOP")]
    if not isinstance(root, yaml.MappingNode):
        kind = "daftar" if isinstance(root, yaml.SequenceNode) else "satu nilai"
        line, column = _mark(root.start_mark)
        return None, [
            error(
                Location(display, line, column, "$"),
                CODE_YAML,
                f"isi berkas harus berupa pemetaan (kunci: nilai), bukan {kind}",
            )
        ]
    builder = _Builder(display)
    try:
        data = builder.convert(root, (), 0)
    except _Abort as abort:
        return None, builder.problems + [abort.problem]
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return Document(display, data, Positions(builder.values, builder.keys), digest), builder.problems


# --- line breaks as editors see them ---------------------------------------------------

_ODD_BREAKS = "\u2028\u2029\x85"
"""Line breaks to PyYAML (YAML 1.1), ordinary characters to YAML 1.2 and to editors."""

_BREAK = re.compile(r"\r\n|\r|\n")
"""The line breaks of YAML 1.2 and of editors."""

_STAND_INS = (range(0xE000, 0xF900), range(0xF0000, 0xFFFFE), range(0x100000, 0x10FFFE))
"""Private-use characters: printable to YAML, meaningless to it, and (mostly) absent from SOPs."""


class _Swap:
    """The odd breaks of one text swapped for characters it does not use, and back.

    Swapped before parsing, PyYAML reads them as YAML 1.2 does: as ordinary
    characters, which changes neither a value's meaning nor any position.
    Every string that comes out is swapped back, so the author's characters
    are kept exactly as written.
    """

    def __init__(self, text: str):
        used = set(text)
        free = (chr(code) for codes in _STAND_INS for code in codes if chr(code) not in used)
        stand_ins = [next(free) for _ in _ODD_BREAKS]  # 1 MiB of text cannot use every one of them
        self.hide = str.maketrans(dict(zip(_ODD_BREAKS, stand_ins)))
        self.show = str.maketrans(dict(zip(stand_ins, _ODD_BREAKS)))

    def restore(self, document: Document | None, problems: list[Problem]) -> tuple[Document | None, list[Problem]]:
        problems = [self._problem(problem) for problem in problems]
        if document is None:
            return None, problems
        positions = Positions(
            {self._path(path): at for path, at in document.positions.values.items()},
            {self._path(path): at for path, at in document.positions.keys.items()},
        )
        return Document(document.path, self._value(document.data), positions, document.digest), problems

    def _value(self, value):
        if isinstance(value, str):
            return value.translate(self.show)
        if isinstance(value, dict):
            return {key.translate(self.show): self._value(item) for key, item in value.items()}
        if isinstance(value, list):
            return [self._value(item) for item in value]
        return value

    def _path(self, path: NodePath) -> NodePath:
        return tuple(part.translate(self.show) if isinstance(part, str) else part for part in path)

    def _problem(self, problem: Problem) -> Problem:
        loc = problem.location
        json_path = loc.json_path.translate(self.show) if loc.json_path else loc.json_path
        return problem._replace(location=loc._replace(json_path=json_path), message=problem.message.translate(self.show))


def _at_offset(text: str, index: int) -> tuple[int, int]:
    """The editor's (line, column) of character ``index`` of ``text``."""
    line, start = 1, 0
    for found in _BREAK.finditer(text, 0, index):
        line, start = line + 1, found.end()
    return line, index - start + 1


def _within(text: str, line: int, column: int) -> tuple[int, int]:
    """(line, column), moved back to the end of the last line when it lies past it.

    PyYAML puts the end of the stream on the line after the last line break,
    a line no editor shows.
    """
    breaks = list(_BREAK.finditer(text))
    lines = len(breaks) + (0 if breaks and breaks[-1].end() == len(text) else 1)
    if not text:
        return 1, 1
    if line <= lines:
        return line, column
    start = breaks[lines - 2].end() if lines >= 2 else 0
    end = breaks[lines - 1].start() if len(breaks) >= lines else len(text)
    return lines, end - start + 1


# --- YAML 1.2 core schema resolvers -------------------------------------------------

_NULL = "tag:yaml.org,2002:null"
_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_TAG_NAMES = {_BOOL: "boolean", _INT: "bilangan bulat", _FLOAT: "bilangan"}

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader whose implicit types follow the YAML 1.2 core schema."""

    # The composer calls these three for every node. PyYAML's own versions
    # serve path and wildcard resolvers, which this loader does not have
    # (checked below), and were a quarter of the time spent composing; these
    # give the same answers.

    def resolve(self, kind, value, implicit):
        if kind is _ScalarNode:
            if implicit[0]:
                for tag, regexp in _IMPLICIT.get(value[:1], ()):
                    if regexp.match(value):
                        return tag
            return _STR
        return _SEQ if kind is _SequenceNode else _MAP if kind is _MappingNode else None

    def descend_resolver(self, current_node, current_index):
        pass

    def ascend_resolver(self):
        pass


_Loader.yaml_implicit_resolvers = {}
_Loader.add_implicit_resolver(_NULL, re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])
_Loader.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
_Loader.add_implicit_resolver(_INT, re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789"))
_Loader.add_implicit_resolver(
    _FLOAT,
    re.compile(
        r"^(?:[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?[0-9]+[eE][-+]?[0-9]+"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+0123456789."),
)
_IMPLICIT = _Loader.yaml_implicit_resolvers
if None in _IMPLICIT or _Loader.yaml_path_resolvers:
    raise RuntimeError("_Loader.resolve handles neither wildcard nor path resolvers")


# --- node tree -> plain data ------------------------------------------------------------


class _Abort(Exception):
    def __init__(self, problem: Problem):
        super().__init__(problem.message)
        self.problem = problem


def _mark(mark) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


class _Builder:
    """Turns composed YAML nodes into plain data, recording positions as it goes.

    Scalar children are converted inline in the loops over their parent: a
    document is mostly scalars, and a call per node was most of the time this
    stage took. Every check still happens per node and in document order.
    """

    def __init__(self, display: str):
        self.display = display
        self.values: dict = {}
        self.keys: dict = {}
        self.problems: list[Problem] = []
        self._count = 0
        self._active: set[int] = set()

    def _location(self, node, path: NodePath) -> Location:
        line, column = _mark(node.start_mark)
        return Location(self.display, line, column, format_json_path(path))

    def convert(self, node, path: NodePath, depth: int):
        self._count += 1
        if self._count > MAX_NODES:
            raise _Abort(
                error(
                    self._location(node, path),
                    CODE_YAML,
                    f"dokumen terlalu besar setelah alias YAML diuraikan (lebih dari {MAX_NODES} simpul)",
                )
            )
        if depth > MAX_DEPTH:
            raise _Abort(
                error(self._location(node, path), CODE_YAML, f"struktur bersarang terlalu dalam (lebih dari {MAX_DEPTH} tingkat)")
            )
        self.values.setdefault(path, _mark(node.start_mark))
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, path)
        if id(node) in self._active:
            raise _Abort(error(self._location(node, path), CODE_YAML, "alias YAML merujuk ke dirinya sendiri"))
        self._active.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ:
                return self._sequence(node, path, depth)
            if isinstance(node, yaml.MappingNode) and node.tag == _MAP:
                return self._mapping(node, path, depth)
        finally:
            self._active.discard(id(node))
        raise _Abort(error(self._location(node, path), CODE_YAML, f"tag YAML tidak didukung: {_short_tag(node.tag)}"))

    # The loops below take the short way for a scalar child only where
    # convert() would do the same: within the node budget and the depth limit,
    # with a mark (the composer gives every node one). Each path is reached
    # once, so a value or key recorded already means a duplicate key.

    def _sequence(self, node, path: NodePath, depth: int) -> list:
        result: list = []
        values = self.values
        inline = depth + 1 <= MAX_DEPTH
        for index, item in enumerate(node.value):
            item_path = path + (index,)
            mark = item.start_mark
            if inline and item.__class__ is _ScalarNode and mark is not None and self._count < MAX_NODES:
                self._count += 1
                values[item_path] = (mark.line + 1, mark.column + 1)
                result.append(item.value if item.tag == _STR else self._scalar(item, item_path))
            else:
                result.append(self.convert(item, item_path, depth + 1))
        return result

    def _mapping(self, node, path: NodePath, depth: int) -> dict:
        result: dict = {}
        values, keys = self.values, self.keys
        inline = depth + 1 <= MAX_DEPTH
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Abort(
                    error(self._location(key_node, path), CODE_YAML, "kunci harus berupa teks, bukan daftar atau pemetaan")
                )
            key = key_node.value
            key_path = path + (key,)
            mark = key_node.start_mark
            key_pos = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
            if key_path in keys:
                self.problems.append(
                    error(
                        Location(self.display, *key_pos, format_json_path(key_path)),
                        CODE_YAML,
                        f"kunci ganda '{_quoted(key)}' (pertama di baris {keys[key_path][0]})",
                    )
                )
                continue
            keys[key_path] = key_pos
            mark = value_node.start_mark
            if inline and value_node.__class__ is _ScalarNode and mark is not None and self._count < MAX_NODES:
                self._count += 1
                values[key_path] = (mark.line + 1, mark.column + 1)
                result[key] = value_node.value if value_node.tag == _STR else self._scalar(value_node, key_path)
            else:
                result[key] = self.convert(value_node, key_path, depth + 1)
        return result

    def _scalar(self, node, path: NodePath):
        tag, value = node.tag, node.value
        try:
            if tag == _STR:
                return value
            if tag == _NULL:
                return None
            if tag == _BOOL:
                return value.lower() == "true"
            if tag == _INT:
                return int(value)
            if tag == _FLOAT:
                number = float(value)  # '.inf' and '.nan' fail here: JSON has no such numbers
                if not math.isfinite(number):
                    raise ValueError(value)
                return number
        except ValueError:
            raise _Abort(
                error(self._location(node, path), CODE_YAML, f"nilai '{_quoted(value)}' bukan {_TAG_NAMES.get(tag, tag)} yang sah")
            ) from None
        raise _Abort(error(self._location(node, path), CODE_YAML, f"tag YAML tidak didukung: {_short_tag(tag)}"))


def _quoted(text: str) -> str:
    """The author's text as quoted in a message: long enough to find, never a whole mebibyte."""
    return text if len(text) <= 60 else text[:57] + "..."


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


# --- syntax errors ----------------------------------------------------------------------------

_SYNTAX_HINTS = (
    ("mapping values are not allowed", "titik dua tidak boleh di sini; nilai yang memuat ': ' harus diberi tanda kutip"),
    ("tab character", "karakter tab tidak boleh dipakai untuk indentasi; pakai spasi"),
    ("found character '\\t'", "karakter tab tidak boleh dipakai untuk indentasi; pakai spasi"),
    ("found character that cannot start any token", "karakter ini tidak boleh mengawali nilai; beri tanda kutip"),
    ("could not find expected ':'", "tanda ':' yang diharapkan tidak ditemukan"),
    ("found undefined alias", "alias YAML tidak didefinisikan"),
    ("expected a single document", "berkas hanya boleh berisi satu dokumen YAML"),
    ("but found another document", "berkas hanya boleh berisi satu dokumen YAML"),
    ("found unexpected end of stream", "berkas berakhir sebelum tanda kutip atau kurung ditutup"),
    ("expected <block end>", "indentasi tidak konsisten"),
    ("did not find expected key", "indentasi tidak konsisten atau kunci hilang"),
    ("did not find expected '-' indicator", "indentasi butir daftar tidak konsisten"),
    ("found duplicate anchor", "anchor YAML ganda"),
    ("control characters are not allowed", "berkas memuat karakter kendali yang tidak boleh ada"),
)


def _syntax_problem(exc: yaml.YAMLError, display: str, text: str) -> Problem:
    if isinstance(exc, yaml.reader.ReaderError):
        return _reader_problem(exc, display, text)
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, column = _within(text, *_mark(mark))
    detail = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None) or ""
    text = f"{context} {detail}"
    for needle, hint in _SYNTAX_HINTS:
        if needle in text:
            return error(Location(display, line, column), CODE_YAML, f"sintaks YAML tidak sah: {hint} ({detail})")
    return error(Location(display, line, column), CODE_YAML, f"sintaks YAML tidak sah: {detail}")


def _reader_problem(exc: yaml.reader.ReaderError, display: str, text: str) -> Problem:
    """A character YAML does not allow, where it is: libyaml counts in UTF-8 bytes, PyYAML in characters."""
    index = int(exc.position)
    if _BaseLoader is not yaml.SafeLoader:
        index = len(text.encode("utf-8")[:index].decode("utf-8", "ignore"))
    code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
    return error(
        Location(display, *_at_offset(text, index)),
        CODE_YAML,
        f"sintaks YAML tidak sah: berkas memuat karakter kendali yang tidak boleh ada (U+{code:04X})",
    )
