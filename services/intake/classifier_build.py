"""Which build of the classifier is loaded: compiled to C by mypyc, used only while it
matches its source, or the plain Python it is compiled from.

`scripts/compile_classifier.py` (run by scripts/bootstrap.sh) compiles the modules in
COMPILED_MODULES into `_compiled/` and writes beside them a fingerprint of every Python file
of the classification package. The package puts `_compiled/` first on its search path only
when that fingerprint still matches, so an edited module is never shadowed by an old build:
it runs as plain Python until the next bootstrap. Both give the same classifications (a test
checks it); REDRESS_CLASSIFIER_PURE=1 forces plain Python.

This lives outside the domain because it reads files and the environment; the
classification package calls it first thing on import.
"""

import hashlib
import os
import sys
from pathlib import Path

PACKAGE = "services.intake.domain.classification"
PACKAGE_DIR = Path(__file__).resolve().parent / "domain" / "classification"
COMPILED_DIR = PACKAGE_DIR / "_compiled"
FINGERPRINT_FILE = COMPILED_DIR / "FINGERPRINT"
GROUP = f"{PACKAGE}._native"  # mypyc's shared library holds the compiled code of every module
# The modules a complaint passes through; the lexicons and shapes only build data at start-up.
COMPILED_MODULES = ("amounts", "classifier", "language", "learned", "levels", "morphology", "negation",
                    "phrases", "reading", "standing", "text", "transliteration")


def fingerprint() -> str:
    """Every Python file of the package, and the interpreter a build is made for."""
    digest = hashlib.sha256(f"{sys.implementation.cache_tag} {sys.version}".encode())
    for path in sorted(PACKAGE_DIR.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def build_is_current() -> bool:
    try:
        return FINGERPRINT_FILE.read_text(encoding="ascii").strip() == fingerprint()
    except OSError:
        return False


def prefer_compiled(package_path: list[str]) -> bool:
    """Put the compiled modules first on the package's search path when they are current."""
    if os.environ.get("REDRESS_CLASSIFIER_PURE") == "1" or not build_is_current():
        return False
    package_path.insert(0, str(COMPILED_DIR))
    return True


def running_compiled() -> bool:
    """Whether the classifier imported in this process is the compiled one."""
    module = sys.modules.get(f"{PACKAGE}.classifier")
    origin = module.__spec__.origin if module is not None and module.__spec__ is not None else None
    return origin is not None and Path(origin).is_relative_to(COMPILED_DIR)
