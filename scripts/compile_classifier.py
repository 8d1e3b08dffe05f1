"""Compile the classifier's per-complaint modules to C with mypyc (scripts/bootstrap.sh runs it).

    python scripts/compile_classifier.py [--force]

Does nothing when `_compiled/` already matches the source (services/intake/
classifier_build.py says how that is decided). Otherwise mypy type-checks the modules,
mypyc translates them to C, the C compiler builds them in a scratch folder, and the result
replaces `_compiled/` whole. It ends by classifying one complaint in a fresh interpreter to
show that the build loads. Needs a C compiler and the Python headers; without them the
classifier runs as plain Python, slower, and this script exits non-zero with the reason.
"""

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD_PY = ROOT / "services/intake/classifier_build.py"


def _builds():
    """classifier_build.py on its own: importing the package would load the build being replaced."""
    spec = importlib.util.spec_from_file_location("redress_classifier_build", BUILD_PY)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build(builds, scratch: Path) -> Path:
    from mypyc.build import mypycify
    from setuptools import setup

    sources = [str(builds.PACKAGE_DIR / f"{name}.py") for name in builds.COMPILED_MODULES]
    os.chdir(scratch)  # mypy's cache, the C files and the objects all stay in the scratch folder
    extensions = mypycify(["--ignore-missing-imports", *sources], opt_level="3",
                          group_name=builds.GROUP)
    setup(name="redress-classifier-compiled", ext_modules=extensions,
          script_args=["--quiet", "build_ext", "--build-lib", "lib", "--build-temp", "temp",
                       "--parallel", str(os.cpu_count() or 1)])
    return scratch / "lib" / Path(*builds.PACKAGE.split("."))


def install(builds, built: Path) -> None:
    libraries = sorted(built.glob("*.so"))
    expected = {name.rsplit(".", 1)[-1] for name in (*builds.COMPILED_MODULES, f"{builds.GROUP}__mypyc")}
    found = {path.name.split(".", 1)[0] for path in libraries}
    if found != expected:
        raise SystemExit(f"compile_classifier: mypyc built {sorted(found)}, expected {sorted(expected)}")
    staging = builds.COMPILED_DIR.with_name("_compiled.new")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    for library in libraries:
        shutil.copy2(library, staging / library.name)
    (staging / "FINGERPRINT").write_text(builds.fingerprint() + "\n", encoding="ascii")
    shutil.rmtree(builds.COMPILED_DIR, ignore_errors=True)
    staging.rename(builds.COMPILED_DIR)


def check_loads(builds) -> None:
    """Classify one complaint with the new build in a fresh interpreter; remove a build that fails."""
    probe = ("from services.intake.domain.classification import classify\n"
             "from services.intake.classifier_build import running_compiled\n"
             "result = classify('I want a refund of $200 for the broken crown.', language='en')\n"
             "assert running_compiled(), 'the compiled classifier was not loaded'\n"
             "print(result.level, result.flags, result.amount.value)")
    environment = {**os.environ, "REDRESS_CLASSIFIER_PURE": "0"}
    try:
        subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=environment, check=True, stdout=subprocess.DEVNULL)
    except subprocess.CalledProcessError as error:
        shutil.rmtree(builds.COMPILED_DIR, ignore_errors=True)
        raise SystemExit("compile_classifier: the build does not load (see above); removed it, the classifier "
                         "runs as plain Python") from error


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="rebuild even when the build is current")
    args = parser.parse_args()
    builds = _builds()
    if builds.build_is_current() and not args.force:
        print("compile_classifier: the compiled classifier is current")
        return
    started = time.monotonic()
    print(f"compile_classifier: compiling {len(builds.COMPILED_MODULES)} modules with mypyc "
          "(about a minute)...", flush=True)
    with tempfile.TemporaryDirectory(prefix="redress-mypyc-") as scratch:
        try:
            built = build(builds, Path(scratch))
        except (Exception, SystemExit) as error:  # setuptools reports a compiler failure as SystemExit
            raise SystemExit(f"compile_classifier: the build failed ({error}); the classifier runs as "
                             "plain Python") from error
        finally:
            os.chdir(ROOT)
        install(builds, built)
    check_loads(builds)
    print(f"compile_classifier: built and loaded in {time.monotonic() - started:.0f} s "
          f"({builds.COMPILED_DIR.relative_to(ROOT)})")


if __name__ == "__main__":
    main()
