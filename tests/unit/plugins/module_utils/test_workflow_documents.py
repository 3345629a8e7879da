# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Local validation of workflow documents."""

from __future__ import annotations

import copy

import pytest

from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.workflow_documents import validate

GOOD = {
    "schemaVersion": 1.0,
    "parameters": [{"name": "waitForActionAtEnd", "type": "boolean"}],
    "steps": [
        {"name": "LaunchBuildInstance", "action": "LaunchInstance", "onFailure": "Abort", "inputs": {"waitFor": "ssmAgent"}},
        {"name": "ApplyBuildComponents", "action": "ExecuteComponents",
         "inputs": {"instanceId.$": "$.stepOutputs.LaunchBuildInstance.instanceId"}},
        {"name": "WaitForAction", "action": "WaitForAction",
         "if": {"booleanEquals": True, "value": "$.parameters.waitForActionAtEnd"}},
        {"name": "CreateOutputAMI", "action": "CreateImage",
         "inputs": {"instanceId.$": "$.stepOutputs.LaunchBuildInstance.instanceId"}},
        {"name": "TerminateBuildInstance", "action": "TerminateInstance", "onFailure": "Continue",
         "inputs": {"instanceId.$": "$.stepOutputs.LaunchBuildInstance.instanceId"}},
    ],
    "outputs": [{"name": "ImageId", "value": "$.stepOutputs.CreateOutputAMI.imageId"}],
}


def with_change(change):
    doc = copy.deepcopy(GOOD)
    change(doc)
    return validate(doc)


def test_good_document_has_no_problem():
    assert validate(GOOD) == []


@pytest.mark.parametrize("change, fault", [
    (lambda d: d.update(schemaVersion=2.0), "schemaVersion must be 1.0"),
    (lambda d: d.pop("steps"), "steps must be a non-empty list"),
    (lambda d: d["steps"][1].update(action="Bake"), "'Bake' is not a workflow step action"),
    (lambda d: d["steps"][1].update(name="LaunchBuildInstance"), "used twice"),
    (lambda d: d["steps"][1].update(name="1st"), "must start with a letter"),
    (lambda d: d["steps"][0].update(onFailure="Retry"), "onFailure must be Abort or Continue"),
    (lambda d: d["steps"][0].update(inputs={"x.$": "$.stepOutputs.CreateOutputAMI.imageId"}), "does not name an earlier step"),
    (lambda d: d["steps"][2].update({"if": {"booleanEquals": True, "value": "$.parameters.nope"}}), "not a declared parameter"),
    (lambda d: d["steps"][0].update(timeoutSeconds=-1), "timeoutSeconds"),
    (lambda d: d["steps"][0].update(retries=3), "unknown key 'retries'"),
    (lambda d: d["parameters"].append({"name": "p", "type": "float"}), "type must be one of"),
    (lambda d: d["outputs"].append({"name": "x", "value": "$.stepOutputs.Nowhere.x"}), "does not name an earlier step"),
    (lambda d: d.update(phases=[]), "unknown top-level key 'phases'"),
])
def test_faults_are_named(change, fault):
    problems = with_change(change)
    assert any(fault in p for p in problems), problems


def test_not_a_mapping():
    assert validate(["steps"]) == ["the workflow document must be a mapping with schemaVersion and steps"]
