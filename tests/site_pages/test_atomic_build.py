"""A build is all-or-nothing: the site folder always holds one complete site, the old or the new.

The site is built with the real ``mkdocs`` as a maintainer or CI runs it;
failures are made as they happen: Graphviz failing, ``--strict`` finding a
warning, the build killed with SIGKILL at several moments, and a rebuild
of ``mkdocs serve`` failing while readers are served.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import socket
import subprocess
import textwrap
import time
import urllib.request
from pathlib import Path


from site_pages.test_site_safety import project_at, write_sop
from site_pages.test_plugin import MKDOCS
from search_files import search_records

SOPS = 24


def catalogue(tmp_path: Path, version: str, cache: bool = True) -> Path:
    project = project_at(tmp_path)
    if not cache:  # every build draws every sheet: a longer build to interrupt
        config = project / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8").replace("sops: sops", "sops: sops\n      cache: ''"), encoding="utf-8")
    set_version(project, version)
    return project


def set_version(project: Path, version: str) -> None:
    """Every SOP's name carries ``version``, so a page tells which build wrote it."""
    for number in range(SOPS):
        write_sop(project, f"unit-{number % 4}/sop-{number}.yaml", nama=f"Prosedur {number} {version}",
                  pelaksana=("Staf", "Kepala Seksi", "Kepala Bidang"))


def manifest(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def version_of(site: Path) -> str:
    """"vlama" or "vbaru" when every SOP page and the search index come from one build; else what was found."""
    found = set()
    for page in sorted((site / "sop").rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        found |= {v for v in ("vlama", "vbaru") if v in text}
    pages = len(list((site / "sop").rglob("*.html")))
    in_index = {v for v in ("vlama", "vbaru") if any(v in record["nama"] for record in search_records(site))}
    if pages == SOPS and len(found) == 1 and found == in_index:
        return found.pop()
    return f"rusak: {pages} halaman SOP, versi {sorted(found)}, indeks {sorted(in_index)}"


def build(project: Path, *extra: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*MKDOCS, "build", "--strict", *extra], cwd=project, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}, timeout=300)


def leftovers(project: Path) -> list[str]:
    return sorted(p.name for p in project.iterdir() if p.name.startswith(".site."))


def failing_graphviz(folder: Path, flag: Path) -> dict:
    """A PATH whose ``neato`` fails while ``flag`` exists, and is the real one otherwise."""
    folder.mkdir()
    real = subprocess.run(["sh", "-c", "command -v neato"], capture_output=True, text=True, check=True).stdout.strip()
    script = folder / "neato"
    script.write_text(textwrap.dedent(f"""\
        #!/bin/sh
        if [ -e '{flag}' ] && [ "$1" != "-V" ]; then echo "neato: simulated failure" >&2; exit 3; fi
        exec '{real}' "$@"
        """), encoding="utf-8")
    script.chmod(0o755)
    return {"PATH": f"{folder}{os.pathsep}{os.environ['PATH']}"}


def test_a_graphviz_failure_leaves_the_previous_site_whole(tmp_path):
    project = catalogue(tmp_path, "vlama", cache=False)
    assert build(project).returncode == 0
    before = manifest(project / "site")
    flag = tmp_path / "gagal"
    flag.touch()
    env = failing_graphviz(tmp_path / "bin", flag)
    set_version(project, "vbaru")
    result = build(project, env=env)
    assert result.returncode != 0 and "simulated failure" in result.stderr
    assert manifest(project / "site") == before
    assert leftovers(project) == []


def test_a_strict_warning_leaves_the_previous_site_whole(tmp_path):
    project = catalogue(tmp_path, "vlama")
    assert build(project).returncode == 0
    before = manifest(project / "site")
    set_version(project, "vbaru")
    (project / "docs" / "panduan.md").write_text("# Panduan\n\n[rusak](tidak-ada.md)\n", encoding="utf-8")
    result = build(project)
    assert result.returncode != 0 and "strict mode" in result.stdout + result.stderr
    assert manifest(project / "site") == before
    assert leftovers(project) == []


