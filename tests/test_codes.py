"""The code registry: unique, documented, on its page, and covered by tests.

A code is covered when some test fails on it (a `bad` case, an inline marker,
or the code named in a test) and some test passes where it could fire (a
`good` case, or a test line asserting the code is `not in` the findings).
"""

from __future__ import annotations

import re
import warnings
from functools import cache
from pathlib import Path

import pytest

from connectc import codes, codes_page

REPO = Path(__file__).resolve().parents[1]
TESTS = REPO / "tests"
CASES = TESTS / "cases"
CODE = re.compile(r"CC\d{4}")
SCANNED = {".py", ".yaml", ".yml", ".json", ".tmpl", ".ambr"}

# Codes of other stages whose tests did not show a failing or a passing case
# when this list was written. Entries that gained cases since are reported as
# a warning, to be taken off; new codes are held to the rule.
KNOWN_MISSING_FAILING: frozenset[str] = frozenset(
    {
      "CC6014", "CC6023", "CC6024",
    }
)  # fmt: skip
KNOWN_MISSING_PASSING: frozenset[str] = frozenset(
    {
      "CC6001", "CC6002", "CC6003", "CC6004", "CC6005", "CC6007", "CC6008",
      "CC6009", "CC6010", "CC6011", "CC6014", "CC6016", "CC6017",
      "CC6018", "CC6019", "CC6020", "CC6021", "CC6022", "CC6023", "CC6024",
      "CC6025", "CC7001", "CC7002", "CC7003", "CC7004", "CC7005",
      "CC7007", "CC7008", "CC7009", "CC7012", "CC7013",
      "CC7014", "CC7015", "CC7016",
    }
)  # fmt: skip


@cache
def _test_files() -> list[Path]:
    own = Path(__file__).resolve()
    return [
        p for p in sorted(TESTS.rglob("*"))
        if p.is_file() and p.suffix in SCANNED and p.resolve() != own
        and "good" not in p.relative_to(TESTS).parts
    ]  # fmt: skip


@cache
def failing_evidence() -> frozenset[str]:
    """Codes some test expects to fire."""
    found = {p.name for p in CASES.glob("CC*") if (p / "bad").is_dir()}
    for path in _test_files():
        found |= set(CODE.findall(path.read_text("utf-8", errors="replace")))
    return frozenset(found)


@cache
def passing_evidence() -> frozenset[str]:
    """Codes some test expects to stay quiet."""
    found = {p.name for p in CASES.glob("CC*") if (p / "good").is_dir()}
    for path in _test_files():
        if path.suffix != ".py":
            continue
        for line in path.read_text("utf-8").splitlines():
            if " not in " in line:
                found |= set(CODE.findall(line))
    return frozenset(found)


def test_codes_are_well_formed_and_defined_once() -> None:
    source = (REPO / "compiler" / "connectc" / "codes.py").read_text("utf-8")
    defined = re.findall(r'define\(\s*"(CC\d{4})"', source)
    assert len(defined) == len(set(defined)) == len(codes.REGISTRY)
    assert all(re.fullmatch(r"CC\d{4}", code) for code in defined)


@pytest.mark.parametrize("code", sorted(codes.REGISTRY))
def test_code_is_documented(code: str) -> None:
    entry = codes.REGISTRY[code]
    assert entry.severity_name in ("error", "warning", "note")
    assert entry.title and not entry.title.endswith(".")
    assert len(entry.explanation) >= 40
    assert not entry.template.rstrip().endswith("."), "messages have no final period"
    assert f'<a id="{code.lower()}"></a>' in codes_page.render()
    assert entry.help_uri.endswith(f"#{code.lower()}")


def test_codes_page_is_current() -> None:
    page = (REPO / "docs" / "codes.md").read_text("utf-8")
    assert page == codes_page.render(), (
        "docs/codes.md is stale: run python -m connectc.codes_page docs/codes.md"
    )


@pytest.mark.parametrize("code", sorted(codes.REGISTRY))
def test_code_has_failing_and_passing_cases(code: str) -> None:
    if code not in KNOWN_MISSING_FAILING:
        assert code in failing_evidence(), f"no test makes {code} fire"
    if code not in KNOWN_MISSING_PASSING:
        assert code in passing_evidence(), f"no test shows {code} staying quiet"


def test_known_missing_lists_are_current() -> None:
    assert set(codes.REGISTRY) >= (KNOWN_MISSING_FAILING | KNOWN_MISSING_PASSING)
    stale = sorted(
        (KNOWN_MISSING_FAILING & failing_evidence())
        | (KNOWN_MISSING_PASSING & passing_evidence())
    )
    if stale:
        warnings.warn(f"these codes have cases now: {', '.join(stale)}", stacklevel=1)
