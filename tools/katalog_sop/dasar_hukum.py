"""Legal citations (dasar hukum) as agencies write them, parsed into their parts.

"Peraturan MENPAN Dan RB Nomor 35 Tahun 2012 Tentang Pedoman ...",
"Permenpan RB No. 35 Tahun 2012", "PP 12/2019", "Peraturan Walikota Tegal
Nomor 56 Tahun 2021 tentang ...", "PermenPAN Nomor PER/21/M.PAN/11/2008".
Pure parsing, no I/O, shared by the rules and the site's legal-basis index:
:func:`parse_kutipan` returns a :class:`Kutipan` whose missing parts are
``None`` (the rules say what is missing), with a normalised key such as
``permenpanrb-35-2012`` to look the regulation up by.

Results are cached by the raw text: an agency cites the same few regulations
in every SOP, so a catalogue parses each distinct citation once.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

_JENIS = (
    # (code, pattern on the normalised head); order matters: longer names first.
    ("uud", r"undang undang dasar|uud"),
    ("perppu", r"peraturan pemerintah pengganti undang undang|perppu|perpu"),
    ("uudrt", r"undang undang darurat|uu darurat|uudrt"),
    ("uu", r"undang undang|uu"),
    ("pp", r"peraturan pemerintah|pp"),
    ("perpres", r"peraturan presiden|perpres"),
    ("keppres", r"keputusan presiden|keppres"),
    ("inpres", r"instruksi presiden|inpres"),
    (
        "permenpanrb",
        (r"peraturan menteri (?:negara )?pendayagunaan aparatur negara dan reformasi birokrasi"
        r"|peraturan (?:menteri|men) ?pan (?:dan )?rb|peraturan menteri panrb|permen ?pan (?:dan )?rb|permen ?panrb"),
    ),
    ("permenpan", r"peraturan menteri (?:negara )?pendayagunaan aparatur negara|peraturan (?:menteri|men) ?pan|permen ?pan"),
    ("kepmenpan", r"keputusan menteri (?:negara )?pendayagunaan aparatur negara|keputusan (?:menteri|men) ?pan|kepmen ?pan"),
    ("permendagri", r"peraturan menteri dalam negeri|permen ?dagri|per mendagri|peraturan dalam negeri"),
    ("pmk", r"peraturan menteri keuangan|pmk"),
    ("permen", r"peraturan menteri|permen"),
    ("kepmen", r"keputusan menteri|kepmen"),
    ("perda", r"peraturan daerah|perda"),
    ("pergub", r"peraturan gubernur|pergub"),
    ("perbup", r"peraturan bupati|perbup|perbub"),
    ("perwal", r"peraturan wali ?kota|perwali|perwal"),
    ("kepgub", r"keputusan gubernur"),
    ("kepbup", r"keputusan bupati"),
    ("kepwal", r"keputusan wali ?kota"),
    ("perka", r"peraturan kepala|perka"),
    ("kepka", r"keputusan kepala"),
    ("perban", r"peraturan badan|perban|peraturan (?=arsip nasional|komisi |ombudsman )"),
    ("perlem", r"peraturan lembaga"),
    ("perdirjen", r"peraturan direktur jenderal|peraturan dirjen|perdirjen"),
    ("perrektor", r"peraturan rektor"),
    ("se", r"surat edaran"),
)
_ALIASES = (
    # names the issuer's initials stand for, spelled out so that both spellings give one key
    (re.compile(r"\bbps\b"), "badan pusat statistik"),
    (re.compile(r"\blkpp\b"), "lembaga kebijakan pengadaan barang jasa pemerintah"),
    (re.compile(r"\bkabasarnas\b"), "kepala badan sar nasional"),
    (re.compile(r"^peraturan kementerian\b"), "peraturan menteri"),
)
_OCR_WORDS = {"menter": "menteri", "manteri": "menteri", "neger": "negeri", "pemerntah": "pemerintah",
              "peratrrran": "peraturan"}
"""Words of a head as scanned copies print them (a letter dropped or misread), by the word meant."""
_JENIS_PATTERN = re.compile("|".join(rf"(?P<{code}>(?:{pattern})\b)" for code, pattern in _JENIS))
"""One pass: alternatives are tried in order, so the first (longest) name wins."""

LEVEL_OF_JENIS = {"perwal": "kota", "kepwal": "kota", "perbup": "kabupaten", "kepbup": "kabupaten",
                  "pergub": "provinsi", "kepgub": "provinsi"}
REGIONAL = frozenset(LEVEL_OF_JENIS) | {"perda"}
QUALIFIED = REGIONAL | {"permen", "kepmen", "perka", "kepka", "perban", "perlem", "perdirjen", "perrektor", "se"}
"""Jenis that many issuers share: the key names the issuer too (``perwal-tegal-56-2021``)."""

_NOMOR = re.compile(r" (?:nomor|no)\b\.? ?:? ?", re.IGNORECASE)
"""Where the head ("Peraturan Walikota Tegal") ends: the first " Nomor"."""
_AFTER_NOMOR = re.compile(
    r"(?P<nomor>[A-Za-z]{1,5} \d[^\s,;]*|[^\s,;]+)(?: ?,? ?tahun (?P<tahun>\d{4})\b)?(?P<rest>.*)",
    re.IGNORECASE | re.DOTALL,
)
_TENTANG_AFTER = re.compile(r"\s*,?\s*(?:tanggal \d{1,2} \w+ \d{4} )?tentang\s*:?\s*(?P<tentang>.*)", re.I | re.DOTALL)
"""The title right after the number and year ("Nomor 37 Tahun 2011 tanggal 30 Desember 2011 tentang ..."); any
other text there ("jo. Perpres No. 12 Tahun 2021", "dan nomor 3 tahun 2002 tentang ...") belongs to another
regulation of a chain, whose title is not this one's."""
_REPAIRS = (
    # What scans and hurried typing do to the words a citation is read by; each repair keeps what was meant.
    (re.compile(r"\b(?:[A-Za-z] ){2,}[A-Za-z]\b"), lambda m: m.group(0).replace(" ", "")),  # "T a h u n"
    (re.compile(r"\bundang\s*-\s*undang\b", re.IGNORECASE), "Undang-Undang"),  # "Undang - undang"
    (re.compile(r"\b(?:ten tang|t[ce]ntang|tenrang|tetntang)\b", re.IGNORECASE), "tentang"),
    (re.compile(r"\b(?:ncmor|nom or)\b", re.IGNORECASE), "Nomor"),
    (re.compile(r"\bN0\b"), "No"),
    (re.compile(r"\s*/\s*"), "/"),  # "741/ MENKES/PER/VII /2008"
    (re.compile(r"(?<=\bM)\.\s+(?=[A-Z])"), "."),  # "PER/20/M. PAN/04/2006"
    (re.compile(r"(?<=[A-Za-z])-\s+(?=[A-Z])"), "-"),  # "02/M- IND/PER/1/2014", "Undang- Undang"
    (re.compile(r"^(\W*(?:undang-undang|uu))(\s+(?:nomor|no)\.?\s*\d+)\s*\(?drt\b\)?", re.IGNORECASE), r"\1 Darurat\2"),
    (re.compile(r"\b(tahun\s+)([12IlL][0-9OoIlL] ?[0-9OoIlL]{2}|[12IlL] [0-9OoIlL]{3})\b", re.IGNORECASE),
     lambda m: m.group(1) + _digits(m.group(2))),  # "Tahun 2Ol4", "Tahun I 971", "Tahun L945"
)
_UUD = re.compile(r"\b(?:undang-undang dasar|uud)\b", re.IGNORECASE)
_SHORT = re.compile(
    r"(?P<head>[^\d]+?) (?P<nomor>[\w./-]*\d[\w./-]*)(?: tahun (?P<tahun>\d{4}))?"
    r"(?: ?,? ?tentang ?:? ?(?P<tentang>.*))?",
    re.IGNORECASE | re.DOTALL,
)
"""Without "Nomor": "UU 23/2014 tentang ...", "Permendagri 52/2011"."""
_TENTANG = re.compile(r"\btentang\s*:?\s*(.+)", re.IGNORECASE | re.DOTALL)
_TRAILING_YEAR = re.compile(r"[/.\-]\s*((?:19|20)\d{2})\Z")
_PROMULGATION = re.compile(r"\s*\([^()]*\b(?:negara|lembaran|berita|himpunan)\b[^()]*\)?[\s;:.,'\"]*\Z", re.IGNORECASE)
"""Where the title was promulgated, after it: "(Lembaran Negara ... Nomor 244, Tambahan ...)"; one inside the title
("Penetapan UU Darurat Nomor 3 Tahun 1953 ... (Lembaran Negara Tahun 1953 Nomor 9) sebagai Undang-Undang") stays."""
_AMENDED = re.compile(
    r"\s*,?\s*(?:sebagaimana|sebagai mana|sebagimana|sebagamana)\s+(?:\w+\s+){0,4}?(?:di ?ubah|dubah|diganti)\b.*\Z",
    re.IGNORECASE | re.DOTALL,
)
_TRAILING = " ;:.,'\""
_ARTICLE = re.compile(r"^pasal \d+\w*(?: ayat \d+)?(?: huruf \w)? ")
"""An article before the regulation it is in: "Pasal 17 ayat 2 UU Nomor 16 ..." cites the UU."""
_CHAINED = re.compile(
    r"\s*,?\s*\b(?:jo\.?|juncto)\s+(?:undang|peraturan|uu|pp|perpres|keputusan|permen\w*|perda)\b.*\Z",
    re.IGNORECASE | re.DOTALL,
)
_PARENTHESES = re.compile(r"\([^)]*\)")
_NOT_WORD = re.compile(r"[^a-z0-9]+")
_DOUBLED = re.compile(r"(.)\1+")
_REGION = re.compile(r"(kota|kabupaten|kab|provinsi|prov)\.?\s+(.+)")
_LEVELS = {"kab": "kabupaten", "prov": "provinsi"}


