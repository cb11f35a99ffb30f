"""Passing cases for the compiler's own codes: a clean project (the bundled
example, which uses nearly every verb, for every environment) reports none."""

from __future__ import annotations

from pathlib import Path

import pytest

from connectc.build import build_project


@pytest.mark.parametrize("env", ["dev", "test", "prod"])
def test_compiler_codes_stay_quiet_on_a_clean_project(example: Path, env: str) -> None:
    result = build_project(example / "specs", env, out=example / "out" / env)
    found = {d.code for d in result.diagnostics}
    assert "CC0001" not in found
    assert "CC0002" not in found
    assert "CC0003" not in found
    assert "CC0004" not in found
    assert "CC0005" not in found
    assert "CC0006" not in found
    assert "CC0007" not in found
    assert "CC0008" not in found
    assert "CC0009" not in found
    assert "CC0010" not in found
    assert "CC0011" not in found
    assert "CC0012" not in found
    assert "CC0013" not in found
    assert "CC0014" not in found
    assert "CC0015" not in found
    assert "CC1001" not in found
    assert "CC1002" not in found
    assert "CC1003" not in found
    assert "CC1004" not in found
    assert "CC1005" not in found
    assert "CC2001" not in found
    assert "CC2002" not in found
    assert "CC2003" not in found
    assert "CC2004" not in found
    assert "CC2005" not in found
    assert "CC2006" not in found
    assert "CC2007" not in found
    assert "CC2008" not in found
    assert "CC2010" not in found
    assert "CC3001" not in found
    assert "CC3002" not in found
    assert "CC3003" not in found
    assert "CC3004" not in found
    assert "CC3005" not in found
    assert "CC3006" not in found
    assert "CC3007" not in found
    assert "CC5001" not in found
    assert "CC5002" not in found
    assert "CC5003" not in found
