"""What SARIF 2.1.0 (OASIS Standard) requires of the objects the reporter writes, as a draft-07 JSON Schema.

No PyPI package ships the official ``sarif-schema-2.1.0.json`` (none was
found), and the project does not download or copy it, so this is written
from the specification: the required properties, the closed enums (``level``,
``kind``, ``suppression.kind``, ``columnKind``, ``roles``), the minimums
(line and column from 1, ``ruleIndex`` from -1) and, as in the official
schema, no properties besides the specified ones on the objects written here
(a misspelt key fails). It covers only the objects the reporter emits.
"""

from __future__ import annotations

_PROPERTY_BAG = {
    "type": "object",
    "properties": {"tags": {"type": "array", "items": {"type": "string"}, "uniqueItems": True}},
}


def _closed(required: list[str], properties: dict, **more) -> dict:
    """An object with only ``properties`` (and a property bag), ``required`` among them."""
    return {
        "type": "object",
        "required": required,
        "properties": {**properties, "properties": {"$ref": "#/definitions/propertyBag"}},
        "additionalProperties": False,
        **more,
    }


SARIF_2_1_0 = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "definitions": {
        "propertyBag": _PROPERTY_BAG,
        "message": _closed(
            [],
            {
                "text": {"type": "string"},
                "markdown": {"type": "string"},
                "id": {"type": "string"},
                "arguments": {"type": "array", "items": {"type": "string"}},
            },
            anyOf=[{"required": ["text"]}, {"required": ["id"]}],
        ),
        "multiformatMessageString": _closed(
            ["text"], {"text": {"type": "string"}, "markdown": {"type": "string"}}
        ),
        "artifactLocation": _closed(
            [],
            {
                "uri": {"type": "string"},
                "uriBaseId": {"type": "string"},
                "index": {"type": "integer", "minimum": -1},
                "description": {"$ref": "#/definitions/message"},
            },
        ),
        "artifact": _closed(
            [],
            {
                "location": {"$ref": "#/definitions/artifactLocation"},
                "roles": {
                    "type": "array",
                    "uniqueItems": True,
                    "items": {
                        "enum": [
                            "analysisTarget", "attachment", "responseFile", "resultFile", "standardStream",
                            "tracedFile", "unmodified", "modified", "added", "deleted", "renamed",
                            "uncontrolled", "driver", "extension", "translation", "taxonomy", "policy",
                            "referencedOnCommandLine", "memoryContents", "directory", "userSpecifiedConfiguration",
                            "toolSpecifiedConfiguration", "debugOutputFile",
                        ]
                    },
                },
            },
        ),
        "region": _closed(
            [],
            {
                "startLine": {"type": "integer", "minimum": 1},
                "startColumn": {"type": "integer", "minimum": 1},
                "endLine": {"type": "integer", "minimum": 1},
                "endColumn": {"type": "integer", "minimum": 1},
            },
        ),
        "physicalLocation": _closed(
            [],
            {
                "artifactLocation": {"$ref": "#/definitions/artifactLocation"},
                "region": {"$ref": "#/definitions/region"},
            },
            anyOf=[{"required": ["address"]}, {"required": ["artifactLocation"]}],
        ),
        "logicalLocation": _closed(
            [],
            {
                "name": {"type": "string"},
                "index": {"type": "integer", "minimum": -1},
                "fullyQualifiedName": {"type": "string"},
                "decoratedName": {"type": "string"},
                "parentIndex": {"type": "integer", "minimum": -1},
                "kind": {"type": "string"},
            },
        ),
        "location": _closed(
            [],
            {
                "id": {"type": "integer", "minimum": -1},
                "physicalLocation": {"$ref": "#/definitions/physicalLocation"},
                "logicalLocations": {
                    "type": "array", "uniqueItems": True, "items": {"$ref": "#/definitions/logicalLocation"}
                },
                "message": {"$ref": "#/definitions/message"},
            },
        ),
        "suppression": _closed(
            ["kind"],
            {
                "guid": {"type": "string"},
                "kind": {"enum": ["inSource", "external"]},
                "status": {"enum": ["accepted", "underReview", "rejected"]},
                "justification": {"type": "string"},
                "location": {"$ref": "#/definitions/location"},
            },
        ),
        "result": _closed(
            ["message"],
            {
                "ruleId": {"type": "string"},
                "ruleIndex": {"type": "integer", "minimum": -1},
                "kind": {"enum": ["notApplicable", "pass", "fail", "review", "open", "informational"]},
                "level": {"enum": ["none", "note", "warning", "error"]},
                "message": {"$ref": "#/definitions/message"},
                "locations": {"type": "array", "items": {"$ref": "#/definitions/location"}},
                "suppressions": {
                    "type": "array", "uniqueItems": True, "items": {"$ref": "#/definitions/suppression"}
                },
            },
        ),
        "reportingConfiguration": _closed(
            [],
            {
                "enabled": {"type": "boolean"},
                "level": {"enum": ["none", "note", "warning", "error"]},
                "rank": {"type": "number", "minimum": -1, "maximum": 100},
                "parameters": {"$ref": "#/definitions/propertyBag"},
            },
        ),
        "reportingDescriptor": _closed(
            ["id"],
            {
                "id": {"type": "string"},
                "name": {"type": "string"},
                "shortDescription": {"$ref": "#/definitions/multiformatMessageString"},
                "fullDescription": {"$ref": "#/definitions/multiformatMessageString"},
                "help": {"$ref": "#/definitions/multiformatMessageString"},
                "helpUri": {"type": "string"},
                "defaultConfiguration": {"$ref": "#/definitions/reportingConfiguration"},
            },
        ),
        "toolComponent": _closed(
            ["name"],
            {
                "name": {"type": "string"},
                "version": {"type": "string"},
                "semanticVersion": {"type": "string"},
                "informationUri": {"type": "string", "format": "uri"},
                "rules": {"type": "array", "uniqueItems": True, "items": {"$ref": "#/definitions/reportingDescriptor"}},
            },
        ),
        "invocation": _closed(
            ["executionSuccessful"],
            {"executionSuccessful": {"type": "boolean"}, "exitCode": {"type": "integer"}},
        ),
        "run": _closed(
            ["tool"],
            {
                "tool": _closed(["driver"], {"driver": {"$ref": "#/definitions/toolComponent"}}),
                "invocations": {"type": "array", "items": {"$ref": "#/definitions/invocation"}},
                "originalUriBaseIds": {
                    "type": "object", "additionalProperties": {"$ref": "#/definitions/artifactLocation"}
                },
                "artifacts": {"type": "array", "uniqueItems": True, "items": {"$ref": "#/definitions/artifact"}},
                "results": {"type": "array", "items": {"$ref": "#/definitions/result"}},
                "columnKind": {"enum": ["utf16CodeUnits", "unicodeCodePoints"]},
            },
        ),
    },
    **_closed(
        ["version", "runs"],
        {
            "$schema": {"type": "string", "format": "uri"},
            "version": {"enum": ["2.1.0"]},
            "runs": {"type": "array", "items": {"$ref": "#/definitions/run"}},
        },
    ),
}
