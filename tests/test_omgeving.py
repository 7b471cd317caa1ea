"""The set-up files agree: environment.yml, pyproject.toml and the lock file."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).parents[1]


def _naam(spec: str) -> str:
    return re.split(r"[<>=!~ \[]", spec.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _pyproject() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    specs = project["dependencies"] + project["optional-dependencies"]["dev"]
    return {_naam(s): s.replace(" ", "")[len(_naam(s)) :] for s in specs}


def test_environment_yml_matches_pyproject():
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    conda = {
        _naam(s): s.replace(" ", "")[len(_naam(s)) :]
        for s in env["dependencies"]
        if isinstance(s, str) and _naam(s) not in ("python", "pip")
    }
    assert conda == _pyproject()


def test_lock_file_pins_every_dependency():
    lock = {
        _naam(r): r.split("==")[1]
        for r in (ROOT / "requirements.lock").read_text().splitlines()
        if "==" in r and not r.startswith("#")
    }
    assert set(_pyproject()) <= set(lock)
