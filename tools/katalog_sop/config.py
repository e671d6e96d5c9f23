"""Configuration of the compliance rules: one typed value for the CLI and the MkDocs plugin.

The same mapping is read from a standalone file (``katalog-sop.yml``, the
CLI's default, or ``--config``) or from the plugin's options in
``mkdocs.yml``::

    rules:
      SOPAP-W03: {severity: info, periode_bulan: 6}   # severity and the rule's options
      SOPAP-K01: off                                    # or just a severity, or off
    profiles:
      - name: Pemerintah Kota Contoh
        sops: ["dinas-*/*"]                            # SOP ids this profile covers (glob)
        nomor: '^\\d{3}/[A-Z.]+/\\d{4}$'              # the agency's pattern for Nomor SOP
        required: [tanggal_revisi, disahkan_oleh.nip]   # fields the agency also requires
        formulir: {kegiatan: Uraian Prosedur, kelengkapan: Persyaratan/Kelengkapan}  # the agency's form labels
    kategori: [Kepegawaian, Keuangan, Persuratan]       # the catalogue's kinds of work; unset: any name
    evaluasi:                                           # the evaluation checklist; unset: the template
      pertanyaan: [{id: S1, kelompok: substansi, teks: Apakah SOP mudah dipahami?}]

``kategori`` is one list for the whole catalogue, as the agency that runs it
sets it (rule SOPAP-I14 warns of an SOP's kategori outside it).

A mistake in it is a :class:`ConfigError` naming the file, line and column:
an unknown rule id, option or key, a severity that does not exist, a pattern
that does not compile, or one whose matching could run for minutes (see
:func:`backtracking_hazard`), a kategori that is not text or is listed
twice. Nothing here prints or reads a file other than the configuration
itself.
"""

from __future__ import annotations

import dataclasses
import difflib
import fnmatch
import re
from collections.abc import Iterable, Mapping
from re import _constants as _sre  # private, but the very modules that compile every pattern (Python 3.11+)
from re import _parser as _sre_parser
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from katalog_sop.formulir import COLUMN_NUMBERS, STANDARD, refused_false
from katalog_sop.problem import Severity, shown_path
from katalog_sop.ditarik import RETIRED
from katalog_sop.monitoring.pertanyaan import TEMPLATE, Pertanyaan, parse_checklist

CONFIG_FILE = "katalog-sop.yml"
"""The CLI reads this file from the current folder when it exists (and no --config is given)."""

OFF = "off"
SEVERITIES = tuple(s.value for s in Severity) + (OFF,)

PROFILE_RULES = ("SOPAP-I11", "SOPAP-I12")
"""The rules that read the agency profiles (option ``profil``)."""

KATEGORI_RULES = ("SOPAP-I14",)
"""The rules that read the agency's list of kategori (option ``kategori``)."""

CONFIGURED_OPTIONS = {"profil": "profiles", "kategori": "kategori"}
"""Rule options the configuration fills from a key of its own (option -> key); never written under ``rules``."""

REQUIRABLE = (
    "nomor", "instansi", "unit", "kop", "kop.alamat", "kop.email", "kop.situs_web", "kop.logo",
    "tanggal_pembuatan", "tanggal_revisi", "tanggal_efektif",
    "disahkan_oleh", "disahkan_oleh.jabatan", "disahkan_oleh.nama", "disahkan_oleh.nip",
    "dasar_hukum", "kualifikasi_pelaksana", "keterkaitan", "peralatan_perlengkapan",
    "peringatan", "pencatatan_pendataan", "satuan_waktu", "revisi",
)
"""Fields a profile may require (the SOP source's keys; a dot reaches one level in)."""


class ConfigError(Exception):
    """The configuration cannot be used (exit code 2); the message names where."""


