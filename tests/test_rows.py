"""The row model as an author writes it: several symbols per row, printed numbers, targets, defaults, unknowns.

Each test writes an SOP the way README.md and the schema tell an author to,
builds it through the real pipeline (source -> schema -> build), and checks
what the author would check on the sheet: which symbol every arrow enters,
where the flow ends, and the exact message for a mistake, at its place in the
file. The last tests run the flow, pelaksana and transcription rules on rows
of several symbols and on unknowns.
"""

from __future__ import annotations

import pytest

from katalog_sop.check import check
from katalog_sop.model import BERANTAI, BERSAMAAN, MULAI, PROSES, SELESAI
from katalog_sop.rules import RULES

from conftest import REPO, check_structure

GOLDEN = REPO / "tests" / "diagram" / "golden"


def built(check_sop, text: str):
    """The SOP, which must build without any problem."""
    result = check_sop(text)
    assert [f"{p.location.json_path}: {p.message}" for p in result.problems] == []
    return result.files[0].sop


def golden(name: str):
    result = check_structure([str(GOLDEN / f"{name}.yaml")])
    assert [p.message for p in result.problems] == []
    return result.files[0].sop


def arrows(step) -> list[tuple[str | None, tuple]]:
    """Every arrow of the row as (label, entered symbols), symbol by symbol."""
    return [[(k.label, k.ke) for k in symbol.keluar] for symbol in step.simbol]


def problems(result) -> list[tuple[str, str, str]]:
    return [(p.code, p.location.json_path, p.message) for p in result.problems]


# --- targets ------------------------------------------------------------------------------------

PRINTED = """\
nama: C
pelaksana: [A, B]
langkah:
  - {nomor: "1", kegiatan: Menerima surat, pelaksana: A, lanjut_ke: 6}
  - {nomor: "3", kegiatan: Mencatat surat, pelaksana: B, lanjut_ke: 5a}
  - {nomor: 5a, kegiatan: Memeriksa surat, pelaksana: A, lanjut_ke: "3"}
  - nomor: "6"
    kegiatan: Menilai surat
    pelaksana: B
    cabang: [{label: Lengkap, ke: "5a"}, {label: Tidak lengkap, ke: selesai}]
"""


def test_targets_name_the_printed_number_quoted_or_bare_and_an_int_is_a_printed_number_too(check_sop):
    sop = built(check_sop, PRINTED)
    assert [s.label for s in sop.langkah] == ["1", "3", "5a", "6"]
    # lanjut_ke: 6 is the row printed "6" (position 4), not the sixth row, which does not exist
    assert sop.langkah[0].exits == ((None, 4),)
    assert sop.langkah[1].exits == ((None, 3),)  # 5a, unquoted
    assert sop.langkah[2].exits == ((None, 2),)  # "3" is the row printed 3, at position 2
    assert sop.langkah[3].exits == (("Lengkap", 3), ("Tidak lengkap", None))
    assert [s.lanjut_ke for s in sop.langkah] == [4, 3, 2, None]


def test_an_int_target_in_a_numbered_sop_that_names_only_a_position_is_an_error(check_sop):
    result = check_sop(
        """\
        nama: C
        pelaksana: [A, B]
        langkah:
          - {nomor: "1", kegiatan: Menerima surat, pelaksana: A, lanjut_ke: 4}
          - {nomor: "2", kegiatan: Mencatat surat, pelaksana: B}
          - {kegiatan: Memeriksa surat, pelaksana: A}
          - {nomor: "3", kegiatan: Mengarsipkan surat, pelaksana: B}
        """
    )
    assert problems(result) == [
        ("reference", "$.langkah[0].lanjut_ke",
         "tidak ada langkah bernomor '4' dan tidak ada langkah atau simbol dengan id itu"),
    ]
    assert result.problems[0].location.line == 4


