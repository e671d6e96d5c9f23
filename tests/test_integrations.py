"""What a maintainer copies into an SOP repository: the pre-commit hooks, the CI templates, the README's commands."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from katalog_sop.cli import _parser

from conftest import MINIMAL, REPO

HOOKS = REPO / ".pre-commit-hooks.yaml"
GITHUB = REPO / "integrations" / "github" / "katalog-sop.yml"
GITLAB = REPO / "integrations" / "gitlab" / "katalog-sop.gitlab-ci.yml"
SECTION = "## Using Katalog SOP in your own repository"
GOOD_SOP = REPO / "tests" / "examples" / "valid" / "lengkap.yaml"

# The keys pre-commit documents for a hook in .pre-commit-hooks.yaml (https://pre-commit.com/#new-hooks).
HOOK_KEYS = {
    "id", "name", "entry", "language", "files", "exclude", "types", "types_or", "exclude_types",
    "always_run", "fail_fast", "verbose", "pass_filenames", "require_serial", "description",
    "language_version", "minimum_pre_commit_version", "args", "stages",
}


def _load(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _hooks() -> list[dict]:
    return _load(HOOKS)


def _section() -> str:
    """The README's section on using Katalog SOP elsewhere, up to the next top-level heading."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert SECTION in readme
    return readme.split(SECTION + "\n", 1)[1].split("\n## ", 1)[0]


