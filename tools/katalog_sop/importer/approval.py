"""Import stage, the approval cell ("Disahkan oleh"): jabatan, nama and NIP from its printed lines.

Between the jabatan and the name stands the signature (a picture, or on a
scan strokes OCR reads as letters), often under a stamp; a rank may be
printed between the name and the NIP. Only the lines are used here, with
whether each is print (on a scan, a line read with confidence); which words
make a line is the identity reader's business (:mod:`.identity`).
"""

from __future__ import annotations

import re

_NIP = re.compile(r"^\s*NIP\.?\s*:?\s*([0-9][0-9 .]*[0-9])\s*$", re.I)
def approval(value: list[str], printed: list[bool] | None = None) -> dict:
    """Jabatan, nama and NIP from the approval cell's lines (the signature between them is a picture).

    The NIP is the line that starts with "NIP" (its number may run onto the
    next line), or a line of its digits alone; a rank printed between the
    name and the NIP ("Pembina Utama Muda", "Penata Tk. I") is no name. The
    name is the line above them, the jabatan the lines above the name. On a
    scan (``printed`` says, line by line, whether OCR read print there and
    not a stamp or a signature), the jabatan is the printed lines at the
    cell's top and the name the lowest line above the NIP set like a name
    with its degrees ("SUHERMAN, S.H., M.H.").
    """
    scan = printed is not None
    rows = [(v, p) for v, p in zip(value, printed if scan else [True] * len(value)) if v]
    joined: list[tuple[str, bool]] = []
    for v, p in rows:  # "NIP." on one line and its number on the next, or the number broken over two
        if joined and re.fullmatch(r"[0-9][0-9 ]*", v) and (re.fullmatch(r"NIP\.?\s*:?", joined[-1][0], re.I)
                                                          or _short_nip(joined[-1][0], v)):
            joined[-1] = (f"{joined[-1][0]} {v}", joined[-1][1])
        else:
            joined.append((v, p))
    nip = None
    for index, (line, _) in enumerate(joined):
        found = _NIP.match(line) or (_NIP_AFTER.search(line) if scan else None) or _NIP_ALONE.fullmatch(line)
        if found:
            nip = found.group(1).strip()
            if scan:  # OCR reads the gap between the NIP's groups as a stroke: "19701110'200212", "/"
                nip = re.sub(r"(?<=[0-9])[^0-9A-Za-z]+(?=[0-9])", " ", nip)
            joined = joined[:index]  # nothing of the approval stands below its NIP (on a scan: the stamp's rim)
            break
    if len(joined) >= 3 and _RANK.search(joined[-1][0]) and not _titled(joined[-1][0]):
        joined = joined[:-1]
    approval: dict = {}
    texts = [line for line, _ in joined]
    if scan and texts:
        top = next((i for i, (_, p) in enumerate(joined) if p), 0)
        end = top
        while end < len(joined) and joined[end][1]:
            end += 1
        named = [i for i in range(top + 1, len(texts)) if _titled(texts[i])]
        name = named[-1] if named else (len(texts) - 1 if len(texts) - top >= 2 else None)
        jabatan = texts[top:min(end, name) if name is not None else end]
        if jabatan:
            approval["jabatan"] = " ".join(jabatan)
        if name is not None and name < len(texts):
            approval["nama"] = texts[name]
    elif len(texts) >= 2:
        approval["jabatan"] = " ".join(texts[:-1])
        approval["nama"] = texts[-1]
    elif texts:
        approval["jabatan"] = texts[0]
    if nip:
        approval["nip"] = nip
    return approval


_NIP_AFTER = re.compile(r"\bNIP\b\.?\s*:?\s*([0-9](?:[0-9A-Za-z ./'’:,|-]*[0-9])?)\s*$", re.I)
_NIP_ALONE = re.compile(r"\s*((?=(?:[ .]*[0-9]){10})[0-9][0-9 .]*[0-9])\s*")
_RANK = re.compile(r"\b(?:pembina|penata|pengatur|juru)\b|\b(?:muda|madya|utama)\W*$|\btingkat\b|\btk\.", re.I)
_DEGREE = re.compile(r"^(?:[SMD]\.\s?[A-Za-z]{1,4}|[SM][A-Z][a-z]{0,3}|[A-Z]\.[A-Za-z]{1,3}|Ph\.?D)\.*,?$")
"""An academic degree as printed after a name: "S.H.", "M.Si", "SE", "MM", "S.Kom", "A.Md"."""
_TITLE = re.compile(r"^(?:Prof|Drs?|Dra|Ir|Hj?)\.$", re.I)


def _short_nip(line: str, more: str) -> bool:
    """Whether ``line`` is a NIP too short by the digits of ``more`` (a NIP has 18)."""
    found = re.search(r"\bNIP\b\.?\s*:?\s*([0-9][0-9 ]*)$", line, re.I)
    digits = len(re.sub(r"\D", "", found.group(1))) if found else 0
    return bool(found) and digits < 18 and digits + len(re.sub(r"\D", "", more)) <= 18


def _titled(line: str) -> bool:
    """Whether ``line`` is set as a person's name with degrees or a title ("SAMUEL, SE, M.Si", "Drs. Budi")."""
    words = line.split()
    if len(words) >= 2 and _TITLE.match(words[0]):
        return True
    return (any(sum(c.isalpha() for c in w) >= 3 and not _DEGREE.match(w) for w in words[:1])
            and any(_DEGREE.match(w) for w in words[1:]))