@dataclass(frozen=True)
class Kutipan:
    """One citation: the author's text and the parts read from it."""

    raw: str
    jenis: str | None
    """Canonical code: ``uu``, ``pp``, ``perpres``, ``permenpanrb``, ``permendagri``, ``perwal`` ..."""
    penerbit: str | None
    """What the head says besides the jenis, normalised: ``tegal``, ``kota tarakan``, ``kesehatan``."""
    nomor: str | None
    tahun: int | None
    tentang: str | None
    key: str | None = None
    """``permenpanrb-35-2012``; ``None`` unless jenis, nomor and tahun were all read."""

    @property
    def wilayah(self) -> tuple[str, str] | None:
        """``("kota", "tegal")`` for a regional regulation whose region the head names."""
        if self.jenis not in REGIONAL or not self.penerbit:
            return None
        return region_of(self.penerbit, LEVEL_OF_JENIS.get(self.jenis))


def peraturan_key(jenis: str, nomor: str, tahun: int) -> str:
    """``("permenpan", "PER/21/M.PAN/11/2008", 2008)`` -> ``permenpan-per-21-m-pan-11-2008``."""
    number = _TRAILING_YEAR.sub("", nomor.strip()) if nomor.strip().endswith(str(tahun)) else nomor
    return f"{jenis}-{_NOT_WORD.sub('-', number.lower()).strip('-')}-{tahun}"


