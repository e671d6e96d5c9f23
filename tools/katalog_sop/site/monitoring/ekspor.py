"""Pages stage, monitoring as a file: every SOP's monitoring and evaluation state as one CSV, for auditors.

One row per SOP, the same state the pages show (:mod:`.keadaan`): the last
assessment (date, penilaian, catatan, tindakan, record file), when the next
is due and whether it is overdue, the last evaluation and its conclusion.
Cells as every Kepatuhan CSV writes them (:func:`katalog_sop.site.kepatuhan.ekspor.to_csv`).
"""

from __future__ import annotations

from katalog_sop.monitoring.model import KESIMPULAN, PENILAIAN
from katalog_sop.site.kepatuhan.ekspor import to_csv
from katalog_sop.site.monitoring.keadaan import MonitoringView, record_file
HEADER = ["id", "nama", "unit", "monitoring_terakhir", "penilaian", "catatan", "tindakan", "berkas",
          "monitoring_berikutnya", "terlambat", "evaluasi_terakhir", "kesimpulan", "evaluasi_berikutnya"]


def monitoring_csv(view: MonitoringView, names: dict[str, str]) -> str:
    rows = []
    for state in sorted(view.states.values(), key=lambda s: (names.get(s.unit, s.unit), s.sop.id)):
        putaran, hasil = state.last if state.last else (None, None)
        evaluasi, concluded = state.evaluated if state.evaluated else (None, None)
        rows.append([
            state.sop.id, state.sop.nama.value, names.get(state.unit, state.unit),
            putaran.tanggal.isoformat() if putaran else "", PENILAIAN[hasil.penilaian] if hasil else "",
            hasil.catatan if hasil else "", hasil.tindakan if hasil else "",
            record_file(putaran.path, putaran.unit) if putaran else "",
            state.due.isoformat() if state.due else "", "ya" if state.overdue else "tidak",
            evaluasi.tanggal.isoformat() if evaluasi else "", KESIMPULAN[concluded.kesimpulan] if concluded else "",
            state.evaluation_due.isoformat() if state.evaluation_due else "",
        ])
    return to_csv(HEADER, rows)
