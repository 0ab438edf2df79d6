"""The adversarial corpus: hostile and broken entries an attacker or a careless editor could send by pull request.

Each file of tests/adversarial/ is one case: a comment saying what it tries, the problems `make check` must report
(`# expect: CODE data/<file>:<line>: "<field>"`) or `# expect: valid`, and the data files it adds to the small
catalog of conftest.MINI (`=== <path>` then the file's bytes; `=== <path> symlink <target>` and `=== <path> fifo`
make files that are not regular files). All cases go into one catalog and one run of the check, as a reviewer
would see them: every expected problem must be named, by its stable code, with nothing printed raw that could
drive a terminal, no traceback, and in bounded time and memory. The cases whose text is hostile but valid are
built into pages and checked in Chromium by tests/test_hostile_input.py.
"""

from __future__ import annotations

import json
import os
import re
import resource
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import ROOT, write_catalog

CORPUS = ROOT / "tests" / "adversarial"
MEMORY_LIMIT = 2 * 1024**3  # bytes of address space for the whole check: a billion laughs would need far more
TIME_LIMIT = 60  # seconds for the whole corpus; it takes about one
# file:line: field: message [CODE], where nothing is a control or format character
PROBLEM_LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>[0-9]+): (?P<field>.+?): (?P<message>.+)"
                          r" \[(?P<code>[A-Z][0-9]{3})\]$")


@dataclass
class Case:
    name: str
    expect: list  # (code, file, line, printed field); empty for a valid case
    files: list  # (path under data/, bytes or None, directive)


def _printed(field: str) -> str:
    """How a field name must appear in the output: non-printable characters as Python escapes."""
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in field)


def load_cases() -> list[Case]:
    cases = []
    for path in sorted(CORPUS.glob("*.case")):
        header, _, rest = path.read_bytes().partition(b"\n=== ")
        expect = []
        for line in header.decode("utf-8").splitlines():
            if line.startswith("# expect: ") and line != "# expect: valid":
                code, where, field = line[len("# expect: "):].split(" ", 2)
                file, number, _ = where.split(":")
                expect.append((code, file, int(number), _printed(json.loads(field))))
        files = []
        for chunk in re.split(rb"\n=== ", b"\n" + b"=== " + rest if rest else b"")[1:]:
            first, _, body = chunk.partition(b"\n")
            target, *directive = first.decode("utf-8").split(" ", 1)
            files.append((target, body if not directive else None, directive[0] if directive else ""))
        cases.append(Case(path.stem, expect, files))
    return cases


CASES = load_cases()


def _make(root: Path, case: Case, secret: Path, outside: Path) -> None:
    for target, body, directive in case.files:
        path = root / "data" / target
        path.parent.mkdir(parents=True, exist_ok=True)
        if directive.startswith("symlink "):
            link = directive.split(" ", 1)[1].format(secret=secret, outside=outside, outside_dir=outside.parent,
                                                     self=path)
            os.symlink(link, path)
        elif directive == "fifo":
            os.mkfifo(path)
        else:
            path.write_bytes(body.rstrip(b"\n") + b"\n" if body.strip() else body)


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("adversarial")
    write_catalog(root)
    shutil.copytree(ROOT / "docs", root / "docs")  # the hand-written pages whose addresses entries may not take
    outside = tmp_path_factory.mktemp("outside")
    secret = outside / "secret.txt"
    secret.write_text("SECRET-TOKEN-0451\n", encoding="utf-8")
    (outside / "entry.yaml").write_text((root / "data" / "models" / "tiny.yaml").read_text("utf-8")
                                        .replace("name: Tiny\nother_names: [TinyNet]", "name: Outsider"), "utf-8")
    for case in CASES:
        _make(root, case, secret, outside / "entry.yaml")
    start = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "macros", "check", "--root", str(root)], capture_output=True,
                            cwd=ROOT, timeout=TIME_LIMIT, preexec_fn=_limits)
    result.elapsed = time.monotonic() - start
    return result


def test_the_corpus_is_large_and_every_case_expects_something():
    assert len(CASES) >= 100
    for case in CASES:
        assert case.files, case.name
        valid = b"# expect: valid" in (CORPUS / f"{case.name}.case").read_bytes()
        assert case.expect or valid, f"{case.name} states no expectation"


def test_the_check_fails_cleanly_in_bounded_time(corpus_run):
    out, err = corpus_run.stdout.decode("utf-8"), corpus_run.stderr.decode("utf-8")
    assert corpus_run.returncode == 1
    assert "Traceback" not in out + err and "Error:" not in err.splitlines()[-1]
    assert err.splitlines()[-1].endswith("problems in data/: nothing was built.")
    assert corpus_run.elapsed < TIME_LIMIT


def test_every_line_is_a_coded_problem_and_nothing_reaches_the_terminal_raw(corpus_run):
    err = corpus_run.stderr.decode("utf-8")
    for line in err.splitlines()[:-1]:
        assert line.isprintable(), f"unescaped character in {line!r}"
        assert PROBLEM_LINE.match(line), f"not file:line: field: message [CODE]: {line!r}"
    assert "SECRET-TOKEN-0451" not in err + corpus_run.stdout.decode("utf-8")


def test_the_untouched_files_stay_quiet(corpus_run):
    case_files = {f"data/{target}" for case in CASES for target, *_ in case.files}
    reported = {PROBLEM_LINE.match(line)["file"] for line in corpus_run.stderr.decode("utf-8").splitlines()[:-1]}
    assert reported <= case_files, sorted(reported - case_files)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_each_case_is_refused_as_expected(corpus_run, case):
    lines = [PROBLEM_LINE.match(line) for line in corpus_run.stderr.decode("utf-8").splitlines()[:-1]]
    mine = [m for m in lines if m and any(m["file"] == f"data/{target}" for target, *_ in case.files)]
    if not case.expect:
        assert mine == [], [m.group(0) for m in mine]
    for code, file, line, field in case.expect:
        assert any((m["code"], m["file"], int(m["line"]), m["field"]) == (code, file, line, field) for m in mine), \
            f"expected {code} at {file}:{line}: {field}; got {[m.group(0) for m in mine]}"
