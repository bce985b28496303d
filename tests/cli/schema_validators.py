"""Validates grpcb's schema documents with independent validators, for tests/cli/schema.rs.

Reads a manifest (JSON, path in argv[1]):
  {"schemas": {"<name>": "<path of a JSON Schema or OpenAPI document>", ...},
   "openapi": [{"name": ..., "document": "<path>"}, ...],
   "cases": [{"name": ..., "schema": "<name>", "pointer": "#/$defs/X" or "",
              "instance": <any JSON>}, ...]}
and prints one JSON object: the validators' versions, whether each JSON Schema document is a
valid draft 2020-12 schema, whether each OpenAPI document is valid OpenAPI 3.1, and whether
each instance validates against its schema (a case's schema may be an OpenAPI document, with a
pointer into its components). Exits 3 when a validator is not installed.
"""

import json
import sys
from importlib.metadata import version

try:
    import jsonschema
    from jsonschema import Draft202012Validator
    from openapi_spec_validator import OpenAPIV31SpecValidator, validate
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012
except ImportError as missing:
    print(f"schema validators missing: {missing}", file=sys.stderr)
    sys.exit(3)


def first_error(errors):
    best = jsonschema.exceptions.best_match(errors)
    if best is None:
        return None
    path = "/".join(str(part) for part in best.absolute_path)
    return f"[{best.validator}] {path}: {best.message}"[:400]


def main():
    with open(sys.argv[1], encoding="utf-8") as file:
        manifest = json.load(file)
    documents = {}
    for name, path in manifest["schemas"].items():
        with open(path, encoding="utf-8") as file:
            documents[name] = json.load(file)
    registry = Registry().with_resources(
        (f"urn:grpcb:{name}", Resource.from_contents(document, default_specification=DRAFT202012))
        for name, document in documents.items()
    )
    out = {
        "versions": {
            "jsonschema": version("jsonschema"),
            "openapi-spec-validator": version("openapi-spec-validator"),
        },
        "schemas": {},
        "openapi": {},
        "cases": {},
    }
    for name, document in documents.items():
        if "openapi" in document:
            continue
        errors = list(Draft202012Validator(Draft202012Validator.META_SCHEMA).iter_errors(document))
        out["schemas"][name] = first_error(errors)
    for entry in manifest["openapi"]:
        with open(entry["document"], encoding="utf-8") as file:
            document = json.load(file)
        try:
            validate(document, cls=OpenAPIV31SpecValidator)
            out["openapi"][entry["name"]] = None
        except Exception as error:  # the validator's own error types vary by version
            out["openapi"][entry["name"]] = str(error)[:300] or type(error).__name__
    for case in manifest["cases"]:
        root = {"$ref": f"urn:grpcb:{case['schema']}{case['pointer']}"}
        validator = Draft202012Validator(root, registry=registry)
        out["cases"][case["name"]] = first_error(validator.iter_errors(case["instance"]))
    json.dump(out, sys.stdout)


main()