def test_targets_name_positions_when_the_sop_prints_no_numbers(check_sop):
    sop = built(
        check_sop,
        """\
        nama: C
        pelaksana: [A, B]
        langkah:
          - {kegiatan: Menerima surat, pelaksana: A, lanjut_ke: 3}
          - {kegiatan: Mencatat surat, pelaksana: B, lanjut_ke: "4"}
          - {kegiatan: Memeriksa surat, pelaksana: A, lanjut_ke: 2}
          - {kegiatan: Mengarsipkan surat, pelaksana: B}
        """,
    )
    assert [s.label for s in sop.langkah] == ["1", "2", "3", "4"]
    assert [s.exits for s in sop.langkah] == [((None, 3),), ((None, 4),), ((None, 2),), ((None, None),)]


CHAIN_AND_PARALLEL = """\
nama: C
pelaksana: [A, B, C]
langkah:
  - kegiatan: Menerima berkas
    pelaksana: A
    cabang: [{label: Ke rantai, ke: rantai}, {label: Ke sejajar, ke: sejajar}]
  - kegiatan: Memeriksa dan meneruskan berkas
    id: rantai
    simbol: [{pelaksana: B}, {pelaksana: C, id: c2}]
  - kegiatan: Mengolah berkas bersama
    id: sejajar
    alur: bersamaan
    simbol: [{pelaksana: A}, {pelaksana: B}, {pelaksana: C}]
  - kegiatan: Mengembalikan berkas
    pelaksana: A
    lanjut_ke: c2
"""


def test_a_row_target_enters_the_first_symbol_of_a_chain_and_every_symbol_of_a_parallel_row(check_sop):
    sop = built(check_sop, CHAIN_AND_PARALLEL)
    assert arrows(sop.langkah[0]) == [[("Ke rantai", ((2, 0),)), ("Ke sejajar", ((3, 0), (3, 1), (3, 2)))]]
    assert sop.langkah[1].alur == BERANTAI and sop.langkah[2].alur == BERSAMAAN


def test_a_target_naming_a_symbol_id_enters_that_one_symbol(check_sop):
    sop = built(check_sop, CHAIN_AND_PARALLEL)
    assert arrows(sop.langkah[3]) == [[(None, ((2, 1),))]]
    assert sop.langkah[3].exits == ((None, 2),)


# --- defaults -----------------------------------------------------------------------------------


def test_a_chain_row_hands_on_from_symbol_to_symbol_and_its_last_goes_on_to_the_next_row():
    sop = golden("rantai-dalam-baris")
    assert arrows(sop.langkah[0]) == [[(None, ((1, 1),))], [(None, ((2, 0),))]]
    assert arrows(sop.langkah[1]) == [[(None, ((2, 1),))], [(None, ((3, 0),))]]
    # a hand-on inside the row is no way out of it
    assert sop.langkah[0].exits == ((None, 2),)
    assert sop.langkah[1].exits == ((None, 3),)
    assert [s.bentuk for s in sop.langkah[0].simbol] == [MULAI, PROSES]


def test_a_parallel_row_is_forked_into_joined_out_of_and_runs_lane_to_lane_into_the_next_parallel_row():
    sop = golden("bersamaan")
    kepala, teknis, administrasi = (p.id for p in sop.pelaksana[:3])
    assert arrows(sop.langkah[0]) == [[(None, ((2, 0), (2, 1)))]]  # fork
    row2, row3 = sop.langkah[1], sop.langkah[2]
    assert [s.pelaksana for s in row2.simbol] == [teknis, administrasi]
    assert arrows(row2) == [[(None, ((3, 0),))], [(None, ((3, 1),))]]  # each lane to its own column
    assert [row3.simbol[i].pelaksana for i in (0, 1)] == [teknis, administrasi]
    assert arrows(row3) == [[(None, ((4, 0),))]] * 3  # join
    assert row2.exits == ((None, 3),) and row3.exits == ((None, 4),)
    assert sop.langkah[3].simbol[0].pelaksana == kepala


