#!/usr/bin/env python3
"""Check the specs against the vendor-example fixtures, without the Rust generator.

Usage: python3 tests/tools/check_fixtures.py   (needs `pip install jsonschema`, 4.18 or newer)

For every entry of tests/fixtures/manifest.json it parses the fixture and validates the value at
`pointer` against `#/components/schemas/<type>` of specs/<vendor>/<op>.json with a JSON Schema
2020-12 validator that also enforces our extensions (x-max-bytes, x-json-string, x-sequence,
format https-uri) and treats duplicate object keys as errors (serde rejects them). Then:
  ok       -> no error;
  reject   -> the set of offending pointers equals `reject_pointers` exactly;
  not_json -> the text does not parse as strict JSON.
It also checks that the manifest and the fixture files match, and that every schema uses only the
keywords listed in specs/README.md. Exits 1 on any failure.
"""
import json
import pathlib
import sys
from urllib.parse import urlparse

import jsonschema
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

ROOT = pathlib.Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"

# Schema keywords of specs/README.md ("Keywords" and "Other extensions").
KEYWORDS = set("""type properties required additionalProperties items prefixItems enum const oneOf
discriminator minimum maximum exclusiveMinimum exclusiveMaximum multipleOf minLength maxLength pattern
format minItems maxItems uniqueItems contains minContains maxContains allOf anyOf not if then else
dependentRequired $ref $defs title description default examples deprecated $comment readOnly writeOnly
x-rust-name x-max-bytes x-json-string x-sequence""".split())
FORMATS = {"uri", "https-uri", "int32", "int64", "uint32", "uint64", "date-time", "email"}


def lint(schema, where, problems):
    """Report keywords (and formats) that specs/README.md does not list."""
    if not isinstance(schema, dict):
        return
    problems += [f"{where}: unknown keyword `{k}`" for k in schema if k not in KEYWORDS]
    if "format" in schema and schema["format"] not in FORMATS:
        problems.append(f"{where}: unknown format `{schema['format']}`")
    for k in ("properties", "$defs"):
        for name, sub in schema.get(k, {}).items():
            lint(sub, f"{where}/{k}/{name}", problems)
    for k in ("oneOf", "anyOf", "allOf", "prefixItems"):
        for n, sub in enumerate(schema.get(k, [])):
            lint(sub, f"{where}/{k}/{n}", problems)
    for k in ("items", "not", "if", "then", "else", "contains", "additionalProperties"):
        lint(schema.get(k), f"{where}/{k}", problems)


def _max_bytes(validator, limit, instance, schema):
    size = len(json.dumps(instance, ensure_ascii=False, separators=(",", ":")).encode())
    if size > limit:
        yield jsonschema.ValidationError(f"{size} bytes, more than {limit}")


def _json_string(validator, enabled, instance, schema):
    if enabled and isinstance(instance, str):
        try:
            json.loads(instance)
        except ValueError as e:
            yield jsonschema.ValidationError(f"not a JSON string: {e}")


def _sequence(validator, rule, instance, schema):
    for n, item in enumerate(instance if isinstance(instance, list) else []):
        want = rule["start"] + n
        if isinstance(item, dict) and item.get(rule["property"]) != want:
            yield jsonschema.ValidationError(f"{rule['property']} must be {want}", path=[n, rule["property"]])


Validator = jsonschema.validators.extend(jsonschema.Draft202012Validator, {
    "x-max-bytes": _max_bytes, "x-json-string": _json_string, "x-sequence": _sequence})
FORMAT_CHECKER = jsonschema.FormatChecker(formats=())
FORMAT_CHECKER.checks("https-uri")(lambda v: not isinstance(v, str) or
                                   (urlparse(v).scheme == "https" and bool(urlparse(v).netloc)))


class Obj(dict):
    """A JSON object that remembers its duplicate keys."""
    dups = ()


def _pairs(pairs):
    obj = Obj(pairs)
    keys = [k for k, _ in pairs]
    obj.dups = sorted({k for k in keys if keys.count(k) > 1})
    return obj