@dataclass(frozen=True)
class Profile:
    """What one agency requires beyond the regulation, for the SOPs whose id matches ``sops``."""

    name: str
    sops: tuple[str, ...] = ("*",)
    nomor: str | None = None
    required: tuple[str, ...] = ()
    formulir: Mapping[str, str | None] = field(default_factory=dict)
    """The agency's form labels (standard key -> printed label; ``None``: the column is left out)."""

    def covers(self, sop_id: str) -> bool:
        return any(fnmatch.fnmatchcase(sop_id, pattern) for pattern in self.sops)


@dataclass(frozen=True)
class RuleSetting:
    severity: str | None = None
    """``error``, ``warning``, ``info`` or ``off``; ``None`` keeps the rule's default."""
    options: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Config:
    rules: Mapping[str, RuleSetting] = field(default_factory=dict)
    profiles: tuple[Profile, ...] = ()
    source: str | None = None
    """Where the configuration was read from, for messages."""
    kategori: tuple[str, ...] = ()
    """The agency's kategori names, as listed (spacing tidied); empty: an SOP may name any kategori."""
    pertanyaan: tuple[Pertanyaan, ...] = ()
    """The evaluation checklist (``evaluasi: {pertanyaan: [...]}``); empty: the template of
    :mod:`katalog_sop.monitoring.pertanyaan`."""

    @property
    def checklist(self) -> tuple[Pertanyaan, ...]:
        return self.pertanyaan or TEMPLATE

    def formulir(self, sop_id: str) -> Mapping[str, str | None]:
        """The form labels of the first profile covering ``sop_id`` (the SOP's own ``formulir`` overrides them)."""
        return next((p.formulir for p in self.profiles if p.covers(sop_id) and p.formulir), {})

    def severity(self, rule_id: str, default: Severity) -> Severity | None:
        """The severity of ``rule_id`` here; ``None`` when it is switched off."""
        setting = self.rules.get(rule_id)
        if setting is None or setting.severity is None:
            return default
        return None if setting.severity == OFF else Severity(setting.severity)

    def options(self, rule_id: str) -> Mapping[str, Any]:
        setting = self.rules.get(rule_id)
        options = dict(setting.options) if setting else {}
        if rule_id in PROFILE_RULES and self.profiles:
            options["profil"] = self.profiles
        if rule_id in KATEGORI_RULES and self.kategori:
            options["kategori"] = self.kategori
        return options


DEFAULT = Config()


def load_config(path: str | Path) -> Config:
    """Read a standalone configuration file; raises :class:`ConfigError`."""
    from katalog_sop.source import load_file  # the SOP loader: positions, YAML 1.2 scalars, size limits

    shown = shown_path(Path(path).as_posix())
    if not Path(path).exists():
        raise ConfigError(f"{shown}: berkas konfigurasi tidak ditemukan")
    document, problems = load_file(path, shown)
    if document is None:
        if problems and "kosong" in problems[0].message:
            return dataclasses.replace(DEFAULT, source=shown)
        loc = problems[0].location
        raise ConfigError(f"{shown}:{loc.line}:{loc.column}: {problems[0].message}")
    if problems:
        loc = problems[0].location
        raise ConfigError(f"{shown}:{loc.line}:{loc.column}: {problems[0].message}")

    def where(path_parts: tuple, at_key: bool = False) -> str:
        loc = document.location(path_parts, at_key=at_key)
        return f"{shown}:{loc.line}:{loc.column}"

    return parse_config(document.data, where, source=shown)


def parse_config(data: Any, where=None, *, source: str | None = None) -> Config:
    """A :class:`Config` from plain data; ``where(path, at_key)`` names a node's position."""
    from katalog_sop.rules import RULES  # the registry: ids, options

    where = where or (lambda path, at_key=False: source or "konfigurasi")
    reader = _Reader(where, RULES)
    if data is None:
        return Config(source=source)
    reader.expect_mapping(data, ())
    reader.unknown_keys(data, (), ("rules", "profiles", "kategori", "evaluasi"))
    rules = {
        rule_id: reader.rule_setting(rule_id, value)
        for rule_id, value in reader.mapping(data.get("rules"), ("rules",)).items()
    }
    profiles = tuple(
        reader.profile(item, ("profiles", index))
        for index, item in enumerate(reader.sequence(data.get("profiles"), ("profiles",)))
    )
    kategori = reader.kategori(data.get("kategori"), ("kategori",))
    pertanyaan = parse_checklist(data.get("evaluasi"), ("evaluasi",), reader)
    return Config(MappingProxyType(rules), profiles, source, kategori, pertanyaan)