def test_rows_holding_only_starts_are_passed_over_by_the_default_arrow_but_not_by_a_named_one(check_sop):
    sop = golden("dua-mulai")
    # row 1 (Operator's start) goes on past row 2, Kasubag's own start, to row 3
    assert sop.langkah[0].exits == ((None, 3),)
    assert [s.simbol[0].bentuk for s in sop.langkah[:2]] == [MULAI, MULAI]
    named = built(
        check_sop,
        """\
        nama: C
        pelaksana: [A, B]
        langkah:
          - {kegiatan: Menerima surat, pelaksana: A}
          - kegiatan: Menyiapkan agenda
            simbol: [{pelaksana: B, bentuk: mulai, teks: Mulai}]
          - {kegiatan: Mencatat surat, pelaksana: B, lanjut_ke: 2}
          - {kegiatan: Mengarsipkan surat, pelaksana: A}
        """,
    )
    assert named.langkah[0].exits == ((None, 3),)
    assert named.langkah[2].exits == ((None, 2),), "a target written by the author enters even a start"


def test_ends_bentuk_selesai_and_lanjut_ke_selesai_end_an_empty_lanjut_ke_draws_nothing_and_is_no_end(check_sop):
    sop = built(
        check_sop,
        """\
        nama: C
        pelaksana: [A, B]
        langkah:
          - {kegiatan: Menerima surat, pelaksana: A}
          - kegiatan: Menolak surat
            simbol: [{pelaksana: B, bentuk: selesai, teks: Selesai}]
          - {kegiatan: Mencatat surat, pelaksana: A, lanjut_ke: selesai}
          - {kegiatan: Menyerahkan surat, pelaksana: B, lanjut_ke: []}
          - {kegiatan: Mengarsipkan surat, pelaksana: A}
        """,
    )
    steps = sop.langkah
    assert steps[1].simbol[0].keluar == () and steps[1].exits == ((None, None),)
    assert steps[2].exits == ((None, None),) and steps[2].simbol[0].bentuk == SELESAI
    assert steps[3].exits == () and steps[3].simbol[0].keluar == ()
    assert steps[3].simbol[0].bentuk == PROSES, "a box drawn without an arrow out is no terminator"
    assert steps[4].exits == ((None, None),)


def test_a_labelled_lanjut_ke(check_sop):
    sop = golden("dua-mulai")
    assert sop.langkah[3].exits == (("Dokumen lengkap", 6),)
    assert sop.langkah[5].label == "5a"
    assert arrows(sop.langkah[3]) == [[("Dokumen lengkap", ((6, 0),))]]
    # a labelled arrow to the end keeps its label, and the symbol stays a process
    end = built(
        check_sop,
        """\
        nama: C
        pelaksana: [A, B]
        langkah:
          - {kegiatan: Menerima surat, pelaksana: A}
          - {kegiatan: Mengarsipkan surat, pelaksana: B, lanjut_ke: {ke: selesai, label: Arsip}}
        """,
    )
    assert end.langkah[1].exits == (("Arsip", None),)
    assert end.langkah[1].simbol[0].bentuk == PROSES


def test_one_label_to_two_symbols():
    sop = golden("dua-keputusan-satu-baris")
    ppk = sop.langkah[1].simbol[1]
    assert ppk.id == "uji-ppk" and ppk.teks == "Sah?"
    assert [(k.label, k.ke) for k in ppk.keluar] == [("Ya", ((3, 0), (3, 1))), ("Tidak", ((1, 0),))]
    assert sop.langkah[1].exits == (("Tidak", 1), ("Ya", 3))


# --- numbers and names ----------------------------------------------------------------------------