def duplicate_pointers(value, here=""):
    if isinstance(value, Obj):
        yield from (f"{here}/{k}" for k in value.dups)
        for k, v in value.items():
            yield from duplicate_pointers(v, f"{here}/{k}")
    elif isinstance(value, list):
        for n, v in enumerate(value):
            yield from duplicate_pointers(v, f"{here}/{n}")


def pointer_of(path):
    return "".join(f"/{p}" for p in path)


def leaf_pointers(error, registry):
    """The pointers an error blames: the unexpected or missing property itself rather than its
    object, and for a tagged union only the errors of the variant the tag selects."""
    at = pointer_of(error.absolute_path)
    schema, instance = error.schema, error.instance
    if error.validator == "additionalProperties" and schema.get("additionalProperties") is False:
        return {f"{at}/{k}" for k in instance if k not in schema.get("properties", {})}
    if error.validator == "required":
        return {f"{at}/{k}" for k in error.validator_value if k not in instance}
    if error.validator == "not" and set(error.validator_value) == {"required"}:
        return {f"{at}/{k}" for k in error.validator_value["required"]}
    if error.validator == "oneOf" and "discriminator" in schema and isinstance(instance, dict):
        tag = schema["discriminator"]["propertyName"]
        for n, variant in enumerate(schema["oneOf"]):
            if "$ref" in variant:
                variant = registry.resolver().lookup(variant["$ref"]).contents
            if variant["properties"][tag].get("const") == instance.get(tag):
                subs = [e for e in error.context if e.relative_schema_path[0] == n]
                return set().union(*(leaf_pointers(e, registry) for e in subs))
        return {f"{at}/{tag}"}
    return {at}


def check(entry, problems):
    path = FIXTURES / entry["file"]
    text = path.read_text(encoding="utf-8")
    try:
        doc = json.loads(text, object_pairs_hook=_pairs)
    except ValueError as e:
        if entry["expect"] != "not_json":
            problems.append(f"{entry['file']}: not JSON: {e}")
        return
    if entry["expect"] == "not_json":
        problems.append(f"{entry['file']}: expected not_json, but it parses")
        return
    vendor, op = entry["api"].split(".")
    spec_uri = f"specs/{vendor}/{op}.json"
    spec = json.loads((ROOT / spec_uri).read_text(encoding="utf-8"))
    registry = Registry().with_resource(spec_uri, Resource.from_contents(spec, default_specification=DRAFT202012))
    validator = Validator({"$ref": f"{spec_uri}#/components/schemas/{entry['type']}"},
                          registry=registry, format_checker=FORMAT_CHECKER)
    value = doc
    for part in filter(None, entry["pointer"].split("/")):
        value = value[int(part) if isinstance(value, list) else part]
    found = set(duplicate_pointers(value, entry["pointer"]))
    for error in validator.iter_errors(value):
        found |= {entry["pointer"] + p for p in leaf_pointers(error, registry)}
    want = set(entry["reject_pointers"]) if entry["expect"] == "reject" else set()
    if found != want:
        problems.append(f"{entry['file']}: expected {sorted(want)}, found {sorted(found)}")


def main():
    problems = []
    for spec_path in sorted((ROOT / "specs").glob("*/*.json")):
        spec = json.loads(spec_path.read_text(encoding="utf-8"))
        for name, schema in spec.get("components", {}).get("schemas", {}).items():
            lint(schema, f"{spec_path.relative_to(ROOT)}#/components/schemas/{name}", problems)
    manifest = json.loads((FIXTURES / "manifest.json").read_text(encoding="utf-8"))
    listed = {e["file"] for e in manifest}
    on_disk = {str(p.relative_to(FIXTURES)) for p in FIXTURES.glob("*/*.json")}
    problems += [f"{f}: not in manifest.json" for f in sorted(on_disk - listed)]
    problems += [f"{f}: in manifest.json but missing" for f in sorted(listed - on_disk)]
    for entry in manifest:
        if entry["file"] in on_disk:
            check(entry, problems)
    for p in problems:
        print(p)
    print(f"{len(manifest)} fixtures, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
