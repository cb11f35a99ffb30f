"""Fuzzing the readers: mutated corpus files and random bytes never raise.

Whatever the input, import reports coded diagnostics (registered codes of the
importer or the project check) and writes nothing for a file it cannot read.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connectc import codes
from connectc.diagnostics import Diagnostics
from connectc.importer import import_paths
from connectc.importer.readers import read_text
from tests.conftest import require_shared

CORPUS = require_shared("corpus")
CORPUS_FILES = sorted(p for p in CORPUS.iterdir() if p.suffix == ".json")
SMALL_FILES = [p for p in CORPUS_FILES if p.stat().st_size < 12_000]


@st.composite
def mutated(draw: st.DrawFn, files: list[Path] = CORPUS_FILES) -> bytes:
    """A corpus file cut, with bytes flipped, dropped, repeated or inserted."""
    data = bytearray(draw(st.sampled_from(files)).read_bytes())
    for _ in range(draw(st.integers(1, 4))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        kind = draw(st.sampled_from(["cut", "flip", "drop", "insert", "repeat"]))
        if kind == "cut":
            del data[at:]
        elif kind == "flip":
            data[at] = draw(st.integers(0, 255))
        elif kind == "drop":
            del data[at : at + draw(st.integers(1, 40))]
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        else:
            data[at:at] = data[at : at + draw(st.integers(1, 60))]
    return bytes(data)


def assert_coded(diagnostics: Diagnostics) -> None:
    for diagnostic in diagnostics:
        assert diagnostic.code in codes.REGISTRY
        assert diagnostic.code.startswith(("CC6", "CC0015"))


def read_bytes(data: bytes) -> Diagnostics:
    diagnostics = Diagnostics()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return diagnostics
    read_text(text, Path("fuzz.json"), diagnostics)
    return diagnostics


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_corpus_files_give_coded_diagnostics(data: bytes) -> None:
    assert_coded(read_bytes(data))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes_give_coded_diagnostics(data: bytes) -> None:
    assert_coded(read_bytes(data))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet='{}[]":,0123456789abcVersionActions -!&*|>\n', max_size=200))
def test_random_json_and_yaml_shapes_give_coded_diagnostics(text: str) -> None:
    diagnostics = Diagnostics()
    read_text(text, Path("fuzz.yaml"), diagnostics)
    assert_coded(diagnostics)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(mutated(SMALL_FILES))
def test_import_of_mutated_files_writes_only_what_it_imported(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        source = root / "in" / "export.json"
        source.parent.mkdir()
        source.write_bytes(data)
        out = root / "out"
        diagnostics = Diagnostics()
        summary = import_paths(
            [source], "dev", out, force=False, dry_run=False, format="spec",
            diagnostics=diagnostics,
        )  # fmt: skip
        assert_coded(diagnostics)
        written = {p for p in out.rglob("*") if p.is_file()} if out.exists() else set()
        if not summary.imported:
            assert written == set()
        else:
            assert summary.written
            assert len([p for p in written if "specs" in p.parts]) == len(
                summary.imported
            )
