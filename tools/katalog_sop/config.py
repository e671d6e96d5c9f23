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

A mistake in it is a :class:`ConfigError` naming the file, line and column:
an unknown rule id, option or key, a severity that does not exist, a pattern
that does not compile. Nothing here prints or reads a file other than the
configuration itself.
"""

from __future__ import annotations

import dataclasses
import difflib
import fnmatch
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from katalog_sop.problem import Severity

CONFIG_FILE = "katalog-sop.yml"
"""The CLI reads this file from the current folder when it exists (and no --config is given)."""

OFF = "off"
SEVERITIES = tuple(s.value for s in Severity) + (OFF,)

PROFILE_RULES = ("SOPAP-I11", "SOPAP-I12")
"""The rules that read the agency profiles (option ``profil``)."""

REQUIRABLE = (
    "nomor", "instansi", "unit", "kop", "kop.alamat", "kop.email", "kop.situs_web",
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
        return options


DEFAULT = Config()


def load_config(path: str | Path) -> Config:
    """Read a standalone configuration file; raises :class:`ConfigError`."""
    from katalog_sop.source import load_file  # the SOP loader: positions, YAML 1.2 scalars, size limits

    shown = Path(path).as_posix()
    if not Path(path).is_file():
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
    reader.unknown_keys(data, (), ("rules", "profiles"))
    rules = {
        rule_id: reader.rule_setting(rule_id, value)
        for rule_id, value in reader.mapping(data.get("rules"), ("rules",)).items()
    }
    profiles = tuple(
        reader.profile(item, ("profiles", index))
        for index, item in enumerate(reader.sequence(data.get("profiles"), ("profiles",)))
    )
    return Config(MappingProxyType(rules), profiles, source)


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
        if rule is None:
            hint = difflib.get_close_matches(str(rule_id), list(self.registry), n=1)
            suggestion = f"; mungkin maksudnya '{hint[0]}'" if hint else ""
            raise self.fail(path, f"aturan tidak dikenal '{rule_id}'{suggestion}", at_key=True)
        if not isinstance(value, Mapping):
            return RuleSetting(self.severity(value, path))
        options = {key: item for key, item in value.items() if key != "severity"}
        settable = [name for name in rule.defaults if name != "profil"]
        self.unknown_keys(options, path, ["severity", *settable])
        for name, item in options.items():
            default = rule.defaults[name]
            if not _same_kind(item, default):
                raise self.fail(path + (name,), f"opsi '{name}' harus {_kind_name(default)}, seperti bawaannya {default!r}")
        severity = self.severity(value["severity"], path + ("severity",)) if "severity" in value else None
        return RuleSetting(severity, MappingProxyType({k: _freeze(v) for k, v in options.items()}))

    def profile(self, value, path) -> Profile:
        self.expect_mapping(value, path)
        self.unknown_keys(value, path, ("name", "sops", "nomor", "required"))
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
        required = self.sequence(value.get("required"), path + ("required",))
        for index, item in enumerate(required):
            if item not in REQUIRABLE:
                hint = difflib.get_close_matches(str(item), REQUIRABLE, n=1)
                suggestion = f"; mungkin maksudnya '{hint[0]}'" if hint else ""
                raise self.fail(path + ("required", index), f"isian tidak dikenal '{item}'{suggestion}")
        return Profile(name.strip(), tuple(sops), nomor, tuple(required))


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
