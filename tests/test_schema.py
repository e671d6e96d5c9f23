"""Schema stage: the schema itself, and how its errors read."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator

from katalog_sop.schema import load_schema, schema_path, validate
from katalog_sop.source import parse_text

from conftest import REPO


def test_the_schema_is_the_one_at_the_top_of_the_repository():
    assert schema_path().read_bytes() == (REPO / "schema" / "sop.schema.json").read_bytes()


def test_schema_is_valid_json_schema_2020_12():
    schema = load_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def _properties(node, path=()):
    """Every (path, property schema) in the schema."""
    if isinstance(node, dict):
        for name, sub in node.get("properties", {}).items():
            yield path + (name,), sub
        for key, value in node.items():
            yield from _properties(value, path + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _properties(value, path + (index,))


def test_every_property_is_described_for_editors():
    undescribed = [path for path, sub in _properties(load_schema()) if not sub.get("description")]
    assert undescribed == []


def test_every_object_refuses_unknown_keys():
    def objects(node):
        if isinstance(node, dict):
            if node.get("type") == "object":
                yield node
            for value in node.values():
                yield from objects(value)
        elif isinstance(node, list):
            for value in node:
                yield from objects(value)

    found = list(objects(load_schema()))
    assert found and all(obj.get("additionalProperties") is False for obj in found)


def test_every_example_is_valid_against_its_own_property():
    schema = load_schema()
    checked = 0
    for path, sub in _properties(schema):
        for example in sub.get("examples", []):
            wrapper = {"$defs": schema["$defs"], **sub}
            errors = list(Draft202012Validator(wrapper).iter_errors(example))
            assert errors == [], (path, example)
            checked += 1
    assert checked > 30


def test_only_structure_is_required():
    assert load_schema()["required"] == ["nama", "pelaksana", "langkah"]


def _messages(text: str) -> list[tuple[int, int, str, str]]:
    document, problems = parse_text(text, "x.yaml")
    assert problems == []
    return [(p.location.line, p.location.column, p.location.json_path, p.message) for p in validate(document)]


BASE = "nama: Contoh\npelaksana: [A, B]\nlangkah: [{kegiatan: Menerima}]\n"


@pytest.mark.parametrize(
    "extra, expected",
    [
        ("tanggal_pembuatn: 1 Mei 2024\n", (4, 1, "$.tanggal_pembuatn", "kunci tidak dikenal 'tanggal_pembuatn'; mungkin maksudnya 'tanggal_pembuatan'?")),
        ("dasar_hukum: {a: b}\n", (4, 14, "$.dasar_hukum", "harus berupa teks atau daftar teks, bukan pemetaan (kunci: nilai)")),
        ("disahkan_oleh: {nip: [1]}\n", (4, 22, "$.disahkan_oleh.nip", "harus berupa teks atau bilangan bulat, bukan daftar")),
        ("satuan_waktu: jamm\n", (4, 15, "$.satuan_waktu", "'jamm' tidak dikenal; pilih salah satu: detik, menit, jam, hari, hari_kerja, minggu, bulan, tahun; mungkin maksudnya 'jam'?")),
        ("revisi: [{tanggal: 1 Mei 2024}]\n", (4, 10, "$.revisi[0]", "kunci wajib 'uraian' tidak ada")),
        ("kop: {alamat: ''}\n", (4, 15, "$.kop.alamat", "tidak boleh kosong")),
        ("kategori: [Keuangan]\n", (4, 11, "$.kategori", "harus berupa teks, bukan daftar")),
        ("kategori: 12\n", (4, 11, "$.kategori", "harus berupa teks, bukan bilangan bulat")),
        ("kategori: ' '\n", (4, 11, "$.kategori", "tidak boleh kosong")),
    ],
)
def test_messages_point_at_the_node(extra, expected):
    assert _messages(BASE + extra) == [expected]


def test_kategori_is_optional_text():
    assert _messages(BASE + "kategori: Kepegawaian\n") == []
    assert "kategori" not in load_schema()["required"]


def test_unknown_key_without_close_match_lists_known_keys():
    [(line, column, path, message)] = _messages(BASE + "kop: {telepon: '123'}\n")
    assert (line, column, path) == (4, 7, "$.kop.telepon")
    assert message == "kunci tidak dikenal 'telepon'; kunci yang dikenal: alamat, email, logo, situs_web"


@pytest.mark.parametrize("logo", ["gambar/logo-kabupaten.png", "logo.PNG", "aset/logo_2024/pemda.v2.svg", "a/b/c.jpeg",
                                  "x.webp", "x.gif", "x.jpg"])
def test_kop_logo_is_a_relative_path_of_an_image_in_docs(logo):
    assert _messages(BASE + f"kop: {{logo: '{logo}'}}\n") == []


LOGO_MESSAGE = (
    "logo harus berupa path berkas gambar (.png, .jpg, .jpeg, .gif, .svg atau .webp) relatif terhadap folder docs/, "
    "misalnya 'gambar/logo-kabupaten.png': hanya huruf, angka, '_', '-' dan '.' dengan '/' sebagai pemisah folder; "
    "bukan alamat web, tanpa '/' di awal dan tanpa '..'"
)


@pytest.mark.parametrize("logo", [
    "http://x/logo.png", "https://contoh.go.id/logo.png", "//contoh.go.id/logo.png", "../logo.png",
    "gambar/../../logo.png", "/logo.png", "javascript:alert(1)", "javascript:alert(1)//x.png",
    "data:image/png;base64,iVBORw0KGgo=", "data:image/svg+xml,<svg onload=alert(1)>.svg", "./logo.png",
    ".rahasia/logo.png", "gambar//logo.png", "gambar\\logo.png", "logo.png?x=1", "logo.png#x", "logo png.png",
    "logo.pdf", "logo", "gambar/", "lógo.png",
])
def test_kop_logo_refuses_urls_and_paths_out_of_docs(logo):
    text = BASE + "kop:\n  logo: " + json.dumps(logo) + "\n"
    assert _messages(text) == [(5, 9, "$.kop.logo", LOGO_MESSAGE)]


def test_kop_logo_refuses_a_trailing_line_break_and_what_is_not_text():
    assert _messages(BASE + "kop:\n  logo: |\n    gambar/logo.png\n") == [(5, 9, "$.kop.logo", LOGO_MESSAGE)]
    [(_, _, path, message)] = _messages(BASE + "kop: {logo: [gambar/logo.png]}\n")
    assert (path, message) == ("$.kop.logo", "harus berupa teks, bukan daftar")


def test_the_logo_pattern_named_in_code_is_the_schemas():
    from katalog_sop.schema import LOGO_PATTERN

    assert load_schema()["properties"]["kop"]["properties"]["logo"]["pattern"] == LOGO_PATTERN


def test_wrong_item_inside_a_list_is_reported_at_the_item():
    [(line, column, path, message)] = _messages(BASE + "dasar_hukum:\n  - UU 25/2009\n  - 12\n")
    assert (line, column, path, message) == (6, 5, "$.dasar_hukum[1]", "harus berupa teks, bukan bilangan bulat")


def test_bad_step_id_reads_as_advice():
    [(_, _, path, message)] = _messages("nama: C\npelaksana: [A]\nlangkah: [{id: 1a, kegiatan: K}]\n")
    assert path == "$.langkah[0].id"
    assert message == "id harus diawali huruf dan hanya berisi huruf, angka, '_', '.' atau '-'"


def test_schema_file_is_plain_json_with_indonesian_title():
    data = json.loads((REPO / "schema" / "sop.schema.json").read_text(encoding="utf-8"))
    assert data["title"] == "SOP Administrasi Pemerintahan"