def region_of(text: str, level: str | None = None) -> tuple[str, str] | None:
    """``"kota tarakan"`` -> ``("kota", "tarakan")``; a bare name takes ``level``."""
    words = _NOT_WORD.sub(" ", text.lower()).strip()
    match = _REGION.fullmatch(words)
    if match:
        return _LEVELS.get(match.group(1), match.group(1)), match.group(2).replace(" ", "")
    if level is not None and words:
        return level, words.replace(" ", "")
    return None


def normalise_title(text: str) -> str:
    """Case, spacing and punctuation removed: "Tata Laksana" equals "Tatalaksana"."""
    return _NOT_WORD.sub("", text.lower())


def single_letters(title: str) -> str:
    """A normalised title with each doubled letter written once: "Penyelengaraan" meets "Penyelenggaraan"."""
    return _DOUBLED.sub(r"\1", title)


@functools.lru_cache(maxsize=4096)
def parse_kutipan(raw: str) -> Kutipan:
    """The parts of the citation ``raw``; a part that cannot be read is ``None``."""
    text = " ".join(raw.split())
    for pattern, repair in _REPAIRS:
        text = pattern.sub(repair, text)
    text = text.strip().rstrip(" ;.,")
    if _UUD.search(text) and not _NOMOR.search(text):  # "Pasal 18 ayat (6) UUD 1945": the constitution has no number
        year = re.search(r"\b(19\d\d)\b", text)
        return Kutipan(raw, "uud", None, None, int(year.group(1)) if year else None, None)
    match = _split(text)
    if match is None:
        tentang = _TENTANG.search(text)
        head = text[: tentang.start()] if tentang else text
        return Kutipan(raw, *_jenis(head), None, None, clean_tentang(tentang.group(1) if tentang else None))
    nomor, tahun = match["nomor"].rstrip(".,;"), match["tahun"]
    if nomor in ("I", "l"):  # a scanned "1"
        nomor = "1"
    if tahun is None and (year := _TRAILING_YEAR.search(nomor)):
        tahun = year.group(1)
        if not re.search(r"[A-Za-z]", nomor):  # "23/2014" is number 23 of 2014; "113/PMK.01/2006" stays whole
            nomor = nomor[: year.start()] or nomor
    jenis, penerbit = _jenis(match["head"])
    year_ = int(tahun) if tahun else None
    if jenis == "permenpan" and year_ and year_ >= 2011:  # the ministry's regulations are PermenPANRB from then on
        jenis = "permenpanrb"
    return Kutipan(raw, jenis, penerbit, nomor, year_, clean_tentang(match["tentang"]), kutipan_key(jenis, penerbit, nomor, year_))