def test_duplicate_printed_numbers_are_accepted_but_a_target_naming_one_is_an_error_at_the_target(check_sop):
    two_tables = """\
        nama: C
        pelaksana: [A, B]
        langkah:
          - {nomor: "1", kegiatan: Menerima surat, pelaksana: A}
          - {nomor: "2", kegiatan: Mencatat surat, pelaksana: B}
          - {nomor: "1", id: t2-1, kegiatan: Menerima paket, pelaksana: A}
          - {nomor: "2", kegiatan: Mencatat paket, pelaksana: B, lanjut_ke: t2-1}
        """
    sop = built(check_sop, two_tables)
    assert [s.label for s in sop.langkah] == ["1", "2", "1", "2"]
    assert sop.langkah[3].exits == ((None, 3),)
    result = check_sop(two_tables.replace("lanjut_ke: t2-1", "lanjut_ke: \"1\""))
    assert problems(result) == [
        ("reference", "$.langkah[3].lanjut_ke",
         "nomor '1' dipakai lebih dari satu baris; rujuk baris atau simbolnya dengan id"),
    ]
    assert (result.problems[0].location.line, result.problems[0].location.column) == (7, 69)


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("periksa-drat", "tidak ada langkah bernomor 'periksa-drat' dan tidak ada langkah atau simbol dengan id itu; "
                         "mungkin maksudnya 'periksa-draf'?"),
        ("selesia", "tidak ada langkah bernomor 'selesia' dan tidak ada langkah atau simbol dengan id itu; "
                    "mungkin maksudnya 'selesai'?"),
        ("5", "tidak ada langkah bernomor '5' dan tidak ada langkah atau simbol dengan id itu; mungkin maksudnya '5a'?"),
    ],
)
def test_an_unknown_target_in_a_numbered_sop_suggests_the_nearest_number_or_id(check_sop, target, message):
    result = check_sop(
        f"""\
        nama: C
        pelaksana: [A, B]
        langkah:
          - {{nomor: "1", kegiatan: Menerima surat, pelaksana: A}}
          - {{nomor: "2", id: periksa-draf, kegiatan: Memeriksa draf, pelaksana: B}}
          - {{nomor: 5a, kegiatan: Menilai draf, pelaksana: A, cabang: [{{label: Ya, ke: "{target}"}}, {{label: Tidak, ke: "1"}}]}}
        """
    )
    assert problems(result) == [("reference", "$.langkah[2].cabang[0].ke", message)]


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("terimah", "tidak ada langkah dengan id 'terimah'; mungkin maksudnya 'terima'?"),
        ("9", "langkah 9 tidak ada; SOP ini punya 2 langkah"),
    ],
)
def test_an_unknown_target_in_an_sop_without_numbers(check_sop, target, message):
    result = check_sop(
        f"""\
        nama: C
        pelaksana: [A, B]
        langkah:
          - {{id: terima, kegiatan: Menerima surat, pelaksana: A}}
          - {{kegiatan: Mencatat surat, pelaksana: B, lanjut_ke: {target}}}
        """
    )
    assert problems(result) == [("reference", "$.langkah[1].lanjut_ke", message)]


def test_a_quoted_position_out_of_range_is_told_like_a_bare_one(check_sop):
    # README.md quotes targets ("4"); in an SOP without printed numbers a quoted "9" is read as a position,
    # and the mistake should read as the bare 9 does, not as an unknown id (ids start with a letter).
    result = check_sop(
        """\
        nama: C
        pelaksana: [A, B]
        langkah:
          - {kegiatan: Menerima surat, pelaksana: A}
          - {kegiatan: Mencatat surat, pelaksana: B, lanjut_ke: "9"}
        """
    )
    assert problems(result) == [("reference", "$.langkah[1].lanjut_ke", "langkah 9 tidak ada; SOP ini punya 2 langkah")]


def test_unnumbered_rows_of_a_numbered_sop_have_no_label_and_are_named_by_place(check_sop):
    sop = golden("dua-mulai")
    row = sop.langkah[4]
    assert (row.label, row.id, row.sebutan) == ("", "batal", "baris ke-5 (tanpa nomor)")
    assert sop.langkah[5].sebutan == "langkah 5a"
    plain = built(check_sop, "nama: C\npelaksana: [A, B]\nlangkah: [{kegiatan: Satu, pelaksana: A}, {kegiatan: Dua, pelaksana: B}]\n")
    assert [(s.label, s.sebutan) for s in plain.langkah] == [("1", "langkah 1"), ("2", "langkah 2")]


