"""Compile the hot extraction modules with mypyc, in place; or remove them.

    python scripts/build_compiled.py            # build if a source changed (else a no-op)
    python scripts/build_compiled.py --clean    # remove every compiled module: pure Python

`scripts/run.sh` calls it after installing (skip with SITREP_COMPILE=0, which also
cleans); the Dockerfile too. The modules are listed in `sitrep/extraction/compiled.py`,
which also refuses, at import, compiled code older than its source. A failed build
leaves pure Python (it removes what it built) and exits 1; output is the same either way,
only slower. Run it with the project's venv, from anywhere: mypyc type-checks with the
project's mypy settings, so it needs mypy and the stubs of the test extra (or `compile`).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SERVICES = ROOT / "services"


def _compiled_module() -> ModuleType:
    """`sitrep.extraction.compiled` by path: importing the package would load the
    extractor (and whatever compiled modules are there)."""
    path = SERVICES / "sitrep" / "extraction" / "compiled.py"
    spec = importlib.util.spec_from_file_location("_sitrep_compiled", path)
    if spec is None or spec.loader is None:
        raise ImportError(path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _built_files(package_dir: Path) -> list[Path]:
    return sorted(package_dir.rglob("*.so"))


def _complete(compiled: ModuleType) -> bool:
    """Every listed module has its extension beside its source."""
    return all(
        any(path.parent.glob(f"{path.stem}.*.so"))
        for path in map(compiled.source_path, compiled.MODULES)
    )


def clean(compiled: ModuleType) -> int:
    """Remove every compiled module and the stamp; return how many files went."""
    files = _built_files(compiled.PACKAGE_DIR)
    for path in files:
        path.unlink()
    compiled.STAMP.unlink(missing_ok=True)
    return len(files)


def _compile_in_parallel(compiler: Any) -> None:
    """Compile an extension's C files on every core: mypyc puts the whole group (a C file
    per module) in one extension, which setuptools compiles one file after another."""
    serial = compiler._compile

    def compile_all(
        sources: list[str],
        output_dir: str | None = None,
        macros: Any = None,
        include_dirs: Any = None,
        debug: bool = False,
        extra_preargs: Any = None,
        extra_postargs: Any = None,
        depends: Any = None,
    ) -> list[str]:
        macros, objects, extra_postargs, pp_opts, build = compiler._setup_compile(
            output_dir, macros, include_dirs, sources, depends, extra_postargs
        )
        cc_args = compiler._get_cc_args(pp_opts, debug, extra_preargs)
        with ThreadPoolExecutor(os.cpu_count() or 1) as pool:
            for _ in pool.map(
                lambda obj: serial(obj, *build[obj], cc_args, extra_postargs, pp_opts), objects
            ):
                pass
        return list(objects)

    compiler.compile = compile_all


def build(compiled: ModuleType) -> None:
    """Compile `compiled.MODULES` into one shared library beside the sources."""
    from mypyc.build import mypycify
    from setuptools import Distribution
    from setuptools.command.build_ext import build_ext

    class ParallelBuildExt(build_ext):  # type: ignore[misc]
        def build_extensions(self) -> None:
            _compile_in_parallel(self.compiler)
            super().build_extensions()

    sources = [str(compiled.source_path(m).relative_to(ROOT)) for m in compiled.MODULES]
    os.chdir(ROOT)  # mypy reads the project's settings (pyproject.toml) from here
    with tempfile.TemporaryDirectory(prefix="sitrep-mypyc-") as temporary:
        work = Path(temporary)
        extensions = mypycify(
            sources,
            group_name=compiled.GROUP,
            target_dir=str(work / "c"),
            multi_file=True,  # one C file per module: compiled in parallel, in less memory
        )
        headers = work / "c" / Path(*compiled.PACKAGE.split("."))  # the group's, with multi_file
        for extension in extensions:
            extension.include_dirs.append(str(headers))
        dist = Distribution(
            {
                "name": "sitrep-compiled",
                "package_dir": {"": str(SERVICES)},
                "ext_modules": extensions,
                "cmdclass": {"build_ext": ParallelBuildExt},
            }
        )
        dist.script_args = [
            "build_ext",
            "--inplace",
            "--build-temp",
            str(work / "o"),
            "--build-lib",
            str(work / "lib"),
        ]
        dist.parse_command_line()
        dist.run_commands()


@contextlib.contextmanager
def _output_to(log: Path | None) -> Iterator[None]:
    """mypyc's and the compiler's chatter (child processes too) into `log`, if given."""
    if log is None:
        yield
        return
    saved = os.dup(1), os.dup(2)
    with log.open("w") as sink:
        os.dup2(sink.fileno(), 1)
        os.dup2(sink.fileno(), 2)
        try:
            yield
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)


def say(message: str) -> None:
    """One line on stderr: `scripts/run.sh sitrep extract --json` keeps stdout JSON."""
    print(f"compiled modules: {message}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clean", action="store_true", help="remove compiled modules")
    parser.add_argument("--log", type=Path, help="write mypyc's and gcc's output there")
    args = parser.parse_args(argv)
    compiled = _compiled_module()
    if args.clean:
        say(f"removed {clean(compiled)} files; extraction runs pure Python")
        return 0
    if not compiled.stale() and _complete(compiled):
        say(f"up to date ({len(compiled.MODULES)} modules run compiled)")
        return 0
    clean(compiled)
    hashes = compiled.source_hashes()  # before: a source edited during the build is stale
    say(f"building {len(compiled.MODULES)} modules with mypyc (a few minutes, once)")
    started = time.monotonic()
    try:
        with _output_to(args.log):
            build(compiled)
    except (Exception, SystemExit) as error:  # noqa: BLE001 - any failure means pure Python
        clean(compiled)
        where = f", see {args.log}" if args.log else ""
        say(f"build FAILED ({error!r}{where}); extraction runs pure Python")
        return 1
    compiled.STAMP.write_text(compiled.stamp_text(hashes), encoding="utf-8")
    say(f"built in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
