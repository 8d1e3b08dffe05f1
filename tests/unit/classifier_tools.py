"""What the classifier's tests share: the rule book alone, every labelled complaint in
tests/data, and the bench and the training script loaded as modules (they live outside the
packages, as scripts)."""

import importlib.util
import json
from pathlib import Path
from types import ModuleType

from services.intake.domain.classification import Classification, classify

ROOT = Path(__file__).resolve().parents[2]


def by_rules(text: str, **kwargs) -> Classification:
    """The rule book alone (no learned second opinion): the rule tests specify the rules."""
    return classify(text, learned=False, **kwargs)


def labelled(language: str | None = None) -> list[dict]:
    """Every labelled complaint in tests/data (in one language, if given), file by file."""
    records = [json.loads(line) for path in sorted((ROOT / "tests" / "data").glob("classification-*.jsonl"))
               for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [record for record in records if language in (None, record["language"])]


def script(relative_path: str) -> ModuleType:
    """`bench/classification.py` or `scripts/train_classifier.py`, imported by path."""
    path = ROOT / relative_path
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
