"""The classifier compiled by mypyc and the plain Python it is compiled from classify alike,
and a compiled build is used only while it matches its source (classifier_build.py)."""

import json
import os
import shutil
import subprocess
import sys

import pytest

from services.intake import classifier_build as builds
from services.intake.domain.classification import classify
from tests.unit.classifier_tools import ROOT, labelled

pytestmark = pytest.mark.unit

_DUMP = """
import json, sys
from services.intake.classifier_build import running_compiled
from services.intake.domain.classification import classify
assert not running_compiled()
for line in sys.stdin:
    record = json.loads(line)
    result = classify(record["text"], channel=record.get("channel"), language=record.get("language"),
                      demands=record.get("demands", ()), has_representative=record.get("representative", False))
    print(result.model_dump_json())
"""


def _cases() -> list[dict]:
    """Every labelled complaint, once as labelled and once with the language left to detect and
    structured fields given, so that every branch of the rule book runs."""
    cases = []
    for number, record in enumerate(labelled()):
        cases.append(record)
        cases.append({"text": record["text"], "demands": ("refund",) if number % 3 == 0 else (),
                      "representative": number % 5 == 0, "channel": "letter" if number % 7 == 0 else None})
    return cases


_NOT_BUILT = ("no compiled classifier for the current source: scripts/bootstrap.sh builds it (it needs a C "
              "compiler and the Python headers; see its output)")


def test_the_suite_runs_the_compiled_classifier():
    assert builds.build_is_current(), _NOT_BUILT
    assert builds.running_compiled()


def test_compiled_and_plain_python_classify_every_labelled_complaint_alike():
    assert builds.running_compiled(), _NOT_BUILT  # else both sides below would be plain Python
    cases = _cases()
    plain = subprocess.run(
        [sys.executable, "-c", _DUMP], cwd=ROOT, env={**os.environ, "REDRESS_CLASSIFIER_PURE": "1"},
        input="".join(json.dumps(case, ensure_ascii=False) + "\n" for case in cases),
        capture_output=True, text=True, check=True).stdout.splitlines()
    compiled = [classify(case["text"], channel=case.get("channel"), language=case.get("language"),
                         demands=case.get("demands", ()), has_representative=case.get("representative", False)
                         ).model_dump_json() for case in cases]
    assert len(plain) == len(compiled) == len(cases) > 13_000
    differing = [(case["text"][:60], ours, theirs) for case, ours, theirs in zip(cases, compiled, plain)
                 if ours != theirs]
    assert not differing, differing[:3]


def test_an_edited_module_is_not_shadowed_by_an_old_build(tmp_path, monkeypatch):
    package = tmp_path / "classification"
    shutil.copytree(builds.PACKAGE_DIR, package, ignore=shutil.ignore_patterns("_compiled*", "__pycache__"))
    monkeypatch.setattr(builds, "PACKAGE_DIR", package)
    monkeypatch.setattr(builds, "COMPILED_DIR", package / "_compiled")
    monkeypatch.setattr(builds, "FINGERPRINT_FILE", package / "_compiled" / "FINGERPRINT")
    monkeypatch.delenv("REDRESS_CLASSIFIER_PURE", raising=False)

    assert not builds.build_is_current()  # no build at all
    (package / "_compiled").mkdir()
    builds.FINGERPRINT_FILE.write_text(builds.fingerprint() + "\n", encoding="ascii")
    search_path: list[str] = []
    assert builds.prefer_compiled(search_path) and search_path == [str(package / "_compiled")]

    amounts = package / "amounts.py"
    amounts.write_text(amounts.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    search_path = []
    assert not builds.prefer_compiled(search_path) and search_path == []

    builds.FINGERPRINT_FILE.write_text(builds.fingerprint() + "\n", encoding="ascii")
    monkeypatch.setenv("REDRESS_CLASSIFIER_PURE", "1")
    assert not builds.prefer_compiled(search_path) and search_path == []