class _Reader:
    def __init__(self, where, registry):
        self.where = where
        self.registry = registry

    def fail(self, path: tuple, message: str, at_key: bool = False) -> ConfigError:
        return ConfigError(f"{self.where(path, at_key)}: {message}")

    def expect_mapping(self, value, path) -> None:
        if not isinstance(value, Mapping):
            raise self.fail(path, "harus berupa pemetaan (kunci: nilai)")

    def mapping(self, value, path) -> Mapping:
        if value is None:
            return {}
        self.expect_mapping(value, path)
        return value

    def sequence(self, value, path) -> list:
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail(path, "harus berupa daftar")
        return value

    def unknown_keys(self, value: Mapping, path: tuple, known: Iterable[str]) -> None:
        known = tuple(known)
        for key in value:
            if key not in known:
                hint = difflib.get_close_matches(str(key), known, n=1)
                suggestion = f"; mungkin maksudnya '{hint[0]}'" if hint else f"; yang dikenal: {', '.join(known)}"
                raise self.fail(path + (key,), f"kunci tidak dikenal '{key}'{suggestion}", at_key=True)

    def severity(self, value, path) -> str:
        if value is False:  # mkdocs.yml is read as YAML 1.1, where a bare `off` is false
            return OFF
        if not isinstance(value, str) or value not in SEVERITIES:
            raise self.fail(path, f"tingkat harus salah satu dari {', '.join(SEVERITIES)}, bukan {value!r}")
        return value

    def rule_setting(self, rule_id: str, value) -> RuleSetting:
        path = ("rules", rule_id)
        rule = self.registry.get(rule_id)
        if rule is None and rule_id in RETIRED:
            raise self.fail(path, f"aturan '{rule_id}' telah ditarik ({RETIRED[rule_id]}); hapus dari konfigurasi", at_key=True)
        if rule is None:
            hint = difflib.get_close_matches(str(rule_id), list(self.registry), n=1)
            suggestion = f"; mungkin maksudnya '{hint[0]}'" if hint else ""
            raise self.fail(path, f"aturan tidak dikenal '{rule_id}'{suggestion}", at_key=True)
        if not isinstance(value, Mapping):
            return RuleSetting(self.severity(value, path))
        options = {key: item for key, item in value.items() if key != "severity"}
        settable = [name for name in rule.defaults if name not in CONFIGURED_OPTIONS]
        self.unknown_keys(options, path, ["severity", *settable])
        for name, item in options.items():
            default = rule.defaults[name]
            if not _same_kind(item, default):
                raise self.fail(path + (name,), f"opsi '{name}' harus {_kind_name(default)}, seperti bawaannya {default!r}")
        severity = self.severity(value["severity"], path + ("severity",)) if "severity" in value else None
        return RuleSetting(severity, MappingProxyType({k: _freeze(v) for k, v in options.items()}))

    def profile(self, value, path) -> Profile:
        self.expect_mapping(value, path)
        self.unknown_keys(value, path, ("name", "sops", "nomor", "required", "formulir"))
        name = value.get("name")
        if not isinstance(name, str) or not name.strip():
            raise self.fail(path, "profil harus punya 'name' (nama instansi)")
        sops = value.get("sops", ["*"])
        if isinstance(sops, str):
            sops = [sops]
        if not isinstance(sops, list) or not sops or not all(isinstance(s, str) and s for s in sops):
            raise self.fail(path + ("sops",), "'sops' harus daftar pola id SOP, misalnya [\"dinas-*/*\"]")
        nomor = value.get("nomor")
        if nomor is not None:
            if not isinstance(nomor, str):
                raise self.fail(path + ("nomor",), "'nomor' harus pola (regex) teks")
            try:
                re.compile(nomor)
            except re.error as exc:
                raise self.fail(path + ("nomor",), f"pola nomor tidak sah: {exc}") from None
            hazard = backtracking_hazard(nomor)
            if hazard is not None:
                raise self.fail(path + ("nomor",), f"pola nomor dapat berjalan sangat lama: {hazard}")
        required = self.sequence(value.get("required"), path + ("required",))
        for index, item in enumerate(required):
            if item not in REQUIRABLE:
                hint = difflib.get_close_matches(str(item), REQUIRABLE, n=1)
                suggestion = f"; mungkin maksudnya '{hint[0]}'" if hint else ""
                raise self.fail(path + ("required", index), f"isian tidak dikenal '{item}'{suggestion}")
        return Profile(name.strip(), tuple(sops), nomor, tuple(required), self.formulir(value.get("formulir"), path + ("formulir",)))

    def kategori(self, value, path) -> tuple[str, ...]:
        names: dict[str, str] = {}  # casefolded -> as listed: "keuangan" and "Keuangan" are one kategori
        for index, item in enumerate(self.sequence(value, path)):
            if not isinstance(item, str) or not item.strip():
                raise self.fail(path + (index,), "nama kategori harus teks yang tidak kosong, misalnya Kepegawaian")
            name = " ".join(item.split())
            if name.casefold() in names:
                raise self.fail(path + (index,), f"kategori '{name}' sudah ada dalam daftar ('{names[name.casefold()]}')")
            names[name.casefold()] = name
        return tuple(names.values())

    def formulir(self, value, path) -> Mapping[str, str | None]:
        if value is None:
            return MappingProxyType({})
        labels = self.mapping(value, path)
        self.unknown_keys(labels, path, (*STANDARD, COLUMN_NUMBERS))
        for key, label in labels.items():
            if key == COLUMN_NUMBERS:
                if not isinstance(label, bool):
                    raise self.fail(path + (key,), f"'{COLUMN_NUMBERS}' harus true atau false")
                continue
            refused = refused_false(key, label)
            if refused:
                raise self.fail(path + (key,), refused)
            if label is not False and not (isinstance(label, str) and label.strip()):
                raise self.fail(path + (key,), "label harus teks, atau false untuk kolom yang tidak ada")
        return MappingProxyType({
            key: label if key == COLUMN_NUMBERS else (label.strip() if label else None) for key, label in labels.items()
        })


