"""SOP AP documents made for the import tests: an identity page and a step table, drawn in a chosen
style, with the values the importer must read back.

The SOP (Penerbitan Surat Keterangan, four rows, two pelaksana):

1. Menerima berkas permohonan — Petugas: start capsule over a box (two symbols, one column)
2. Memeriksa kelengkapan berkas — Kepala Seksi: decision "Lengkap?"; Ya -> 3, Tidak -> 1 (a loop back)
3. Menandatangani surat keterangan — Kepala Seksi: box; then to row 4
4. Menyerahkan surat — Petugas: box, then an end capsule below it
"""

from __future__ import annotations

from pathlib import Path

from importer.pdfmaker import Canvas, write_pdf

IDENTITY = {
    "nama": "Penerbitan Surat Keterangan Domisili",
    "nomor": "SOP-045/12/2025",
    "instansi": "Pemerintah Kabupaten Contoh",
    "unit": "KECAMATAN CONTOH",
    "tanggal_pembuatan": "2 Januari 2025",
    "tanggal_revisi": "-",
    "tanggal_efektif": "10 Januari 2025",
    "disahkan_oleh": {"jabatan": "Camat Contoh", "nama": "Drs. Budi Santoso", "nip": "19700101 199003 1 002"},
    "dasar_hukum": [
        "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah yang telah beberapa kali diubah terakhir dengan Undang-Undang Nomor 9 Tahun 2015;",
        "Peraturan Menteri PANRB Nomor 35 Tahun 2012 tentang Pedoman Penyusunan SOP Administrasi Pemerintahan.",
    ],
    "kualifikasi_pelaksana": ["Memahami tata naskah dinas", "Mampu mengoperasikan komputer"],
    "keterkaitan": ["SOP Pelayanan Surat Masuk"],
    "peralatan_perlengkapan": ["Komputer", "Printer"],
    "peringatan": ["Jika SOP tidak dilaksanakan, pelayanan terlambat"],
    "pencatatan_pendataan": ["Buku register surat keterangan"],
}
LANES = ("Petugas", "Kepala Seksi")
ROWS = [
    ("1", "Menerima berkas permohonan", "KTP", "10 menit", "Berkas permohonan"),
    ("2", "Memeriksa kelengkapan berkas", "Berkas permohonan", "15 menit", "Berkas lengkap"),
    ("3", "Menandatangani surat keterangan", "Berkas lengkap", "30 menit", "Surat keterangan"),
    ("4", "Menyerahkan surat", "Surat keterangan", "5 menit", "Tanda terima"),
]
EXPECTED_STEPS = [
    {"nomor": "1", "simbol": [{"pelaksana": "Petugas", "bentuk": "mulai", "lanjut_ke": "b1s2"}, {"pelaksana": "Petugas", "lanjut_ke": "2"}]},
    {"nomor": "2", "pelaksana": "Kepala Seksi", "bentuk": "keputusan", "teks": "Lengkap?",
     "cabang": [{"label": "Ya", "ke": "3"}, {"label": "Tidak", "ke": "b1s2"}]},
    {"nomor": "3", "pelaksana": "Kepala Seksi", "lanjut_ke": "b4s1"},
    {"nomor": "4", "simbol": [{"pelaksana": "Petugas", "lanjut_ke": "b4s2"}, {"pelaksana": "Petugas", "bentuk": "selesai"}]},
]


def _grid(c: Canvas, xs: list[float], ys: list[float]) -> None:
    for y in ys:
        c.line(xs[0], y, xs[-1], y)
    for x in xs:
        c.line(x, ys[0], x, ys[-1])


