"""Hostile and unlucky text: what a pull request could put into any field or file name of an SOP.

Every payload that would run script if it became live markup calls
``alert`` with the marker :data:`MARK`, so a check can ask whether any
script, attribute or URL of an output carries it.
"""

from __future__ import annotations

MARK = "xss"

PAYLOADS: dict[str, str] = {
    "html": '<img src=x onerror=alert("xss-img")><b>tebal</b>',
    "close-title": '</title></textarea></style></script><script>alert("xss-script")</script>',
    "attribute": "\"'><svg onload=alert(\"xss-attr\")>' onmouseover='alert(1)",
    "js-link": 'javascript:alert("xss-js")',
    "markdown": (
        '# Judul palsu\n\n* butir\n\n[klik](javascript:alert("xss-md")) '
        '![x](data:text/html,<script>alert("xss-data")</script>) <https://contoh.invalid/xss> '
        '{: onclick="alert(\'xss-attrlist\')" }\n```\nkode\n---\n| a | b |\n|---|---|\n> kutipan __x__ *y*'
    ),
    "jinja": "{{ config.site_name }} {% if true %}jinja{% endif %} {# komentar #} ${{ github.token }} {{ 7*7 }}",
    "dot": 'C:\\new\\table \\N \\G \\E \\T \\H \\L \\l \\r \\n " ] ; } digraph g { x [label=<b>xss</b>] } \\\\ \\',
    "control": "awal\rCR\r\nCRLF\x00NUL\x1b[31mmerah\x1b[0m\x1b]8;;https://contoh.invalid\x07tautan\x1b]8;;\x07\x07\x08\x7f\x85\x0b\x0cakhir",
    "bidi": "kiri \u202ekebalik\u202c \u2066isolat\u2069 \u200fRLM \u061c \u202d\u202b akhir",
    "line-separator": "satu\u2028dua\u2029tiga\nempat",
    "mention": "@admin @everyone cc @org/tim #1 GH-1 !2 owner/repo#3",
    "close-details": "</details></summary></b><details open><summary>palsu</summary>\n| sel | palsu |\n|---|---|\n</td></tr></table>",
    "entities": "&lt;script&gt;alert('xss-entity')&lt;/script&gt; &amp;amp; &#x3C;b&#x3E; &#60;i&#62;",
    "comment": "<!-- komentar yang tidak ditutup <![CDATA[ ]]> <?xml ?> <!DOCTYPE x>",
    "workflow": "::error file=palsu.yaml,line=1,col=1::pesan palsu\n::warning::x %0A::notice::y %25",
    "forged-line": "\nsops/palsu.yaml:1:1: error[schema] pesan palsu dari isi SOP\n::error::palsu",
    "url": "a b#c?d=%2F%00&e='\"\\ ../../../etc/passwd %zz %",
    "svg": '<svg><a xlink:href="javascript:alert(\'xss-svg\')"><text>x</text></a><foreignObject><iframe src="javascript:alert(1)"></iframe></foreignObject></svg><style>body{display:none}</style>',
    "unicode": "\ufeffBOM Z\u0351\u0352\u0353algo \u200d\u200b zero-width \U0001f600 \ufdd0 \uffff \uffbf",
    "long": "Panjang " * 700 + "X" * 3000,
}
"""By name: the text. ``long`` is over 8,000 characters, with a 3,000-character word."""


def path_name(payload: str, limit: int = 200) -> str:
    """A file-system name carrying ``payload``: no "/" and no NUL (which no POSIX name may hold), at most ``limit`` bytes."""
    text = payload.replace("/", "\u2215").replace("\x00", "\u2400")
    while len(text.encode("utf-8")) > limit:
        text = text[:-1]
    return text


NOT_UTF8 = b"unit-\xff\xfe-bukan-utf8"
"""A folder name that is not UTF-8 (Linux allows any byte but "/" and NUL)."""
