#!/usr/bin/env python3
"""Converts one version of an upstream CRD into a whole-manifest JSON Schema, by the four steps of
../shared/schemas/README.md (nullable, strictness, root identity fields, int-or-string). Nothing else changes.

usage: convert.py CRD.yaml VERSION SOURCE-NOTE OUT.json OBJECTMETA-FROM.json
"""
import json
import sys

import yaml


class Loader(yaml.SafeLoader):
    """YAML with only true/false as booleans and no timestamps, as the shared schemas were read."""


Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag not in ('tag:yaml.org,2002:bool', 'tag:yaml.org,2002:timestamp')]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}
import re
Loader.add_implicit_resolver('tag:yaml.org,2002:bool', re.compile(r'^(?:true|false)$'), list('tf'))

BRANCHES = ('allOf', 'anyOf', 'oneOf', 'not')


def convert(node, in_branch):
    if isinstance(node, list):
        return [convert(n, in_branch) for n in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        out[key] = convert(value, in_branch or key in BRANCHES)
    if out.get('nullable') is True and isinstance(out.get('type'), str):
        out['type'] = [out['type'], 'null']
    if ('properties' in out and 'additionalProperties' not in out and not in_branch
            and out.get('x-kubernetes-preserve-unknown-fields') is not True
            and out.get('x-kubernetes-embedded-resource') is not True):
        out['additionalProperties'] = False
    if out.get('x-kubernetes-int-or-string') is True and 'anyOf' not in out and 'type' not in out:
        out['anyOf'] = [{'type': 'integer'}, {'type': 'string'}]
    return out


def main():
    crd_file, version, source, out_file, meta_from = sys.argv[1:6]
    crd = yaml.load(open(crd_file, encoding='utf-8'), Loader=Loader)
    spec = crd['spec']
    group, kind = spec['group'], spec['names']['kind']
    schema = next(v for v in spec['versions'] if v['name'] == version)['schema']['openAPIV3Schema']
    schema = convert(schema, False)
    props = schema.setdefault('properties', {})
    for field, value in (('apiVersion', {'type': 'string'}), ('kind', {'type': 'string'}),
                         ('metadata', {'type': 'object'})):
        props.setdefault(field, value)
    meta = json.load(open(meta_from, encoding='utf-8'))['properties']['metadata']
    api_version = group + '/' + version
    wrapper = {
        '$schema': 'http://json-schema.org/draft-04/schema#',
        'title': kind + ' (' + api_version + ')',
        'description': 'A whole ' + kind + ' ' + api_version + ' manifest. allOf[0] is the openAPIV3Schema of the '
                       'upstream CustomResourceDefinition (' + source + '), converted as README.md says; metadata '
                       'is Kubernetes ObjectMeta (yannh/kubernetes-json-schema v1.32.2-standalone-strict).',
        'type': 'object',
        'required': ['apiVersion', 'kind', 'metadata'],
        'properties': {'apiVersion': {'type': 'string', 'enum': [api_version]},
                       'kind': {'type': 'string', 'enum': [kind]}, 'metadata': meta},
        'allOf': [schema],
        'x-kubernetes-group-version-kind': [{'group': group, 'kind': kind, 'version': version}],
    }
    with open(out_file, 'w', encoding='utf-8') as f:
        f.write(json.dumps(wrapper, indent=2, ensure_ascii=False) + '\n')


if __name__ == '__main__':
    main()