def _split(text: str) -> dict[str, str | None] | None:
    """head, nomor, tahun, tentang; or ``None`` when no number follows the head."""
    nomor = _NOMOR.search(text)
    if nomor is not None and nomor.start() > 0:
        rest = _AFTER_NOMOR.fullmatch(text, nomor.end())
        if rest is not None:
            title = _TENTANG_AFTER.match(rest["rest"])
            return {"head": text[: nomor.start()], "nomor": rest["nomor"], "tahun": rest["tahun"],
                    "tentang": title["tentang"] if title else None}
    short = _SHORT.fullmatch(text)
    return short.groupdict() if short else None


def kutipan_key(jenis: str | None, penerbit: str | None, nomor: str, tahun: int | None) -> str | None:
    """The registry key of a regulation: the issuer joins the key where many issuers share the jenis."""
    if jenis is None or tahun is None:
        return None
    if jenis in QUALIFIED and penerbit:
        jenis = f"{jenis}-{penerbit.replace(' ', '-')}"
    return peraturan_key(jenis, nomor, tahun)


def _jenis(head: str) -> tuple[str | None, str | None]:
    words = head.lower().replace("&", " dan ")
    if "(" in words:
        words = _PARENTHESES.sub(" ", words)
    words = " ".join(_OCR_WORDS.get(w, w) for w in _NOT_WORD.sub(" ", words).replace("republik indonesia", " ").split()
                     if w != "ri")
    words = _ARTICLE.sub("", words)
    for short, long in _ALIASES:
        words = short.sub(long, words)
    match = _JENIS_PATTERN.match(words)
    if match is None:
        return None, None
    return match.lastgroup, words[match.end():].strip() or None


def clean_tentang(text: str | None) -> str | None:
    """A title as citations are compared: promulgation notes and \"sebagaimana diubah\" tails removed."""
    if text is None:
        return None
    text = _CHAINED.sub("", _AMENDED.sub("", text)).strip(_TRAILING)
    while "(" in text and (stripped := _PROMULGATION.sub("", text)) != text:
        text = stripped.strip(_TRAILING)
    return text or None


def _digits(year: str) -> str:
    """A year as a scan prints it ("2Ol4", "I 971") in digits, when it reads as one."""
    digits = year.replace(" ", "").translate(str.maketrans("OoIlL", "00111"))
    return digits if re.fullmatch(r"(?:19|20)\d\d", digits) else year
