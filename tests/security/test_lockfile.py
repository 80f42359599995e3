"""Reproducible installs: requirements.lock pins every dependency, direct and transitive.

The closure is walked over the installed distributions (CI installs from the lock), so a new
dependency in pyproject.toml, or a new transitive one it drags in, fails here until `make lock`.
"""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;#]+)\s*$")


def lock_pins() -> dict[str, Version]:
    pins: dict[str, Version] = {}
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        match = _PIN.match(line)
        assert match, f"requirements.lock line is not an exact pin: {line!r}"
        pins[canonicalize_name(match[1])] = Version(match[2])
    return pins


def direct_requirements() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    extras = project.get("optional-dependencies", {})
    return [Requirement(r) for r in [*project["dependencies"], *extras.get("dev", [])]]


def closure(roots: list[Requirement]) -> set[str]:
    """Every distribution the roots need, following extras and environment markers."""
    seen: set[str] = set()
    todo = [(r, frozenset(r.extras)) for r in roots]
    while todo:
        req, extras = todo.pop()
        name = canonicalize_name(req.name)
        key = f"{name}[{','.join(sorted(extras))}]"
        if key in seen:
            continue
        seen.add(key)
        for text in metadata.requires(req.name) or []:
            child = Requirement(text)
            if child.marker is None or any(
                child.marker.evaluate({"extra": extra}) for extra in (extras or {""})
            ):
                todo.append((child, frozenset(child.extras)))
    return {key.split("[", 1)[0] for key in seen}


def test_every_direct_dependency_is_pinned_within_its_range() -> None:
    pins = lock_pins()
    for req in direct_requirements():
        name = canonicalize_name(req.name)
        assert name in pins, f"{req.name} is not pinned in requirements.lock"
        assert req.specifier.contains(pins[name], prereleases=True), (
            f"requirements.lock pins {req.name}=={pins[name]} outside {req.specifier}"
        )


def test_every_transitive_dependency_is_pinned() -> None:
    pins = lock_pins()
    missing = sorted(closure(direct_requirements()) - set(pins))
    assert missing == [], f"not pinned in requirements.lock (run `make lock`): {missing}"


def test_installed_versions_are_the_pinned_ones() -> None:
    for name, version in lock_pins().items():
        assert Version(metadata.version(name)) == version, f"{name} differs from the lock"


def test_installs_go_through_the_lock() -> None:
    makefile = (ROOT / "Makefile").read_text()
    installs = [line for line in makefile.splitlines() if "pip install" in line and " -e " in line]
    assert installs, "the Makefile installs nothing"
    # `make lock` itself resolves afresh; every other install is constrained by the lock.
    constrained = [line for line in installs if ".lockvenv" not in line]
    assert constrained and all("-c $(LOCK)" in line for line in constrained)
    assert "make test" in (ROOT / ".ci" / "run").read_text()
    assert "requirements.lock" in (ROOT / "README.md").read_text()
