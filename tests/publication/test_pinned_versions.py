# SPDX-License-Identifier: EUPL-1.2
"""``constraints.txt`` pins the versions that were tested: every package the kiosk, the
platform or the tests install, their own dependencies included."""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[2]
# The installer's own tools, which each Python's venv brings in its own version (3.12 and
# later bring none): python-escpos names setuptools without needing a version of it.
INSTALLER = {"pip", "setuptools", "wheel"}


def _name(text: str) -> str:
    return re.sub(r"[-_.]+", "-", text).lower()


def _pinned() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, version = line.partition("==")
            assert version, f"constraints.txt: {line!r} is not an exact pin"
            pins[_name(name)] = version.strip()
    return pins


def _installed_tree() -> set[str]:
    """What installing the project with its test extra brings in, as installed here."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [Requirement(r) for r in project["dependencies"]]
    wanted += [Requirement(r) for r in project["optional-dependencies"]["test"]]
    seen: set[str] = set()
    while wanted:
        requirement = wanted.pop()
        name = _name(requirement.name)
        if name in seen or (
            requirement.marker is not None and not requirement.marker.evaluate({"extra": ""})
        ):
            continue
        try:
            distribution = metadata.distribution(requirement.name)
        except metadata.PackageNotFoundError:
            continue  # not for this platform or Python
        seen.add(name)
        for extra in requirement.extras:
            wanted += [
                Requirement(r)
                for r in distribution.requires or []
                if Requirement(r).marker is not None
                and Requirement(r).marker.evaluate({"extra": extra})  # type: ignore[union-attr]
            ]
        wanted += [Requirement(r) for r in distribution.requires or [] if "extra ==" not in r]
    return seen


def test_every_installed_dependency_is_pinned_to_the_version_tested() -> None:
    pins = _pinned()
    tree = _installed_tree()
    assert "orjson" in tree and "pyside6-essentials" in tree
    unpinned = sorted(name for name in tree - INSTALLER if name not in pins)
    assert unpinned == [], f"not in constraints.txt: {unpinned}"
    differ = {
        name: (pins[name], metadata.version(name))
        for name in tree - INSTALLER
        if metadata.version(name) != pins[name]
    }
    assert differ == {}, f"pinned, installed: {differ}"
