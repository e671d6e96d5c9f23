"""Build stage: turn a schema-valid :class:`Document` into a :class:`Sop`.

Reads the values the schema cannot judge (dates, waktu, NIP) and resolves the
references the structure implies: every step's pelaksana must be declared,
every branch must lead to a step that exists, step ids must be unique. Each
failure is a :class:`Problem` at the node concerned. Dates that are not dates
and references that lead nowhere are errors (the SOP cannot be drawn or
dated); a waktu or NIP that cannot be read is a warning, since the regulation
does not fix their form.

Only call this on a document that passed :mod:`katalog_sop.schema`.
"""

from __future__ import annotations

from typing import Any

from katalog_sop import model as m
from katalog_sop.formulir import COLUMN_NUMBERS, refused_false
from katalog_sop.nip import normalise_nip
from katalog_sop.problem import Location, Problem, error, format_json_path, warning
from katalog_sop.rows import Rows
from katalog_sop.source import Document
from katalog_sop.tanggal import WithoutDay, parse_tanggal
from katalog_sop.waktu import Descriptive, parse_waktu

CODE_REFERENCE = "reference"
CODE_DATE = "date"
CODE_DURATION = "duration"
CODE_NIP = "nip"

END = "selesai"
"""The target that ends the procedure, in ``cabang[].ke`` and ``lanjut_ke``."""

SECTIONS = (
    "dasar_hukum",
    "kualifikasi_pelaksana",
    "keterkaitan",
    "peralatan_perlengkapan",
    "peringatan",
    "pencatatan_pendataan",
)


_new = tuple.__new__


def build_sop(document: Document, sop_id: str) -> tuple[m.Sop | None, list[Problem]]:
    """The SOP, or ``None`` when an error keeps it from being one; and the problems."""
    return _Builder(document).sop(sop_id)