def test_a_build_killed_at_any_moment_leaves_a_complete_site(tmp_path):
    project = catalogue(tmp_path, "vlama", cache=False)
    started = time.monotonic()
    assert build(project).returncode == 0
    duration = time.monotonic() - started
    seen = []
    for fraction in (0.1, 0.3, 0.5, 0.7, 0.85, 0.95, 1.0, 1.05):
        current = version_of(project / "site")
        assert current in ("vlama", "vbaru"), current
        set_version(project, "vbaru" if current == "vlama" else "vlama")
        process = subprocess.Popen([*MKDOCS, "build", "--strict"], cwd=project, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
                                   start_new_session=True)
        time.sleep(duration * fraction)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        after = version_of(project / "site")
        assert after in ("vlama", "vbaru"), f"dibunuh pada {fraction:.0%}: {after}"
        seen.append(after != current)
    assert False in seen, "no build was killed before it finished: the test proved nothing"
    assert build(project).returncode == 0
    assert leftovers(project) == []  # what killed builds left behind is cleaned by the next one


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def _wait_for(predicate, timeout: float = 90.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = predicate()
            if value:
                return value
        except OSError:
            pass
        time.sleep(0.3)
    return predicate()


def test_serve_keeps_serving_the_last_complete_site_when_a_rebuild_fails(tmp_path):
    project = catalogue(tmp_path, "vlama", cache=False)
    flag = tmp_path / "gagal"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **failing_graphviz(tmp_path / "bin", flag)}
    port = _free_port()
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen([*MKDOCS, "serve", "--dev-addr", f"127.0.0.1:{port}"], cwd=project,
                              stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    page = f"http://127.0.0.1:{port}/sop/unit-0/sop-0.html"
    try:
        assert "Prosedur 0 vlama" in _wait_for(lambda: _fetch(page)), (tmp_path / "serve.log").read_text()
        flag.touch()
        set_version(project, "vbaru")
        failed = _wait_for(lambda: "simulated failure" in (tmp_path / "serve.log").read_text())
        assert failed, (tmp_path / "serve.log").read_text()
        for number in range(SOPS):  # every page still the complete old site
            assert "vlama" in _fetch(f"http://127.0.0.1:{port}/sop/unit-{number % 4}/sop-{number}.html")
        flag.unlink()
        set_version(project, "vbaru2")
        assert _wait_for(lambda: "Prosedur 0 vbaru2" in _fetch(page)), (tmp_path / "serve.log").read_text()
    finally:
        os.killpg(server.pid, signal.SIGINT)  # as Ctrl+C: MkDocs removes its temporary site folder
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()


def test_a_sheet_graphviz_cannot_draw_is_a_stand_in_and_the_site_is_still_built(tmp_path):
    project = catalogue(tmp_path, "vlama", cache=False)
    write_sop(project, "unit-0/tak-tergambar.yaml", nama="Prosedur TIDAKTERGAMBAR", pelaksana=("TIDAKTERGAMBAR", "Staf"))
    folder = tmp_path / "bin"
    folder.mkdir()
    real = subprocess.run(["sh", "-c", "command -v neato"], capture_output=True, text=True, check=True).stdout.strip()
    script = folder / "neato"
    script.write_text(textwrap.dedent(f"""\
        #!/bin/sh
        input=$(mktemp)
        cat > "$input"
        if grep -q TIDAKTERGAMBAR "$input"; then rm -f "$input"; echo "neato: cannot draw this one" >&2; exit 3; fi
        exec '{real}' "$@" < "$input"
        """), encoding="utf-8")
    script.chmod(0o755)
    result = build(project, env={"PATH": f"{folder}{os.pathsep}{os.environ['PATH']}"})
    assert result.returncode == 0, result.stderr
    assert "tak-tergambar" in result.stderr and "cannot draw this one" in result.stderr
    page = (project / "site" / "sop" / "unit-0" / "tak-tergambar.html").read_text(encoding="utf-8")
    assert page.count("sop-lembar-halaman") == 1 and "Halaman lembar ini tidak dapat digambar" in page
    assert "Prosedur 0 vlama" in (project / "site" / "sop" / "unit-0" / "sop-0.html").read_text(encoding="utf-8")