def _same_kind(value, default) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(value, bool) and isinstance(default, bool)
    if isinstance(default, (int, float)):
        return isinstance(value, (int, float)) and not (isinstance(default, int) and isinstance(value, float))
    if isinstance(default, (tuple, list)):
        return isinstance(value, (tuple, list)) and all(isinstance(v, str) for v in value)
    return isinstance(value, type(default))


def _kind_name(default) -> str:
    if isinstance(default, bool):
        return "true/false"
    if isinstance(default, int):
        return "bilangan bulat"
    if isinstance(default, float):
        return "bilangan"
    if isinstance(default, (tuple, list)):
        return "daftar teks"
    return "teks"


def _freeze(value):
    return tuple(value) if isinstance(value, list) else value


# --- patterns that backtrack ----------------------------------------------------------------------

# Python's re backtracks: a pattern such as (\d+)+ takes twice as long for
# every digit more of a nomor that does not match, and \d*\d*\d*\d*x took
# twenty seconds on 200 digits. Profiles come from files anyone can change in
# a pull request, so a pattern is judged before it is ever run, on the tree
# sre's own parser gives.

PATTERN_LENGTH = 500
"""A Nomor SOP pattern is a line; a longer one is refused before it is judged (judging grows with its length)."""

NOMOR_LENGTH = 200
"""The longest nomor that is matched (the rule reports longer ones unmatched); the estimate below assumes it."""

_BUDGET = 10**8
"""Steps a match may take on a nomor of :data:`NOMOR_LENGTH` characters: about a tenth of a second."""