@pytest.mark.parametrize(
    ("key", "value"), [("pelaksana", "A"), ("cabang", "[{label: Ya, ke: 1}, {label: Tidak, ke: selesai}]"), ("lanjut_ke", "1")]
)
def test_step_level_pelaksana_cabang_or_lanjut_ke_beside_simbol_is_an_error_at_that_key(check_sop, key, value):
    result = check_sop(
        f"""\
        nama: C
        pelaksana: [A, B]
        langkah:
          - {{kegiatan: Menerima surat, pelaksana: A}}
          - kegiatan: Mencatat surat
            {key}: {value}
            simbol: [{{pelaksana: B}}]
        """
    )
    assert problems(result) == [
        ("reference", f"$.langkah[1].{key}", f"'{key}' ditulis pada setiap simbol bila baris memakai 'simbol'")
    ]
    assert result.problems[0].location.line == 6
    assert result.files[0].sop is None


KELOMPOK = """\
nama: Transfer Barang
pelaksana:
  - {id: operator-kirim, nama: Operator, kelompok: Satker Pengirim}
  - {id: operator-terima, nama: Operator, kelompok: Satker Penerima}
  - Kepala Kantor
langkah:
  - {kegiatan: Mengirim barang, pelaksana: operator-kirim}
  - kegiatan: Menerima barang
    simbol: [{pelaksana: operator-terima}, {pelaksana: Kepala Kantor}]
"""


def test_a_role_under_two_kelompok_is_named_by_its_id(check_sop):
    sop = built(check_sop, KELOMPOK)
    assert sop.langkah[0].pelaksana == ("operator-kirim",)
    assert [s.pelaksana for s in sop.langkah[1].simbol] == ["operator-terima", "Kepala Kantor"]
    assert [(p.nama, p.kelompok) for p in sop.pelaksana[:2]] == [("Operator", "Satker Pengirim"), ("Operator", "Satker Penerima")]


@pytest.mark.parametrize(
    ("find", "replace", "where"),
    [
        ("pelaksana: operator-kirim}", "pelaksana: Operator}", "$.langkah[0].pelaksana"),
        ("{pelaksana: operator-terima}", "{pelaksana: Operator}", "$.langkah[1].simbol[0].pelaksana"),
    ],
)
def test_a_role_under_two_kelompok_named_by_its_shared_name_is_an_error_naming_the_cause(check_sop, find, replace, where):
    result = check_sop(KELOMPOK.replace(find, replace))
    assert problems(result) == [
        ("reference", where, "pelaksana 'Operator' ada pada lebih dari satu kelompok; sebut dengan id-nya")
    ]


# --- the one-symbol format, as before ------------------------------------------------------------


def test_the_one_symbol_format_keeps_its_exits(check_sop):
    straight = built(
        check_sop,
        """\
        nama: C
        pelaksana: [A, B]
        langkah:
          - {kegiatan: Menerima surat, pelaksana: A}
          - {kegiatan: Mencatat surat, pelaksana: B}
          - {kegiatan: Mengarsipkan surat, pelaksana: A}
        """,
    )
    assert [s.exits for s in straight.langkah] == [((None, 2),), ((None, 3),), ((None, None),)]
    assert [s.lanjut_ke for s in straight.langkah] == [2, 3, None]
    assert [s.simbol[0].bentuk for s in straight.langkah] == [MULAI, PROSES, SELESAI]
    assert all(len(s.simbol) == 1 and s.alur == BERANTAI for s in straight.langkah)
    branching = built(
        check_sop,
        """\
        nama: C
        pelaksana: [A, B]
        langkah:
          - {kegiatan: Menerima surat, pelaksana: A, lanjut_ke: 3}
          - {kegiatan: Memperbaiki surat, pelaksana: B, lanjut_ke: selesai}
          - {kegiatan: Memeriksa surat, pelaksana: B, cabang: [{label: Setuju, ke: selesai}, {label: Tidak, ke: 2}]}
          - {kegiatan: Mengarsipkan surat, pelaksana: A, lanjut_ke: 1}
        """,
    )
    assert [s.exits for s in branching.langkah] == [
        ((None, 3),), ((None, None),), (("Setuju", None), ("Tidak", 2)), ((None, 1),),
    ]
    assert [s.lanjut_ke for s in branching.langkah] == [3, None, None, 1]
    assert [(c.label, c.ke) for c in branching.langkah[2].cabang] == [("Setuju", None), ("Tidak", 2)]