def _code_blocks(markdown: str, language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", markdown, re.MULTILINE | re.DOTALL)


# --- every file parses ------------------------------------------------------


@pytest.mark.parametrize("path", [HOOKS, GITHUB, GITLAB], ids=lambda p: p.name)
def test_the_file_is_yaml(path):
    assert isinstance(_load(path), (list, dict))


# --- the pre-commit hooks ---------------------------------------------------


def test_the_hooks_have_the_keys_pre_commit_requires_and_no_others():
    hooks = _hooks()
    assert isinstance(hooks, list) and hooks
    assert "sop-check" in [hook["id"] for hook in hooks]
    for hook in hooks:
        assert {"id", "name", "entry", "language"} <= set(hook), hook
        assert set(hook) <= HOOK_KEYS, set(hook) - HOOK_KEYS
        assert hook["language"] == "python"  # pre-commit installs this repository with pip
        assert hook.get("pass_filenames", True) is True
        assert "yaml" in hook.get("types", ["yaml"])


@pytest.mark.parametrize("hook", _hooks(), ids=lambda hook: hook["id"])
def test_the_hook_runs_sop_check_on_sop_files_only(hook):
    files = re.compile(hook["files"])  # pre-commit applies it with re.search to paths from the top
    assert files.search("sops/a/b.yaml")
    assert files.search("sops/a/b.yml")
    assert not files.search("docs/x.md")
    assert not files.search("mkdocs.yml")
    assert not files.search("katalog-sop.yml")
    argv = shlex.split(hook["entry"]) + list(hook.get("args", []))
    assert argv[:2] == ["sop", "check"]
    _parser().parse_args(argv[1:] + ["sops/a/b.yaml"])  # pre-commit appends the file names


def _run_hook(hook: dict, repository: Path, *extra_args: str) -> subprocess.CompletedProcess:
    """Run the hook as pre-commit would: entry, args, then the staged files its filters select."""
    candidates = sorted(p.relative_to(repository).as_posix() for p in repository.rglob("*") if p.is_file())
    selected = [
        path for path in candidates
        if re.search(hook["files"], path) and path.endswith((".yaml", ".yml"))  # `types: [yaml]`
    ]
    argv = shlex.split(hook["entry"]) + list(hook.get("args", [])) + list(extra_args) + selected
    assert argv[0] == "sop"
    script = Path(sys.executable).parent / "sop"
    command = [str(script)] if script.is_file() else [sys.executable, "-m", "katalog_sop"]
    env = {**os.environ, "PYTHONWARNINGS": "error", "NO_COLOR": "1"}
    return subprocess.run(
        command + argv[1:], check=False, cwd=repository, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def sop_repository(tmp_path):
    """An SOP repository with one good SOP and the files pre-commit must not hand to the hook."""
    (tmp_path / "sops" / "unit").mkdir(parents=True)
    shutil.copyfile(GOOD_SOP, tmp_path / "sops" / "unit" / "baik.yaml")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Katalog\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: Katalog\n", encoding="utf-8")
    return tmp_path


def _hook(hook_id: str) -> dict:
    return next(hook for hook in _hooks() if hook["id"] == hook_id)


def test_the_hook_passes_a_good_sop_and_fails_a_broken_one_at_its_line(sop_repository):
    hook = _hook("sop-check")
    good = _run_hook(hook, sop_repository)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "SOPAP-C01" in good.stderr  # the catalogue-wide rules are skipped, and the summary says so

    broken = MINIMAL.replace("pelaksana: Kepala Bagian\n", "pelaksana: Kepala Bidang\n")
    assert broken != MINIMAL
    (sop_repository / "sops" / "unit" / "rusak.yml").write_text(broken, encoding="utf-8")
    result = _run_hook(hook, sop_repository)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "sops/unit/rusak.yml:7:16: error[reference] pelaksana 'Kepala Bidang'" in result.stdout
    assert not re.search(r"^sops/unit/baik\.yaml:\d+:\d+: error", result.stdout, re.MULTILINE)


def test_the_strict_hook_fails_on_warnings(sop_repository):
    # Checked as on a date long after the SOP's tanggal_efektif: its review is overdue, a warning.
    relaxed = _run_hook(_hook("sop-check"), sop_repository, "--today", "2030-01-01")
    assert relaxed.returncode == 0, relaxed.stdout + relaxed.stderr
    assert "sops/unit/baik.yaml:13:18: warning[SOPAP-W03]" in relaxed.stdout
    strict = _run_hook(_hook("sop-check-strict"), sop_repository, "--today", "2030-01-01")
    assert strict.returncode == 1, strict.stdout + strict.stderr
    on_time = _run_hook(_hook("sop-check-strict"), sop_repository, "--today", "2025-06-01")
    assert on_time.returncode == 0, on_time.stdout + on_time.stderr


# --- the CI templates -------------------------------------------------------


def _github_scripts() -> list[str]:
    workflow = _load(GITHUB)
    return [step["run"] for job in workflow["jobs"].values() for step in job["steps"] if "run" in step]


def _gitlab_scripts() -> list[str]:
    template = _load(GITLAB)
    return [
        line
        for job in template.values() if isinstance(job, dict)
        for key in ("before_script", "script", "after_script")
        for line in job.get(key, [])
    ]


SOP_LINE = re.compile(r"^[ \t]*(sop[ \t].*)$", re.MULTILINE)
PLACEHOLDERS = [
    (re.compile(r"\$\{\{.*?\}\}"), "PLACEHOLDER"),  # a GitHub Actions expression
    (re.compile(r"\$\{?[A-Za-z_][A-Za-z0-9_]*\}?"), "PLACEHOLDER"),  # a shell or CI variable
]
CONTROL = {"|", "||", "&&", ";", "&", ";;"}
REDIRECT = {">", ">>", "<", ">|"}


def _sop_commands(scripts: list[str]) -> list[str]:
    """Every command line starting with ``sop`` in the shell scripts, continuation lines joined."""
    return [line.strip() for script in scripts for line in SOP_LINE.findall(script.replace("\\\n", " "))]


def _argv(line: str) -> list[str]:
    """The arguments the shell would give ``sop``: variables as placeholder words, without redirections."""
    for pattern, word in PLACEHOLDERS:
        line = pattern.sub(word, line)
    lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    argv, tokens = [], iter(list(lexer))
    for token in tokens:
        if token in CONTROL:
            break
        if token in REDIRECT:
            next(tokens, None)  # and its target
            continue
        argv.append(token)
    return argv


def test_the_argv_helper_reads_the_shell_as_the_shell_does():
    assert _argv('sop diff "$base" HEAD --format markdown > sop-diff.md || true') == [
        "sop", "diff", "PLACEHOLDER", "HEAD", "--format", "markdown",
    ]
    assert _argv("sop diff origin/${{ github.base_ref }} HEAD   # a comment") == [
        "sop", "diff", "origin/PLACEHOLDER", "HEAD",
    ]
    assert _argv("sop check --ignore SOPAP-K01,SOPAP-W03 sops>out.txt") == [
        "sop", "check", "--ignore", "SOPAP-K01,SOPAP-W03", "sops",
    ]


COMMANDS = {
    "github": _sop_commands(_github_scripts()),
    "gitlab": _sop_commands(_gitlab_scripts()),
    "readme": _sop_commands(_code_blocks(_section(), "sh")),
}


@pytest.mark.parametrize(
    ("source", "subcommand"),
    [("github", "check"), ("github", "diff"), ("gitlab", "check"), ("gitlab", "diff"), ("readme", "diff")],
)
def test_the_commands_are_found(source, subcommand):
    assert any(_argv(line)[1] == subcommand for line in COMMANDS[source]), COMMANDS[source]


COMMENT = re.compile(r"\s+#.*")


@pytest.mark.parametrize(
    "line",
    [pytest.param(line, id=f"{source}: {COMMENT.sub('', line)}") for source, lines in COMMANDS.items() for line in lines],
)
def test_every_sop_command_is_accepted_by_the_cli(line):
    argv = _argv(line)
    assert argv[0] == "sop"
    try:
        args = _parser().parse_args(argv[1:])
    except SystemExit as exc:
        pytest.fail(f"`sop` refuses {argv[1:]} (exit {exc.code})")
    assert args.command == argv[1]


def test_the_github_workflow_pins_actions_and_guards_the_comment():
    workflow = _load(GITHUB)
    assert (workflow.get("on") or workflow.get(True)) == {"pull_request": None}  # YAML 1.1 reads `on` as true
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    for step in steps:
        if "uses" in step:
            assert re.fullmatch(r"actions/[a-z-]+@v\d+", step["uses"]), step["uses"]
    diff = workflow["jobs"]["diff"]
    assert diff["permissions"]["pull-requests"] == "write"
    assert diff["steps"][0]["with"]["fetch-depth"] == 0
    comment = next(step for step in diff["steps"] if step.get("uses", "").startswith("actions/github-script@"))
    assert comment["continue-on-error"] is True
    assert "head.repo.full_name == github.repository" in comment["if"]
    installs = [script for script in _github_scripts() if "pip install" in script]
    assert installs and all('"$KATALOG_SOP"' in script for script in installs)


def test_the_gitlab_template_reports_and_exposes_what_it_writes():
    template = _load(GITLAB)
    assert template["stages"] == ["check", "build", "review"]
    assert template[".katalog-sop"]["image"].startswith("python:3.1")
    check = template["sop-check"]
    assert any("--format junit" in line and "> sop-check.xml" in line for line in check["script"])
    assert check["artifacts"]["reports"]["junit"] == "sop-check.xml"
    diff = template["sop-diff"]
    assert diff["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]
    assert diff["artifacts"]["expose_as"]
    assert {"sop-diff.md", "sop-diff.json", "sop-diff-sheets/"} <= set(diff["artifacts"]["paths"])
    assert template["pages"]["artifacts"]["paths"] == ["public"]
    assert "KATALOG_SOP" in template["variables"]


# --- the README section -----------------------------------------------------


def test_the_readme_shows_the_hooks_and_templates_that_exist():
    section = _section()
    config = yaml.safe_load(_code_blocks(section, "yaml")[0])
    hook_ids = {hook["id"] for hook in _hooks()}
    used = {hook["id"] for repo in config["repos"] for hook in repo["hooks"]}
    assert used and used <= hook_ids
    for link in re.findall(r"\]\((integrations/[^)]+)\)", section):
        assert (REPO / link).is_file(), link
    include = yaml.safe_load(_code_blocks(section, "yaml")[1])
    assert include["include"][0]["remote"].endswith("/integrations/gitlab/katalog-sop.gitlab-ci.yml")
