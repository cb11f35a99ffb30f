"""Designer positions: the compiled flows read left to right in the console."""

from __future__ import annotations

from pathlib import Path

from connectc.actions import successors
from connectc.build import compile_project
from connectc.passes.lower_layout import layers


def _action(ident: str, *targets: str) -> dict[str, object]:
    transitions: dict[str, object] = {}
    if targets:
        transitions["NextAction"] = targets[0]
        transitions["Errors"] = [
            {"NextAction": t, "ErrorType": "NoMatchingError"} for t in targets[1:]
        ]
    return {"Identifier": ident, "Type": "X", "Transitions": transitions}


def test_a_shared_end_sits_right_of_all_its_sources() -> None:
    # start -> a -> b -> end, and start -> end directly: shortest-path columns
    # would put "end" in column 1, left of "b".
    actions = [
        _action("start", "a", "end"),
        _action("a", "b"),
        _action("b", "end"),
        _action("end"),
    ]
    assert layers("start", actions) == [["start"], ["a"], ["b"], ["end"]]


def test_loops_do_not_push_columns_forever_and_unreachable_go_last() -> None:
    actions = [
        _action("start", "retry"),
        _action("retry", "check"),
        _action("check", "done", "retry"),
        _action("done"),
        _action("orphan", "done"),
    ]
    assert layers("start", actions) == [
        ["start"],
        ["retry"],
        ["check"],
        ["done"],
        ["orphan"],
    ]


def test_every_forward_transition_of_the_example_goes_right(example: Path) -> None:
    result = compile_project(example / "specs", "test")
    checked = 0
    for flow in result.flows:
        positions = flow.content["Metadata"]["ActionMetadata"]
        actions = {a["Identifier"]: a for a in flow.content["Actions"]}
        column = {i: p["position"]["x"] for i, p in positions.items()}
        for ident, action in actions.items():
            for target in successors(action):
                if column[target] <= column[ident]:
                    # Only a loop back may point left: target reaches ident.
                    assert _reaches(target, ident, actions), (flow.name, ident)
                checked += 1
    assert checked > 50


def _reaches(source: str, goal: str, actions: dict[str, dict[str, object]]) -> bool:
    seen, queue = {source}, [source]
    for ident in queue:
        if ident == goal:
            return True
        for target in successors(actions[ident]):
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return False
