"""Compliance stage: which rules run, with what severity and options, and the SOPs' own exemptions.

Between the catalogue and the reporters. It turns the configuration and the
command line's ``--select``/``--ignore`` into the list of rules to run (each
with its configured severity) and their options; the check pipeline
(:mod:`katalog_sop.check`) runs them, in one process or in workers. Then it marks each
finding an SOP exempts itself from (``pengecualian``, with a reason) as
suppressed: still reported, never counted. An exemption that names an
unknown rule, a step that does not exist, or that matched nothing is a
warning of its own, so that exemptions do not outlive their reason.
Pure: nothing printed, nothing read.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence

from katalog_sop.config import DEFAULT, Config, ConfigError
from katalog_sop.model import Sop
from katalog_sop.problem import Problem, warning
from katalog_sop.rules import RULES, Rule
from katalog_sop.ditarik import RETIRED

CODE_EXEMPTION = "pengecualian"

_STEP_PATH = re.compile(r"\$\.langkah\[(\d+)\](?=[.\[]|\Z)")


def select_rules(
    config: Config = DEFAULT,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
) -> tuple[Rule, ...]:
    """The rules to run, each with its configured severity, in id order.

    ``select`` and ``ignore`` take rule ids or their prefixes (``SOPAP-K``
    for the whole kalimat family); a name that matches no rule is a
    :class:`ConfigError`. A rule switched off in the configuration only runs
    when ``select`` names it by its full id.
    """
    chosen = []
    selected = _matching(select, "--select") if select else None
    ignored = _matching(ignore, "--ignore")
    explicit = {name for name in (select or ()) if name in RULES}
    for rule_id, rule in RULES.items():
        if (selected is not None and rule_id not in selected) or rule_id in ignored:
            continue
        severity = config.severity(rule_id, rule.severity)
        if severity is None:
            if rule_id not in explicit:
                continue
            severity = rule.severity
        chosen.append(rule if severity is rule.severity else dataclasses.replace(rule, severity=severity))
    return tuple(chosen)


def _matching(names: Iterable[str], option: str) -> set[str]:
    found: set[str] = set()
    for name in names:
        hits = {rule_id for rule_id in RULES if rule_id == name or rule_id.startswith(name)} if name else set()
        if not hits:
            if name in RETIRED:
                raise ConfigError(f"{option}: aturan '{name}' telah ditarik ({RETIRED[name]})")
            raise ConfigError(f"{option}: tidak ada aturan '{name}' (contoh: SOPAP-K01, atau SOPAP-K untuk satu keluarga)")
        found |= hits
    return found


def rule_options(rules: Sequence[Rule], config: Config = DEFAULT) -> dict:
    """The configured options of ``rules``, as :func:`katalog_sop.rules.run_rules` takes them."""
    options = {rule.id: config.options(rule.id) for rule in rules}
    return {rule_id: value for rule_id, value in options.items() if value}


def apply_exemptions(sops: Iterable[Sop], findings: list[Problem], ran: set[str]) -> list[Problem]:
    """``findings`` with each exempted one marked suppressed, plus problems of the exemptions themselves."""
    by_path = {sop.path: sop for sop in sops if sop.pengecualian}
    if not by_path:
        return findings
    used: set[tuple[str, int]] = set()
    out = []
    for finding in findings:
        sop = by_path.get(finding.location.path)
        exemption = _exemption(sop, finding) if sop is not None else None
        if exemption is None:
            out.append(finding)
            continue
        index, reason = exemption
        used.add((sop.path, index))
        out.append(finding._replace(suppressed=reason))
    for sop in by_path.values():
        out.extend(_unused(sop, used, ran))
    return out


def _exemption(sop: Sop, finding: Problem) -> tuple[int, str] | None:
    step = None
    match = _STEP_PATH.match(finding.location.json_path or "")
    if match:
        step = int(match.group(1)) + 1
    for index, item in enumerate(sop.pengecualian):
        if item.aturan == finding.code and (item.langkah is None or item.langkah == step):
            return index, item.alasan.value
    return None


def _unused(sop: Sop, used: set[tuple[str, int]], ran: set[str]) -> Iterable[Problem]:
    for index, item in enumerate(sop.pengecualian):
        if item.aturan in RETIRED:
            yield warning(item.location, CODE_EXEMPTION, f"pengecualian untuk aturan yang telah ditarik: {item.aturan} "
                                                          f"({RETIRED[item.aturan]}); hapus pengecualian ini")
        elif item.aturan not in RULES:
            yield warning(item.location, CODE_EXEMPTION, f"pengecualian untuk aturan yang tidak ada: {item.aturan}")
        elif item.langkah is not None and item.langkah > len(sop.langkah):
            yield warning(
                item.location, CODE_EXEMPTION,
                f"pengecualian untuk langkah {item.langkah}, padahal SOP ini hanya punya {len(sop.langkah)} langkah",
            )
        elif item.aturan in ran and (sop.path, index) not in used:
            where = f"langkah {item.langkah}" if item.langkah else "SOP ini"
            yield warning(
                item.location, CODE_EXEMPTION,
                f"pengecualian {item.aturan} tidak terpakai: aturan itu tidak menemukan apa pun pada {where}; hapus pengecualiannya",
            )