_REPEATS = (_sre.MAX_REPEAT, _sre.MIN_REPEAT)
_CATEGORIES = {
    _sre.CATEGORY_DIGIT: re.compile(r"\d"), _sre.CATEGORY_NOT_DIGIT: re.compile(r"\D"),
    _sre.CATEGORY_SPACE: re.compile(r"\s"), _sre.CATEGORY_NOT_SPACE: re.compile(r"\S"),
    _sre.CATEGORY_WORD: re.compile(r"\w"), _sre.CATEGORY_NOT_WORD: re.compile(r"\W"),
}
_PROBES = "".join(map(chr, range(32, 127))) + "\n\t\u00a0\u00e9\u00df\u0663\u4e00"
"""Characters tried to see whether two parts of a pattern can match the same text (with the pattern's own)."""


def backtracking_hazard(pattern: str) -> str | None:
    """Why matching ``pattern`` could run for minutes, in Indonesian; ``None`` when it cannot.

    Two shapes make a backtracking matcher slow. A repeated part that can
    match one text in several ways (``(\\d+)+``, ``(a|ab)*``, ``(\\d?){30}``)
    is exponential: refused outright. Several variable parts in a row that
    can take the same characters (``\\d*\\d*\\d*``, or ``[A-Z/]+/[A-Z/]+/...``
    whose separator the classes also take) are polynomial: the steps on a
    nomor of :data:`NOMOR_LENGTH` characters are estimated as that length to
    the power of the long parts, plus one, times the choices of the short
    ones, and refused past :data:`_BUDGET`. Possessive parts and atomic
    groups (``\\d*+``, ``(?>...)``) never give back, so they compete with
    nothing. The judgement errs on the side of refusing.
    """
    if len(pattern) > PATTERN_LENGTH:
        return f"pola lebih dari {PATTERN_LENGTH} karakter; pola nomor SOP cukup satu baris pendek"
    tree = _sre_parser.parse(pattern)
    # "(?i" anywhere, even a local (?i:...), makes every comparison ignore case: that only widens.
    judge = _Judge(pattern, bool(tree.state.flags & re.IGNORECASE) or "(?i" in pattern)
    try:
        judge.sequence(list(tree), [])
    except _Hazard as hazard:
        return str(hazard)
    return None


class _Hazard(Exception):
    pass