class _Builder:
    def __init__(self, document: Document):
        self.doc = document
        self.data: dict[str, Any] = document.data
        self.problems: list[Problem] = []
        self._positions = document.positions.values
        self._file = document.path

    def at(self, *path):
        # Called about ninety times per SOP: a node that exists is looked up
        # directly (Document.location also handles paths that do not exist),
        # and the record is made by tuple.__new__, not the named tuple's
        # keyword-handling constructor (a tenth of this stage).
        found = self._positions.get(path)
        if found is None:
            return self.doc.location(path)
        return _new(Location, (self._file, found[0], found[1], format_json_path(path)))

    def text(self, value, *path) -> m.Text | None:
        return None if value is None else _new(m.Text, (value, self.at(*path)))

    def texts(self, value, *path) -> tuple[m.Text, ...]:
        if value is None:
            return ()
        if isinstance(value, str):
            return (_new(m.Text, (value, self.at(*path))),)
        return tuple([_new(m.Text, (item, self.at(*path, index))) for index, item in enumerate(value)])

    # --- values ------------------------------------------------------------------------

    def _read(self, parse, location, report, code):
        """``parse()``'s value; or ``None``, reporting why, when it raises ValueError."""
        try:
            return parse()
        except ValueError as exc:
            self.problems.append(report(location, code, str(exc)))
            return None

    def tanggal(self, container: dict, *path) -> m.Tanggal | None:
        """The date at ``path`` (whose last key is in ``container``); ``None`` if not written."""
        if path[-1] not in container:
            return None
        raw, at = container[path[-1]] or "", self.at(*path)
        try:
            date = parse_tanggal(raw)
        except WithoutDay as exc:  # printed so on a signed SOP: the auditor is told, the SOP still builds
            self.problems.append(warning(at, CODE_DATE, str(exc)))
            date = None
        except ValueError as exc:
            self.problems.append(error(at, CODE_DATE, str(exc)))
            date = None
        return m.Tanggal(raw, date, at)

    def waktu(self, value, *path) -> m.Waktu | None:
        if value is None:
            return None
        at, unit = self.at(*path), self.data.get("satuan_waktu")
        try:
            durasi = parse_waktu(value, unit)
        except Descriptive:  # "Menyesuaikan", "-": what the agency wrote; no amount to read, no fault
            durasi = None
        except ValueError as exc:
            self.problems.append(warning(at, CODE_DURATION, str(exc)))
            durasi = None
        return m.Waktu(str(value), durasi, at)

    def nip(self, value, *path) -> m.Nip | None:
        if value is None:
            return None
        at = self.at(*path)
        return m.Nip(str(value), self._read(lambda: normalise_nip(value), at, warning, CODE_NIP), at)

    # --- the SOP ------------------------------------------------------------------------

    def sop(self, sop_id: str) -> tuple[m.Sop | None, list[Problem]]:
        d = self.data
        pelaksana, names = self.pelaksana()
        langkah = self.langkah(names)
        sop = m.Sop(
            id=sop_id,
            path=self.doc.path,
            location=self.at(),
            nama=m.Text(d["nama"], self.at("nama")),
            nomor=self.text(d.get("nomor"), "nomor"),
            instansi=self.text(d.get("instansi"), "instansi"),
            unit=self.text(d.get("unit"), "unit"),
            kategori=self.text(d.get("kategori"), "kategori"),
            kop=self.kop(),
            tanggal_pembuatan=self.tanggal(d, "tanggal_pembuatan"),
            tanggal_revisi=self.tanggal(d, "tanggal_revisi"),
            tanggal_efektif=self.tanggal(d, "tanggal_efektif"),
            disahkan_oleh=self.pengesahan("disahkan_oleh"),
            disusun_oleh=self.pengesahan("disusun_oleh"),
            diperiksa_oleh=self.pengesahan("diperiksa_oleh"),
            tujuan=self.texts(d.get("tujuan"), "tujuan"),
            ruang_lingkup=self.texts(d.get("ruang_lingkup"), "ruang_lingkup"),
            definisi=self.texts(d.get("definisi"), "definisi"),
            formulir=self.formulir(),
            **{name: self.texts(d.get(name), name) for name in SECTIONS},
            satuan_waktu=d.get("satuan_waktu"),
            pelaksana=pelaksana,
            langkah=langkah,
            revisi=self.revisi(),
            catatan_sumber=self.catatan_sumber(),
            key_locations={key: self.doc.location((key,), at_key=True) for key in d},
            pengecualian=self.pengecualian(),
        )
        failed = any(problem.is_error for problem in self.problems)
        if failed:
            return None, self.problems
        if self.doc.digest:
            m.remember_source(sop, self.doc.digest)
        return sop, self.problems

    def formulir(self) -> dict[str, str | None]:
        """The SOP's own form labels; only a column a form may lack can be left out (``false``)."""
        labels = {}
        for key, value in self.data.get("formulir", {}).items():
            if key == COLUMN_NUMBERS:
                labels[key] = value
                continue
            refused = refused_false(key, value)
            if refused:
                self.problems.append(error(self.at("formulir", key), CODE_REFERENCE, refused))
                continue
            labels[key] = value or None
        return labels

    def kop(self) -> m.Kop | None:
        kop = self.data.get("kop")
        if kop is None:
            return None
        return m.Kop(
            *(self.text(kop.get(name), "kop", name) for name in ("alamat", "email", "situs_web", "logo")),
            location=self.at("kop"),
        )

    def pengesahan(self, path: str) -> m.Pengesahan | None:
        value = self.data.get(path)
        if value is None:
            return None
        return m.Pengesahan(
            jabatan=self.text(value.get("jabatan"), path, "jabatan"),
            nama=self.text(value.get("nama"), path, "nama"),
            nip=self.nip(value.get("nip"), path, "nip"),
            location=self.at(path),
        )

    def pelaksana(self) -> tuple[tuple[m.Pelaksana, ...], dict[str, str]]:
        """The columns, and every name or id an author may use for each (-> id)."""
        columns: list[m.Pelaksana] = []
        names: dict[str, str] = {}
        ids: set[str] = set()
        shared: set[str] = set()  # a role named under two header groups: only its ids tell them apart
        for index, item in enumerate(self.data["pelaksana"]):
            ident, nama = (item, item) if isinstance(item, str) else (item["id"], item["nama"])
            kelompok = None if isinstance(item, str) else item.get("kelompok")
            repeated = (nama in names or nama in shared) and nama not in ids and kelompok is not None and ident != nama
            clash = next((key for key in (ident, nama) if key in names or key in shared), None)
            if clash is not None and not (repeated and clash == nama and ident not in names):
                self.problems.append(
                    error(self.at("pelaksana", index), CODE_REFERENCE, f"pelaksana '{clash}' disebut lebih dari sekali")
                )
                continue
            if repeated:
                shared.add(nama)
                names.pop(nama, None)
            names[ident] = ident
            ids.add(ident)
            if nama not in shared:
                names[nama] = ident
            columns.append(m.Pelaksana(ident, nama, self.at("pelaksana", index), kelompok))
        self.shared_names = shared
        return tuple(columns), names

    def langkah(self, names: dict[str, str]) -> tuple[m.Langkah, ...]:
        return Rows(self, names, self.shared_names).build()

    def revisi(self) -> tuple[m.Revisi, ...]:
        return tuple(
            m.Revisi(
                ke=item.get("ke"),
                tanggal=self.tanggal(item, "revisi", index, "tanggal"),
                uraian=m.Text(item["uraian"], self.at("revisi", index, "uraian")),
                location=self.at("revisi", index),
            )
            for index, item in enumerate(self.data.get("revisi", ()))
        )

    def pengecualian(self) -> tuple[m.Pengecualian, ...]:
        return tuple(
            m.Pengecualian(
                aturan=item["aturan"],
                alasan=m.Text(item["alasan"], self.at("pengecualian", index, "alasan")),
                langkah=item.get("langkah"),
                location=self.at("pengecualian", index),
            )
            for index, item in enumerate(self.data.get("pengecualian", ()))
        )

    def catatan_sumber(self) -> m.CatatanSumber | None:
        value = self.data.get("catatan_sumber")
        if value is None:
            return None
        path = "catatan_sumber"
        return m.CatatanSumber(
            sumber=self.text(value.get("sumber"), path, "sumber"),
            **{
                name: self.texts(value.get(name), path, name)
                for name in ("perbaikan", "tidak_terbaca", "disimpulkan", "catatan")
            },
            location=self.at(path),
        )
