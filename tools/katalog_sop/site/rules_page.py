"""Pages stage, the Aturan page: every compliance rule of the registry, as its documentation says.

Made from :data:`katalog_sop.rules.RULES` (every rule, whether it ran or
not) and the check result (what ran here, with which severity). Each rule
has a heading of its id, so its anchor is ``#sopap-i02`` (what SOP pages and
the Kepatuhan page link to), then its slug and summary, default and
configured severity, confidence tag, scope, clause, prose, options and the
passing and failing examples. Text comes only from the rule's ``summary``,
``prose`` and ``example()``, never from parsing its docstring here; all of it
is escaped (double-backtick spans become ``<code>``).
"""

from __future__ import annotations

from katalog_sop.check import CheckResult
from katalog_sop.config import CONFIGURED_OPTIONS
from katalog_sop.rules import RULES, Rule
from katalog_sop.site.labels import FAMILIES, SCOPE, SEVERITY, TAG, family
from katalog_sop.site.markup import attr, code_block, esc, inline, prose
from katalog_sop.site.sop_page import PageContext

EXEMPTION_EXAMPLE = """\
pengecualian:
  - aturan: SOPAP-K01
    alasan: "Istilah 'Penandatanganan' dipertahankan sesuai naskah yang disahkan"
    langkah: 10
"""


def rules_page(result: CheckResult, ctx: PageContext) -> str:
    ran = {rule.id: rule for rule in result.rules}
    skipped = {rule.id for rule in result.skipped}
    src = ctx.paths.ATURAN
    parts = [
        "# Aturan Kepatuhan", "",
        "<p>Aturan yang dipakai untuk memeriksa kelengkapan dan kepatuhan SOP terhadap format SOP AP "
        "(Peraturan Menteri PANRB Nomor 35 Tahun 2012). Tingkat <strong>galat</strong> dan <strong>peringatan</strong> "
        "menggagalkan pemeriksaan; <strong>info</strong> adalah saran. Hanya aturan yang ketentuannya terbaca langsung "
        "dari peraturan (keyakinan N) yang bawaannya galat. Hasil per SOP dan per unit ada di halaman "
        f'<a href="{ctx.urls.href(src, ctx.paths.KEPATUHAN)}">Kepatuhan</a>.</p>', "",
    ]
    note = _configuration_note(ran, skipped, ctx)
    if note:
        parts += [note, ""]
    parts += ["## Mengecualikan temuan", "", _exemption(), ""]
    known = {letter for letter, _ in FAMILIES}
    groups = list(FAMILIES) + [("", "Lainnya")]
    for letter, title in groups:
        members = [r for r in RULES.values() if (family(r.id) == letter if letter else family(r.id) not in known)]
        if not members:
            continue
        parts += [f"## {title}", ""]
        for rule in members:
            parts += [f"### {rule.id}", "", _entry(rule, ran.get(rule.id), rule.id in skipped), ""]
    return "\n".join(parts)


def _configured(rule: Rule, running: Rule | None, skipped: bool) -> str:
    if skipped:
        return "dilewati: hanya sebagian berkas yang diperiksa, padahal aturan ini membandingkan seluruh katalog"
    if running is None:
        return "tidak dijalankan (dimatikan oleh konfigurasi)"
    if running.severity is not rule.severity:
        return f"{SEVERITY[running.severity]} (diubah oleh konfigurasi)"
    return SEVERITY[running.severity]


def _configuration_note(ran: dict[str, Rule], skipped: set[str], ctx: PageContext) -> str:
    changes = [
        f"<li><a href=\"#{ctx.paths.rule_anchor(rule.id)}\">{esc(rule.id)}</a> {esc(rule.slug)}: {esc(_configured(rule, ran.get(rule.id), rule.id in skipped))}</li>"
        for rule in RULES.values()
        if rule.id in skipped or rule.id not in ran or ran[rule.id].severity is not rule.severity
    ]
    if not changes:
        return ""
    return (
        '<div class="admonition note"><p class="admonition-title">Konfigurasi katalog ini</p>'
        f"<p>Katalog ini tidak memakai semua aturan dengan tingkat bawaannya:</p><ul>{''.join(changes)}</ul></div>"
    )


def _exemption() -> str:
    return (
        "<p>Bila sebuah temuan memang disengaja, SOP dapat mengecualikan dirinya dengan butir "
        "<code>pengecualian</code>: kode aturan (<code>aturan</code>), alasannya (<code>alasan</code>, wajib), dan "
        "bila hanya untuk satu langkah, nomor langkahnya (<code>langkah</code>; tanpa itu berlaku untuk seluruh SOP).</p>"
        + code_block(EXEMPTION_EXAMPLE)
        + "<p>Temuan yang dikecualikan tetap ditampilkan pada halaman SOP sebagai <em>dikecualikan</em> beserta "
        "alasannya, tetapi tidak dihitung. Pengecualian untuk aturan yang tidak ada, untuk langkah yang tidak ada, "
        "atau yang tidak lagi mengecualikan apa pun menjadi peringatan, agar pengecualian tidak bertahan lebih lama "
        "dari alasannya.</p>"
    )


def _value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (tuple, list)):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    return str(value)


def _options(rule: Rule) -> str:
    if not rule.defaults:
        return ""
    rows = "".join(
        f"<li><code>{esc(name)}</code>: bawaan <code>{esc(_value(value))}</code>"
        + (f" (diisi dari <code>{esc(CONFIGURED_OPTIONS[name])}</code> pada konfigurasi)" if name in CONFIGURED_OPTIONS else "")
        + "</li>"
        for name, value in rule.defaults.items()
    )
    return f'<p class="sop-aturan-sub">Opsi</p><ul>{rows}</ul>'


def _example(rule: Rule, kind: str, title: str) -> str:
    try:
        text = rule.example(kind)
    except ValueError:  # a docstring being rewritten; the rules' own tests insist on both examples
        return ""
    return f'<p class="sop-aturan-sub">{title}</p>{code_block(text)}' if text.strip() else ""


def _entry(rule: Rule, running: Rule | None, skipped: bool) -> str:
    rows = (
        ("Nama", f"<code>{esc(rule.slug)}</code>"),
        ("Tingkat bawaan", SEVERITY[rule.severity]),
        ("Tingkat di katalog ini", esc(_configured(rule, running, skipped))),
        ("Keyakinan", f"{esc(rule.tag)} — {esc(TAG.get(rule.tag, ''))}"),
        ("Cakupan", SCOPE.get(rule.scope, esc(rule.scope))),
        ("Ketentuan", esc(rule.clause)),
    )
    data = "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in rows)
    return (
        f'<div class="sop-aturan" data-aturan="{attr(rule.id)}">'
        f'<p class="sop-aturan-ringkas"><strong>{inline(rule.summary)}</strong></p>'
        f'<dl class="sop-aturan-data">{data}</dl>{prose(rule.prose)}{_options(rule)}'
        f'{_example(rule, "Passing", "Contoh yang lolos")}{_example(rule, "Failing", "Contoh yang gagal")}'
        f'{_example(rule, "Example", "Opsi yang dipakai kedua contoh")}</div>'
    )