def identity_page(style: str, wrapped_label: bool = False) -> Canvas:
    """The identity page; ``wrapped_label`` sets "Tanggal Pembuatan" over two lines of its cell."""
    c = Canvas(style)
    x0, xl, xv, x1 = 50.0, 415.0, 500.0, 740.0
    labels = [("Nomor SOP", IDENTITY["nomor"]), ("Tanggal Pembuatan", IDENTITY["tanggal_pembuatan"]),
              ("Tanggal Revisi", IDENTITY["tanggal_revisi"]), ("Tanggal Efektif", IDENTITY["tanggal_efektif"])]
    y = 55.0
    ys = [y]
    for label, value in labels:
        if wrapped_label and label == "Tanggal Pembuatan":
            c.text(xl + 3, y + 2, "Tanggal")
            c.text(xl + 3, y + 11, "Pembuatan")
            c.text(xv + 3, y + 6, value)
            y += 21
        else:
            c.text(xl + 3, y + 2, label)
            c.text(xv + 3, y + 2, value)
            y += 12
        ys.append(y)
    approval = IDENTITY["disahkan_oleh"]
    c.text(xl + 3, y + 2, "Disahkan oleh")
    c.text(xv + 3, y + 2, approval["jabatan"])
    c.text(xv + 3, y + 40, approval["nama"])
    c.text(xv + 3, y + 50, "NIP. " + approval["nip"])
    y += 62
    ys.append(y)
    c.text(xl + 3, y + 2, "Nama SOP")
    c.text(xv + 3, y + 2, IDENTITY["nama"])
    y += 14
    ys.append(y)
    for line in ys[1:-1]:
        c.line(xl, line, x1, line)
    c.line(x0, ys[0], x1, ys[0])
    c.line(x0, ys[-1], x1, ys[-1])
    for x in (x0, x1, xl):
        c.line(x, ys[0], x, ys[-1])
    c.line(xv, ys[0], xv, ys[-1])
    c.text(x0 + 60, 70, "PEMERINTAH KABUPATEN CONTOH", 9)
    c.text(x0 + 60, 110, IDENTITY["unit"], 9)
    # the six sections: a title row, then an items row, two by two
    top = ys[-1]
    pairs = [("DASAR HUKUM :", "dasar_hukum", "KUALIFIKASI PELAKSANA :", "kualifikasi_pelaksana"),
             ("KETERKAITAN", "keterkaitan", "PERALATAN/PERLENGKAPAN", "peralatan_perlengkapan"),
             ("PERINGATAN", "peringatan", "PENCATATAN DAN PENDATAAN", "pencatatan_pendataan")]
    rows = [top]
    for left_title, left_key, right_title, right_key in pairs:
        c.text(x0 + 3, top + 2, left_title)
        c.text(xl + 3, top + 2, right_title)
        top += 12
        rows.append(top)
        height = 12.0
        for x, key in ((x0, left_key), (xl, right_key)):
            item_y = top + 2
            for number, item in enumerate(IDENTITY[key], start=1):
                c.text(x + 3, item_y, f"{number}.")
                words, line = item.split(), ""
                wrapped = []
                for word in words:  # wrap at about 70 characters, as a long item is printed
                    if len(line) + len(word) > 70:
                        wrapped.append(line)
                        line = word
                    else:
                        line = f"{line} {word}".strip()
                wrapped.append(line)
                for part in wrapped:
                    c.text(x + 15, item_y, part)
                    item_y += 9
            height = max(height, item_y - top + 3)
        top += height
        rows.append(top)
    for line in rows:
        c.line(x0, line, x1, line)
    for x in (x0, xl, x1):
        c.line(x, rows[0], x, rows[-1])
    return c


COLUMNS = [("No", 60.0), ("Kegiatan", 80.0), ("Petugas", 240.0), ("Kepala Seksi", 360.0),
           ("Kelengkapan", 480.0), ("Waktu", 560.0), ("Output", 610.0), ("Keterangan", 680.0)]
RIGHT = 740.0
HEADER = (60.0, 72.0, 90.0)
ROW_H = 60.0


def _centre(lane: int) -> float:
    x0 = COLUMNS[2 + lane][1]
    x1 = COLUMNS[3 + lane][1]
    return (x0 + x1) / 2