def test_a_joint_step_is_a_parallel_row_and_a_joint_decision_is_taken_by_its_last_pelaksana():
    sop = check_structure([str(REPO / "tests" / "examples" / "valid" / "lengkap.yaml")]).files[0].sop
    joint = sop.langkah[3]
    assert joint.pelaksana == ("Kasi Pemerintahan", "Camat") and joint.alur == BERSAMAAN
    assert joint.exits == (("Setuju", None), ("Tidak setuju", 3))
    assert arrows(joint)[0] == [(None, ((4, 1),))], "the other pelaksana joins into the deciding one"


# --- what the source does not show -----------------------------------------------------------------


def test_unknown_flow_gives_no_arrow_into_or_out_of_the_row():
    sop = golden("tidak-terbaca")
    unknown = sop.langkah[3]
    assert unknown.tidak_terbaca == ("alur", "waktu")  # in the schema's order, however written
    assert unknown.exits == () and unknown.simbol[0].keluar == ()
    assert sop.langkah[2].exits == (), "no arrow is invented into the row"
    assert not any(key[0] == 4 for step in sop.langkah for s in step.simbol for k in s.keluar for key in k.ke)
    # an unknown pelaksana leaves the symbol without a column, its arrows as usual
    assert sop.langkah[1].pelaksana == () and sop.langkah[1].simbol[0].pelaksana is None
    assert sop.langkah[1].exits == ((None, 3),)


# --- a list of targets that includes the end -------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "end"),
    [
        ("cabang: [{label: Ya, ke: [3, selesai]}, {label: Tidak, ke: 1}]", ("Ya", None)),
        ("lanjut_ke: {ke: [3, selesai], label: Arsip}", ("Arsip", None)),
        ("lanjut_ke: {ke: [3, selesai]}", (None, None)),
    ],
)
def test_a_target_list_holding_selesai_keeps_the_end(check_sop, written, end):
    # The schema lets a target list hold "selesai" (tujuan_daftar: "selesai", or several targets); an end
    # written there must not vanish from the row's ways out while the row's other target is kept.
    result = check_sop(
        f"""\
        nama: C
        pelaksana: [A, B]
        langkah:
          - {{kegiatan: Menerima surat, pelaksana: A}}
          - {{kegiatan: Memeriksa surat, pelaksana: B, {written}}}
          - {{kegiatan: Mengarsipkan surat, pelaksana: A}}
        """
    )
    if result.problems:  # refusing the list would do too, at the list
        assert all(p.location.json_path.startswith("$.langkah[1]") for p in result.problems), problems(result)
        return
    exits = result.files[0].sop.langkah[1].exits
    assert end in exits and (end[0], 3) in exits, exits


def test_an_arrow_list_to_a_row_and_to_the_end_keeps_the_end_and_the_rules_see_it(write_sop):
    path = write_sop(
        """\
        nama: C
        pelaksana: [A, B]
        langkah:
          - {kegiatan: Menerima surat, pelaksana: A}
          - {kegiatan: Mencatat surat, pelaksana: B, lanjut_ke: [1, selesai]}
        """
    )
    result = check([str(path)], rules=[RULES["SOPAP-F02"]])
    assert (None, None) in result.files[0].sop.langkah[1].exits
    assert problems(result) == []


# --- rules on rows --------------------------------------------------------------------------------


def run_rules(write_sop, text: str, *rule_ids: str):
    result = check([str(write_sop(text))], rules=[RULES[r] for r in rule_ids])
    assert [p.message for p in result.problems if p.code not in rule_ids] == []
    return result


