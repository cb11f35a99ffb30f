"""Cycles, deploy order and content splitting of links between flows."""

from __future__ import annotations

from typing import Any

from connectc.cdk.links import deploy_order, find_link_cycles, split_content
from connectc.cdk.manifest import Link, parse_manifest
from connectc.diagnostics import Diagnostics


def manifest(edges: dict[str, list[str]]) -> dict[str, Any]:
    """A manifest dict whose flows link as `edges` says (flow -> targets)."""
    flows = []
    for name, targets in edges.items():
        links = [
            {"token": f"${{Flow.{t}}}", "target": t, "kind": "flow"} for t in targets
        ]
        flows.append(
            {
                "name": name,
                "kind": "flow",
                "type": "CONTACT_FLOW",
                "path": f"flows/{name}.json",
                "links": links,
            }
        )
    return {
        "manifest_version": 1,
        "project": "p",
        "environment": "test",
        "account": "222233334444",
        "region": "ap-northeast-1",
        "instance_arn": "arn:aws:connect:ap-northeast-1:222233334444:instance/x",
        "release": None,
        "flows": flows,
    }


def test_no_cycle_in_a_chain() -> None:
    assert find_link_cycles(manifest({"A": ["B"], "B": ["C"], "C": []})) == []


def test_two_flows_calling_each_other_are_one_cycle() -> None:
    cycles = find_link_cycles(manifest({"Menu": ["Sub"], "Sub": ["Menu"], "X": []}))
    assert cycles == [["Menu", "Sub"]]


def test_cycle_is_reported_in_link_order_from_the_smallest_name() -> None:
    cycles = find_link_cycles(manifest({"C": ["A"], "A": ["B"], "B": ["C"]}))
    assert cycles == [["A", "B", "C"]]


def test_a_flow_linking_to_itself_is_a_cycle_of_one() -> None:
    assert find_link_cycles(manifest({"Loop": ["Loop"], "Other": []})) == [["Loop"]]


def test_one_finding_per_group_of_flows() -> None:
    edges = {"A": ["B", "C"], "B": ["A", "C"], "C": ["A"], "D": ["E"], "E": ["D"]}
    cycles = find_link_cycles(manifest(edges))
    assert len(cycles) == 2
    assert cycles[0][0] == "A" and set(cycles[0]) <= {"A", "B", "C"}
    assert cycles[1] == ["D", "E"]


def test_links_to_unknown_flows_are_not_cycles() -> None:
    assert find_link_cycles(manifest({"A": ["Elsewhere"]})) == []


def test_accepts_the_loaded_manifest_too() -> None:
    loaded = parse_manifest(manifest({"A": ["B"], "B": ["A"]}), Diagnostics())
    assert loaded is not None
    assert find_link_cycles(loaded) == [["A", "B"]]


def test_a_long_chain_does_not_overflow() -> None:
    edges = {f"F{i:04}": [f"F{i + 1:04}"] for i in range(3000)}
    edges["F3000"] = ["F0000"]
    cycles = find_link_cycles(manifest(edges))
    assert len(cycles) == 1 and len(cycles[0]) == 3001


def test_deploy_order_puts_targets_first() -> None:
    loaded = parse_manifest(
        manifest({"Entry": ["Support", "Sales"], "Sales": ["Support"], "Support": []}),
        Diagnostics(),
    )
    assert loaded is not None
    assert [f.name for f in deploy_order(loaded)] == ["Support", "Sales", "Entry"]


def test_split_content_replaces_every_occurrence() -> None:
    a = Link("${Flow.A}", "A", "flow")
    m = Link("${Module.M}", "M", "module")
    parts = split_content(
        '{"x": "${Flow.A}", "y": "${Module.M}", "z": "${Flow.A}"}', [a, m]
    )
    assert parts == ['{"x": "', a, '", "y": "', m, '", "z": "', a, '"}']


def test_split_content_without_links_is_the_text() -> None:
    assert split_content('{"x": "${Queue.Sales}"}', []) == ['{"x": "${Queue.Sales}"}']
