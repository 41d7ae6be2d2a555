"""The static checks of ``make lint`` that need the package as installed: import contracts and types.

    python -m tests.support.tooling imports   # import-linter: exit 1 and the broken contracts (docs/architecture.md)
    python -m tests.support.tooling mypy      # mypy over spbe_kg.* (config: pyproject [tool.mypy])

``spbe_kg.*`` is assembled from top-level folders by ``package-dir`` (ontology/ -> spbe_kg.ontology, ...), so
import-linter's graph builder, which walks a package's folder, cannot read it in place. :func:`shadow_tree`
copies every module into a ``spbe_kg/`` tree in a temporary folder, exactly as a wheel lays it out, and
:func:`check` runs import-linter on that tree, :func:`typecheck` mypy (its messages name the
files of the checkout). The test ``tests/test_layers.py`` injects a wrong-way import
into a copy and expects the contract to fail.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import tempfile
import tomllib
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def package_dirs(root: Path = ROOT) -> dict[str, Path]:
    """``{"spbe_kg.ontology": root/"ontology", ...}`` from pyproject's ``[tool.setuptools] package-dir``."""
    with (root / "pyproject.toml").open("rb") as f:
        cfg = tomllib.load(f)
    return {name: root / rel for name, rel in cfg["tool"]["setuptools"]["package-dir"].items()}


def shadow_tree(dest: Path, root: Path = ROOT) -> Path:
    """Copy every ``.py`` file of the shipped packages to ``dest/spbe_kg/...``; returns ``dest``.

    Copies, not links: the graph builder resolves links and would walk the real folders again."""
    dirs = package_dirs(root)
    for name, src in dirs.items():
        base = dest.joinpath(*name.split("."))
        for dirpath, dirnames, filenames in os.walk(src):
            # a sub-folder mapped to a package of its own is linked by that package's entry
            dirnames[:] = [d for d in dirnames if d != "__pycache__" and Path(dirpath, d) not in dirs.values()]
            rel = Path(dirpath).relative_to(src)
            for fn in filenames:
                if fn.endswith(".py"):
                    out = base / rel / fn
                    out.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(Path(dirpath, fn), out)
    return dest


@contextlib.contextmanager
def _only_path(tree: Path) -> Iterator[None]:
    """Resolve ``spbe_kg`` from ``tree`` (not the editable install's finder) while the graph is built."""
    # import-linter puts the working directory first on sys.path: work from the tree, not the checkout
    saved_meta, saved_path, saved_cwd = list(sys.meta_path), list(sys.path), os.getcwd()
    os.chdir(tree)
    saved_mods = {k: v for k, v in sys.modules.items() if k == "spbe_kg" or k.startswith("spbe_kg.")}
    sys.meta_path[:] = [f for f in sys.meta_path if "editable" not in type(f).__module__.lower()
                        and "editable" not in getattr(f, "__name__", "").lower()]
    sys.path.insert(0, str(tree))
    for k in saved_mods:
        del sys.modules[k]
    try:
        yield
    finally:
        sys.meta_path[:], sys.path[:] = saved_meta, saved_path
        os.chdir(saved_cwd)
        for k in [k for k in sys.modules if k == "spbe_kg" or k.startswith("spbe_kg.")]:
            del sys.modules[k]
        sys.modules.update(saved_mods)


def check(tree: Path | None = None, config: Path = ROOT / "pyproject.toml", verbose: bool = False) -> int:
    """Run import-linter on ``tree`` (default: a fresh shadow tree of this checkout); returns its exit code."""
    from importlinter.cli import lint_imports

    with tempfile.TemporaryDirectory(prefix="spbe-layers-") as tmp:
        tree = tree or shadow_tree(Path(tmp))
        with _only_path(tree):
            return lint_imports(config_filename=str(config), no_cache=True, no_logo=True, verbose=verbose)


def typecheck(root: Path = ROOT) -> int:
    """mypy over a shadow tree in ``build/typecheck`` (a stable place, so mypy's cache stays warm); the
    report names the checkout's files (``ontology/terms.py``, not ``spbe_kg/ontology/terms.py``)."""
    import subprocess

    tree = root / "build" / "typecheck"
    shutil.rmtree(tree / "spbe_kg", ignore_errors=True)
    shadow_tree(tree, root)
    r = subprocess.run([sys.executable, "-m", "mypy", "--config-file", str(root / "pyproject.toml"),
                        "--cache-dir", str(root / "build" / "mypy-cache"), "-p", "spbe_kg"],
                       cwd=tree, capture_output=True, text=True, env={**os.environ, "MYPYPATH": str(tree)})
    out = r.stdout + r.stderr
    # longest package first: spbe_kg/ontology/x.py -> ontology/x.py, spbe_kg/settings.py stays
    for name, src in sorted(package_dirs(root).items(), key=lambda kv: -len(kv[0])):
        prefix = name.replace(".", "/") + "/"
        out = "\n".join(src.relative_to(root).as_posix() + "/" + line[len(prefix):] if line.startswith(prefix)
                        else line for line in out.splitlines())
    print(out)
    return r.returncode


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    if args[:1] == ["mypy"]:
        return typecheck()
    if args[:1] in (["imports"], []):
        return check(verbose="-v" in args)
    print("usage: python -m tests.support.tooling [imports [-v] | mypy]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
