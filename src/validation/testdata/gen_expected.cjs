// Regenerates validation_cases.json from validation_cases.in.json with graphql-js 16 (the oracle).
// Run from the repo root: node src/validation/testdata/gen_expected.cjs
'use strict';
const fs = require('fs');
const path = require('path');
const g = require(path.resolve('node_modules/graphql'));

const dir = path.resolve('src/validation/testdata');
const schemas = {};
for (const name of ['harness', 'overlap']) {
  schemas[name] = g.buildSchema(fs.readFileSync(path.join(dir, name + '.graphql'), 'utf8'));
}
const rulesByName = {};
for (const rule of g.specifiedRules) rulesByName[rule.name] = rule;

const cases = JSON.parse(fs.readFileSync(path.join(dir, 'validation_cases.in.json'), 'utf8'));
const names = new Set();
for (const c of cases) {
  if (names.has(c.name)) throw new Error('duplicate case name ' + c.name);
  names.add(c.name);
  const schema = schemas[c.schema ?? 'harness'];
  const rules = c.rules ? c.rules.map((r) => rulesByName[r] ?? (() => { throw new Error(r); })()) : undefined;
  const options = c.max_errors !== undefined ? { maxErrors: c.max_errors } : undefined;
  const document = g.parse(c.query);
  try {
    const errors = g.validate(schema, document, rules, options);
    c.expected = errors.map((e) => {
      const o = { message: e.message };
      if (e.locations) o.locations = e.locations;
      return o;
    });
  } catch (e) {
    c.throws = e.message;
  }
}
fs.writeFileSync(path.join(dir, 'validation_cases.json'), '[\n' + cases.map((c) => JSON.stringify(c)).join(',\n') + '\n]\n');
console.log(`${cases.length} cases`);
