#!/usr/bin/env python3
"""Validates rehab YAML files against docs/schema/program.schema.json.

An independent check for tests/schema_test.cc: PyYAML reads each file, it is
converted to JSON, and python3-jsonschema (not our loader) validates it.

usage: validate_schema.py SCHEMA FILE...
Exit status: 0 every file is valid, 1 at least one file is invalid,
2 the tool itself failed (missing module, unreadable schema or file).
"""
import json
import sys


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        import jsonschema
        import yaml
    except ImportError as e:
        print(f"validate_schema: {e} (install python3-jsonschema and python3-yaml)", file=sys.stderr)
        return 2
    try:
        with open(argv[1], encoding="utf-8") as f:
            schema = json.load(f)
        validator_class = jsonschema.validators.validator_for(schema)
        validator_class.check_schema(schema)
        validator = validator_class(schema)
    except (OSError, ValueError, jsonschema.exceptions.SchemaError) as e:
        print(f"validate_schema: bad schema {argv[1]}: {e}", file=sys.stderr)
        return 2

    status = 0
    for path in argv[2:]:
        try:
            with open(path, encoding="utf-8") as f:
                document = yaml.safe_load(f)
        except (OSError, yaml.YAMLError) as e:
            print(f"validate_schema: cannot read {path}: {e}", file=sys.stderr)
            return 2
        # Round-trip through JSON text so the schema sees exactly what a JSON
        # tool (and yaml-language-server) would see.
        document = json.loads(json.dumps(document, default=str))
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
        if not errors:
            print(f"{path}: valid")
            continue
        status = 1
        for error in errors:
            where = "/".join(str(p) for p in error.absolute_path) or "(top)"
            print(f"{path}: invalid at {where}: {error.message}")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
