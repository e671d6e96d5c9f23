"""Source stage: every bad file is one located problem, never a traceback."""

from __future__ import annotations

from katalog_sop import source
from katalog_sop.source import load_file, parse_text


def _one_problem(document, problems):
    assert document is None
    assert len(problems) == 1
    return problems[0]


def test_positions_of_values_and_keys():
    document, problems = parse_text("nama: Contoh\nlangkah:\n  - kegiatan: Menerima\n    waktu: 2 jam\n", "x.yaml")
    assert problems == []
    assert document.positions.of_value(("langkah", 0, "waktu")) == (4, 12)
    assert document.positions.of_key(("langkah", 0, "waktu")) == (4, 5)
    assert document.positions.of_value(("langkah", 0)) == (3, 5)
    loc = document.location(("langkah", 0, "kegiatan"))
    assert (loc.path, loc.line, loc.column, loc.json_path) == ("x.yaml", 3, 15, "$.langkah[0].kegiatan")


def test_missing_path_falls_back_to_nearest_ancestor():
    document, _ = parse_text("a:\n  b: 1\n", "x.yaml")
    assert document.positions.of_value(("a", "zzz", 3)) == (2, 3)


def test_scalars_follow_yaml_1_2_core_schema():
    text = "a: no\nb: Ya\nc: 067\nd: 2024-10-08\ne: on\nf: true\ng: 12\nh: 1.5\ni: ~\nj: 1_000\nno: x\n"
    document, problems = parse_text(text, "x.yaml")
    assert problems == []
    assert document.data == {
        "a": "no", "b": "Ya", "c": "067", "d": "2024-10-08", "e": "on",
        "f": True, "g": 12, "h": 1.5, "i": None, "j": "1_000", "no": "x",
    }


def test_syntax_error_names_line_and_column():
    problem = _one_problem(*parse_text("nama: Contoh\nlangkah: [a, b\n", "x.yaml"))
    assert problem.code == "yaml"
    # The list is still open at the end of the file: the end of its last line, not a line after it.
    assert (problem.location.line, problem.location.column) == (2, len("langkah: [a, b") + 1)
    assert problem.message.startswith("sintaks YAML tidak sah")


def test_tab_indentation_is_explained():
    problem = _one_problem(*parse_text("nama: x\n\tpelaksana: y\n", "x.yaml"))
    assert problem.location.line == 2
    assert "karakter tab" in problem.message


def test_empty_file_and_null_document():
    for text in ("", "# hanya komentar\n", "---\n", "~\n"):
        problem = _one_problem(*parse_text(text, "x.yaml"))
        assert problem.message == "berkas kosong: tidak ada isi SOP"


def test_top_level_must_be_a_mapping():
    problem = _one_problem(*parse_text("- a\n- b\n", "x.yaml"))
    assert problem.message == "isi berkas harus berupa pemetaan (kunci: nilai), bukan daftar"
    problem = _one_problem(*parse_text("Contoh\n", "x.yaml"))
    assert problem.message.endswith("bukan satu nilai")


def test_duplicate_key_is_reported_at_second_occurrence():
    document, problems = parse_text("a: 1\nb:\n  c: 1\n  c: 2\n", "x.yaml")
    assert document is not None
    [problem] = problems
    assert (problem.location.line, problem.location.column) == (4, 3)
    assert problem.message == "kunci ganda 'c' (pertama di baris 3)"
    assert problem.location.json_path == "$.b.c"


def test_alias_bomb_is_stopped():
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for level in range(1, 9):
        refs = ", ".join([f"*a{level - 1}"] * 10)
        lines.append(f"a{level}: &a{level} [{refs}]")
    problem = _one_problem(*parse_text("\n".join(lines) + "\n", "bom.yaml"))
    assert problem.code == "yaml"
    assert "alias YAML" in problem.message


def test_small_aliases_are_allowed():
    document, problems = parse_text("a: &x [1, 2]\nb: *x\n", "x.yaml")
    assert problems == []
    assert document.data == {"a": [1, 2], "b": [1, 2]}


def test_recursive_alias_is_refused():
    problem = _one_problem(*parse_text("a: &x\n  - *x\n", "x.yaml"))
    assert problem.message == "alias YAML merujuk ke dirinya sendiri"


def test_deep_nesting_is_refused():
    text = "a: " + "[" * (source.MAX_DEPTH + 5) + "]" * (source.MAX_DEPTH + 5) + "\n"
    problem = _one_problem(*parse_text(text, "x.yaml"))
    assert "terlalu dalam" in problem.message


def test_non_string_key_is_refused():
    problem = _one_problem(*parse_text("? [a, b]\n: 1\n", "x.yaml"))
    assert problem.message == "kunci harus berupa teks, bukan daftar atau pemetaan"


def test_language_tags_are_refused_not_run():
    problem = _one_problem(*parse_text("a: !!python/object/apply:os.system [echo]\n", "x.yaml"))
    assert problem.message == "tag YAML tidak didukung: !!python/object/apply:os.system"
    problem = _one_problem(*parse_text("a: !!set {x}\n", "x.yaml"))
    assert problem.message == "tag YAML tidak didukung: !!set"


def test_infinite_number_is_refused():
    problem = _one_problem(*parse_text("a: .inf\n", "x.yaml"))
    assert problem.message == "nilai '.inf' bukan bilangan yang sah"


def test_non_utf8_file_names_the_byte(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("nama: Contoh\nunit: Kecamatan Tebing Tinggi\nalamat: Jalan Caf\u00e9\n".encode("latin-1"))
    problem = _one_problem(*load_file(path, "latin1.yaml"))
    assert problem.code == "file"
    assert (problem.location.line, problem.location.column) == (3, 18)
    assert problem.message == "berkas bukan teks UTF-8 (bita 0xe9 tidak sah); simpan ulang sebagai UTF-8"


def test_utf8_bom_is_accepted(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes("\ufeffnama: Contoh\n".encode("utf-8"))
    document, problems = load_file(path, "bom.yaml")
    assert problems == []
    assert document.data == {"nama": "Contoh"}


def test_oversized_file_is_refused(tmp_path):
    path = tmp_path / "besar.yaml"
    path.write_text("nama: Contoh\n" + "# isi\n" * (source.MAX_BYTES // 6 + 1), encoding="utf-8")
    problem = _one_problem(*load_file(path, "besar.yaml"))
    assert problem.code == "file"
    assert problem.message.startswith("berkas terlalu besar")


def test_unreadable_file(tmp_path):
    problem = _one_problem(*load_file(tmp_path, "folder.yaml"))
    assert problem.code == "file"
    assert problem.message.startswith("berkas tidak dapat dibaca: ")


def test_control_character_is_refused():
    problem = _one_problem(*parse_text("nama: Con\x07toh\n", "x.yaml"))
    assert problem.code == "yaml"
    assert problem.location.line == 1


def test_a_huge_value_is_quoted_short_in_its_problem():
    problem = _one_problem(*parse_text("nip: " + "1" * 5000 + "\n", "x.yaml"))
    assert (problem.location.line, problem.location.column, problem.code) == (1, 6, "yaml")
    assert problem.message.startswith("nilai '1111") and len(problem.message) < 200
    document, [duplicate] = parse_text(("k" * 1000 + ": 1\n") * 2, "x.yaml")  # YAML allows 1024 for a plain key
    assert duplicate.location.line == 2 and len(duplicate.message) < 200