def step_page(style: str, rows=range(4), top_y: float | None = None, header: bool = True, picture: str | None = None,
              kelompok: str | None = None, short: float = 0.0, cut: bool = False, plain: bool = False,
              merged_waktu: bool = False) -> Canvas:
    """The step table (``rows`` of it) on one page; ``picture``: "symbols" pastes the flowchart
    as one picture instead of drawing it, "one" pastes row 3's box as a picture; ``kelompok`` adds a
    header level naming the lanes' group under "Pelaksana"; ``short``: arrows stop this far short
    of the symbols they enter; ``cut``: the arrow from row 3 to row 4 is cut by its label
    "Diteruskan"; ``plain``: the line from row 1's capsule to its box has no arrowhead."""
    c = Canvas(style)
    xs = [x for _, x in COLUMNS] + [RIGHT]
    h0, h1, h2 = HEADER
    if kelompok:
        c.text(COLUMNS[2][1] + 90, h1 + 2, kelompok)
        c.line(COLUMNS[2][1], h1 + 10, COLUMNS[4][1], h1 + 10)
        h1 += 10
        h2 += 10
    if header:
        c.text(COLUMNS[0][1] + 3, h0 + 10, "No")
        c.text(COLUMNS[1][1] + 3, h0 + 10, "Kegiatan")
        c.text(COLUMNS[2][1] + 90, h0 + 2, "Pelaksana")
        c.text(COLUMNS[4][1] + 80, h0 + 2, "Mutu Baku")
        c.text(COLUMNS[7][1] + 3, h0 + 10, "Keterangan")
        for name, x in COLUMNS[2:7]:
            c.text(x + 3, h1 + 4, name)
        c.line(xs[0], h0, xs[-1], h0)
        c.line(COLUMNS[2][1], h1, COLUMNS[7][1], h1)
        for x in (xs[0], xs[1], xs[2], xs[4], xs[7], xs[8]):
            c.line(x, h0, x, h2)
        for x in (xs[3], xs[5], xs[6]):
            c.line(x, h1, x, h2)
    top = h2 if top_y is None else top_y
    head, polyline = c.head, c.polyline
    c.head = lambda x, y, direction: head(*_back(x, y, direction, short), direction)  # type: ignore[method-assign]
    c.polyline = lambda points: polyline(_shortened(points, short))  # type: ignore[method-assign]
    ys = [top + ROW_H * i for i in range(len(rows) + 1)]
    for i, y in enumerate(ys):
        if merged_waktu and 0 < i < len(ys) - 1 and list(rows)[i] == 3:  # rows 3 and 4 share one Waktu cell
            c.line(xs[0], y, xs[5], y)
            c.line(xs[6], y, xs[-1], y)
        else:
            c.line(xs[0], y, xs[-1], y)
    for x in xs:
        c.line(x, ys[0], x, ys[-1])
    y_of = {row: ys[i] for i, row in enumerate(rows)}
    for row in rows:
        number, kegiatan, kelengkapan, waktu, output = ROWS[row]
        y = y_of[row]
        c.text(COLUMNS[0][1] + 3, y + 4, number)
        c.text(COLUMNS[1][1] + 3, y + 4, kegiatan)
        c.text(COLUMNS[4][1] + 3, y + 4, kelengkapan)
        if not (merged_waktu and row in (2, 3)):
            c.text(COLUMNS[5][1] + 3, y + 4, waktu)
        elif row == 2:
            c.text(COLUMNS[5][1] + 3, y + ROW_H - 4, "35 menit")  # centred on the merged cell
        c.text(COLUMNS[6][1] + 3, y + 4, output)
    if picture == "symbols":
        c.image(COLUMNS[2][1] + 5, ys[0] + 5, COLUMNS[4][1] - 5, ys[-1] - 5)
        return c
    # row 3's box, drawn or (picture "one") pasted as a picture
    row_three_box = c.image if picture == "one" else c.box
    a, b = _centre(0), _centre(1)
    if 0 in y_of:
        y = y_of[0]
        c.capsule(a, y + 14, 60, 14)
        if plain:
            c.polyline([(a, y + 21), (a, y + 35)])
        else:
            c.polyline([(a, y + 21), (a, y + 30)])
            c.head(a, y + 35, "down")
        c.box(a - 30, y + 35, a + 30, y + 52)
    if 1 in y_of:
        y = y_of[1]
        c.diamond(b, y + 30, 70, 36)
        c.text(b - 14, y + 27, "Lengkap?")
        # Tidak: from the left corner, left and up into row 1's box (a loop)
        c.polyline([(b - 35, y + 30), (a + 45, y + 30), (a + 45, y - ROW_H + 43.5), (a + 35, y - ROW_H + 43.5)])
        c.head(a + 30, y - ROW_H + 43.5, "left")
        c.text(b - 60, y + 21, "Tidak")
        # from row 1's box down and right into the decision's top
        c.polyline([(a, y - ROW_H + 52), (a, y + 5), (b, y + 5), (b, y + 7)])
        c.head(b, y + 12, "down")
    if 1 in y_of and 2 in y_of:
        y = y_of[1]
        c.polyline([(b, y + 48), (b, y + ROW_H + 15)])
        c.head(b, y + ROW_H + 20, "down")
        c.text(b + 4, y + 50, "Ya")
    elif 1 in y_of:  # row 3 is on the next page: "Ya" goes into an off-page connector
        y = y_of[1]
        c.polyline([(b, y + 48), (b, y + 51)])
        c.head(b, y + 56, "down")
        c.text(b + 4, y + 49, "Ya")
        c.connector(b, y + 56, "A")
    elif 2 in y_of:  # and comes out of the connector of the same letter above row 3
        y = y_of[2]
        c.connector(b, y + 2, "A")
        c.polyline([(b, y + 12), (b, y + 15)])
        c.head(b, y + 20, "down")
    if 2 in y_of:
        y = y_of[2]
        row_three_box(b - 30, y + 20, b + 30, y + 38)
    if 2 in y_of and 3 in y_of:
        y = y_of[2]
        if cut:  # the label stands in a gap of the line
            middle = (a + b) / 2
            c.polyline([(b, y + 38), (b, y + ROW_H + 10), (middle + 25, y + ROW_H + 10)])
            c.text(middle - 18, y + ROW_H + 7, "Diteruskan")
            c.polyline([(middle - 25, y + ROW_H + 10), (a, y + ROW_H + 10), (a, y + ROW_H + 13)])
        else:
            c.polyline([(b, y + 38), (b, y + ROW_H + 10), (a, y + ROW_H + 10), (a, y + ROW_H + 13)])
        c.head(a, y + ROW_H + 18, "down")
    if 3 in y_of:
        y = y_of[3]
        c.box(a - 30, y + 18, a + 30, y + 34)
        c.polyline([(a, y + 34), (a, y + 38)])
        c.head(a, y + 43, "down")
        c.capsule(a, y + 50, 60, 14)
    return c


def _back(x: float, y: float, direction: str, by: float) -> tuple[float, float]:
    """The tip of an arrowhead moved back along its line, as arrows drawn short of their symbol."""
    dx, dy = {"down": (0, -1), "up": (0, 1), "left": (1, 0), "right": (-1, 0)}[direction]
    return x + dx * by, y + dy * by


def _shortened(points: list[tuple[float, float]], by: float) -> list[tuple[float, float]]:
    """An arrow's line ending ``by`` earlier along its last piece."""
    if not by:
        return points
    (ax, ay), (bx, by_) = points[-2], points[-1]
    length = max(abs(bx - ax), abs(by_ - ay)) or 1.0
    cut = min(by, length - 0.5)
    return points[:-1] + [(bx - (bx - ax) / length * cut, by_ - (by_ - ay) / length * cut)]


def make_sop(path: Path, style: str = "lines") -> Path:
    return write_pdf(path, [identity_page(style), step_page(style)])