class _Judge:
    def __init__(self, pattern: str, ignore_case: bool):
        self.ignore_case = ignore_case
        self.probes = sorted(set(_PROBES + pattern))

    def sequence(self, items: list, run: list) -> list:
        """Judge ``items`` in order; ``run`` holds the variable parts still competing (``(matcher, size)``)."""
        for op, av in items:
            if op in _REPEATS:
                run = self.repeat(*av, run)
            elif op is _sre.POSSESSIVE_REPEAT:
                self.sequence(list(av[2]), [])
                run = []
            elif op is _sre.SUBPATTERN:
                run = self.sequence(list(av[3]), run)
            elif op is _sre.ATOMIC_GROUP:
                self.sequence(list(av), [])
                run = []
            elif op is _sre.BRANCH:
                run = max((self.sequence(list(branch), list(run)) for branch in av[1]), key=len)
            elif op is _sre.GROUPREF_EXISTS:
                run = max((self.sequence(list(branch), list(run)) for branch in av[1:] if branch), key=len)
            elif op in (_sre.ASSERT, _sre.ASSERT_NOT):
                self.sequence(list(av[1]), [])
            elif op is _sre.AT:
                continue
            elif op is _sre.GROUPREF:
                run = self.compete(run, None, NOMOR_LENGTH)
            else:  # one character: a separator, unless the competing parts can take it too
                matcher = (op, av)
                if not any(self.overlap(matcher, other) for other, _ in run):
                    run = []
        return run

    def repeat(self, low: int, high: int, body, run: list) -> list:
        low_width, high_width = body.getwidth()
        if high > 1 and (low_width != high_width or self.ambiguous_branch(list(body))):
            raise _Hazard(
                "bagian yang diulang dapat cocok dengan teks yang sama lebih dari satu cara (pengulang bersarang, "
                "misalnya (\\d+)+ atau (a|ab)*); tulis tanpa pengulang di dalam pengulang, misalnya [A-Z.]+ "
                "sebagai ganti (?:[A-Z]+\\.)+"
            )
        self.sequence(list(body), [])
        if low == high:  # a fixed count: as many separators
            return self.sequence(list(body), run) if low else run
        size = NOMOR_LENGTH if high - low >= NOMOR_LENGTH or high == _sre.MAXREPEAT else high - low + 1
        return self.compete(run, self.single(list(body)), size)

    def compete(self, run: list, matcher, size: int) -> list:
        """Add a variable part to ``run``; refuse when it and the parts it competes with cost too much."""
        rivals = [(other, other_size) for other, other_size in run if self.overlap(matcher, other)]
        steps = NOMOR_LENGTH  # the search tries every start
        for _, rival_size in rivals + [(matcher, size)]:
            steps *= rival_size
        if steps > _BUDGET:
            raise _Hazard(
                f"{len(rivals) + 1} bagian berturut-turut yang panjangnya berubah-ubah dapat mengambil karakter "
                f"yang sama (misalnya \\d*\\d*\\d*); pisahkan dengan karakter yang tidak diambil bagian-bagian itu, "
                f"atau gabungkan menjadi satu"
            )
        return run + [(matcher, size)]

    def ambiguous_branch(self, items: list) -> bool:
        """Whether a branch in ``items`` has two ways that can start on the same character."""
        for op, av in items:
            if op is _sre.BRANCH:
                starts = [self.first(list(branch)) for branch in av[1]]
                if any(self.overlap(one, two) for index, one in enumerate(starts) for two in starts[index + 1 :]):
                    return True
                if any(self.ambiguous_branch(list(branch)) for branch in av[1]):
                    return True
            elif op is _sre.SUBPATTERN and self.ambiguous_branch(list(av[3])):
                return True
        return False

    def first(self, items: list):
        """The matcher of the first character ``items`` must match; ``None`` (anything) when unknown."""
        items = [item for item in items if item[0] is not _sre.AT]
        if not items:
            return None
        op, av = items[0]
        if op is _sre.SUBPATTERN:
            return self.first(list(av[3]))
        if op in _REPEATS + (_sre.POSSESSIVE_REPEAT,):
            return self.first(list(av[2])) if av[0] >= 1 else None
        return self.single(items[:1])

    def single(self, items: list):
        """The one-character matcher ``items`` amount to; ``None`` (matches anything) when they are more."""
        while len(items) == 1 and items[0][0] is _sre.SUBPATTERN:
            items = list(items[0][1][3])
        if len(items) == 1 and items[0][0] in (_sre.LITERAL, _sre.NOT_LITERAL, _sre.IN, _sre.ANY):
            return items[0]
        return None

    def overlap(self, one, two) -> bool:
        if one is None or two is None:
            return True
        return any(self.accepts(one, char) and self.accepts(two, char) for char in self.probes)

    def accepts(self, matcher, char: str) -> bool:
        variants = {char, char.lower(), char.upper()} if self.ignore_case else {char}
        return any(_accepts(matcher, variant) for variant in variants)


def _accepts(matcher, char: str) -> bool:
    op, av = matcher
    code = ord(char)
    if op is _sre.LITERAL:
        return code == av
    if op is _sre.NOT_LITERAL:
        return code != av
    if op is _sre.ANY:
        return True  # also "\n": as if DOTALL, which only widens
    negate = False
    found = False
    for item_op, item in av:
        if item_op is _sre.NEGATE:
            negate = True
        elif item_op is _sre.LITERAL:
            found = found or code == item
        elif item_op is _sre.RANGE:
            found = found or item[0] <= code <= item[1]
        elif item_op is _sre.CATEGORY:
            found = found or item not in _CATEGORIES or bool(_CATEGORIES[item].match(char))
        else:
            found = True  # a set item not known here: assume it matches
    return found != negate