UNREAD_PELAKSANA = """\
nama: C
pelaksana: [A, B]
langkah:
  - {kegiatan: Menerima surat, pelaksana: A}
  - {kegiatan: Mencatat surat, tidak_terbaca: [pelaksana]}
  - kegiatan: Memeriksa surat
    tidak_terbaca: [pelaksana, alur, waktu]
    simbol: [{pelaksana: A}, {}]
  - {kegiatan: Mengarsipkan surat, pelaksana: B}
"""


def test_an_unread_pelaksana_is_transcription_information_not_a_missing_pelaksana(write_sop):
    result = run_rules(write_sop, UNREAD_PELAKSANA, "SOPAP-P03", "SOPAP-T01")
    assert problems(result) == [
        ("SOPAP-T01", "$.langkah[1]",
         "langkah 2: pelaksananya tidak terbaca pada sumber (informasi transkripsi, bukan temuan)"),
        ("SOPAP-T01", "$.langkah[2]",
         "langkah 3: pelaksananya, anak panahnya dan waktunya tidak terbaca pada sumber "
         "(informasi transkripsi, bukan temuan)"),
    ]
    assert [p.severity.value for p in result.problems] == ["info", "info"]


def test_a_missing_pelaksana_without_tidak_terbaca_is_still_an_error_per_symbol(write_sop):
    text = UNREAD_PELAKSANA.replace(", tidak_terbaca: [pelaksana]}", "}")
    text = text.replace("    tidak_terbaca: [pelaksana, alur, waktu]\n", "")
    result = run_rules(write_sop, text, "SOPAP-P03", "SOPAP-T01")
    assert problems(result) == [
        ("SOPAP-P03", "$.langkah[1]", "langkah 2 tidak menyebut pelaksana"),
        ("SOPAP-P03", "$.langkah[2].simbol[1]", "simbol ke-2 langkah 3 tidak menyebut pelaksana"),
    ]


def test_a_second_start_drawn_as_a_start_is_no_finding_but_an_undrawn_one_is(write_sop):
    assert problems(run_rules(write_sop, (GOLDEN / "dua-mulai.yaml").read_text(encoding="utf-8"), "SOPAP-F01")) == []
    undrawn = """\
        nama: C
        pelaksana: [A, B]
        langkah:
          - {kegiatan: Menerima surat, pelaksana: A, lanjut_ke: 3}
          - {kegiatan: Menyiapkan agenda, pelaksana: B}
          - {kegiatan: Mencatat surat, pelaksana: B}
        """
    assert problems(run_rules(write_sop, undrawn, "SOPAP-F01")) == [
        ("SOPAP-F01", "$.langkah[1]", "tidak ada anak panah yang masuk ke langkah 2; alur hanya boleh mulai di langkah 1")
    ]
    drawn = undrawn.replace(
        "- {kegiatan: Menyiapkan agenda, pelaksana: B}",
        "- {kegiatan: Menyiapkan agenda, simbol: [{pelaksana: B, bentuk: mulai}]}",
    )
    assert problems(run_rules(write_sop, drawn, "SOPAP-F01")) == []


TWO_DECISIONS = """\
nama: C
pelaksana: [A, B, C]
langkah:
  - {kegiatan: Menerima tagihan, pelaksana: A}
  - kegiatan: Menguji tagihan
    simbol:
      - {pelaksana: A, teks: Lengkap?, cabang: [{label: Ya, ke: b3}, {label: Tidak, ke: c3}]}
      - {pelaksana: B, teks: Sah?, cabang: [{label: Ya, ke: b3}, {label: Tidak, ke: "1"}]}
  - kegiatan: Membayar tagihan
    alur: bersamaan
    simbol: [{pelaksana: B, id: b3}, {pelaksana: C, id: c3}]
"""


def test_two_decisions_in_one_row_are_each_judged_and_exits_to_two_symbols_of_a_row_differ(write_sop):
    # A's exits enter two different symbols of row 3: two places, not one; A and B both saying "Ya" is fine.
    assert problems(run_rules(write_sop, TWO_DECISIONS, "SOPAP-F05")) == []


