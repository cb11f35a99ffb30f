"""The diagnostics collector."""

from __future__ import annotations

from connectc.diagnostics import Diagnostics, Span


def test_the_same_finding_twice_is_kept_once() -> None:
    """`synth` and the build both read connectc.yaml; one mistake, one line."""
    diagnostics = Diagnostics()
    span = Span("connectc.yaml", 3, 5)
    diagnostics.report("CC7006", span, "test", "strategy", "in_place")
    diagnostics.report("CC7006", span, "test", "strategy", "in_place")
    diagnostics.report("CC7006", span, "test", "keep", "a whole number")
    assert [d.message.split('"')[1] for d in diagnostics] == ["strategy", "keep"]


def test_a_very_long_value_is_shortened_in_the_message() -> None:
    diagnostics = Diagnostics()
    found = diagnostics.report("CC1003", Span("f.yaml", 1, 1), "9" * 5000, "why")
    assert len(found.message) < 200 and "(5,000 characters)" in found.message