def test_a_duplicate_label_in_one_of_two_decisions_is_reported_at_that_symbol(write_sop):
    result = run_rules(write_sop, TWO_DECISIONS.replace('{label: Tidak, ke: "1"}', '{label: ya, ke: "1"}'), "SOPAP-F05")
    assert problems(result) == [
        ("SOPAP-F05", "$.langkah[1].simbol[1].cabang[0]", "label cabang 'Ya' dipakai lebih dari sekali pada langkah 2 (simbol ke-2)"),
        ("SOPAP-F05", "$.langkah[1].simbol[1].cabang[1]", "label cabang 'ya' dipakai lebih dari sekali pada langkah 2 (simbol ke-2)"),
    ]


def test_a_decision_of_a_row_whose_exits_all_enter_one_symbol_is_reported_at_that_symbol(write_sop):
    text = TWO_DECISIONS.replace("{label: Ya, ke: b3}, {label: Tidak, ke: \"1\"}", "{label: Ya, ke: c3}, {label: Tidak, ke: c3}")
    result = run_rules(write_sop, text, "SOPAP-F05")
    assert problems(result) == [
        ("SOPAP-F05", "$.langkah[1].simbol[1]", "semua cabang keputusan langkah 2 (simbol ke-2) menuju tempat yang sama"),
    ]


# --- a table's own columns and notes ---------------------------------------------------------------

TABLES = """\
nama: C
pelaksana: [Ketua, PPK, Persediaan, Bendahara]
langkah:
  - tabel:
      judul: Belanja Barang
      pelaksana: [Ketua, PPK, Persediaan]
      catatan: ["Ket: *) Dokumen pendukung:", "- KAK dan FP"]
    kegiatan: Mengajukan
    pelaksana: Ketua
  - {kegiatan: Membayar, pelaksana: PPK}
  - {tabel: Belanja Perjalanan, kegiatan: Mengajukan lagi, pelaksana: Ketua}
  - {kegiatan: Membayar, pelaksana: Bendahara}
"""


def test_a_table_names_its_printed_columns_and_the_notes_under_it(check_sop):
    sop = built(check_sop, TABLES)
    first, third = sop.langkah[0].tabel, sop.langkah[2].tabel
    assert first.judul == "Belanja Barang" and first.pelaksana == ("Ketua", "PPK", "Persediaan")
    assert [t.value for t in first.catatan] == ["Ket: *) Dokumen pendukung:", "- KAK dan FP"]
    assert third.judul == "Belanja Perjalanan" and third.pelaksana == () and third.catatan == ()
    assert sop.langkah[1].tabel is None and sop.langkah[1].dalam_tabel == "Belanja Barang"


@pytest.mark.parametrize(
    ("find", "replace", "where", "message"),
    [
        ("pelaksana: [Ketua, PPK, Persediaan]", "pelaksana: [Ketua, Persediaan]", "$.langkah[1].pelaksana",
         "pelaksana 'PPK' bukan kolom tabel ini (tabel.pelaksana pada baris 1)"),
        ("pelaksana: [Ketua, PPK, Persediaan]", "pelaksana: [Ketua, PPK, Persedian]", "$.langkah[0].tabel.pelaksana[2]",
         "pelaksana 'Persedian' tidak ada dalam daftar pelaksana; mungkin maksudnya 'Persediaan'?"),
    ],
    ids=["a symbol outside the listed columns", "a listed column that is no pelaksana"],
)
def test_a_tables_columns_must_be_pelaksana_and_hold_every_symbol_of_the_table(check_sop, find, replace, where, message):
    result = check_sop(TABLES.replace(find, replace))
    assert problems(result) == [("reference", where, message)]


def test_a_table_mapping_with_an_unknown_key_is_a_schema_error(check_sop):
    result = check_sop(TABLES.replace("      judul: Belanja Barang\n", "      judul: Belanja Barang\n      kolom: [Ketua]\n"))
    [error] = [p for p in result.problems if p.is_error]
    assert (error.location.json_path, error.location.line) == ("$.langkah[0].tabel.kolom", 6)
