// Regenerates the expected outputs of executor_cases.json / values_cases.json / introspection_*.json from
// graphql-js (the oracle). Run from the repo root: node src/execute/testdata/gen_expected.cjs
'use strict';
const fs = require('fs');
const path = require('path');
const g = require(path.resolve('node_modules/graphql'));

const dir = path.resolve('src/execute/testdata');
const SDL = fs.readFileSync(path.join(dir, 'schema.graphql'), 'utf8');
const schema = g.buildSchema(SDL);

// executor: execute() without validation, like railgun's Execute on an already validated document.
const cases = JSON.parse(fs.readFileSync(path.join(dir, 'executor_cases.in.json'), 'utf8'));
for (const c of cases) {
  const result = g.execute({
    schema,
    document: g.parse(c.query),
    rootValue: c.root ?? null,
    variableValues: c.variables ?? null,
    operationName: c.operationName ?? null,
  });
  c.expected = JSON.parse(JSON.stringify(result));
}
fs.writeFileSync(path.join(dir, 'executor_cases.json'), JSON.stringify(cases, null, 1) + '\n');

// values: getVariableValues messages for one operation's variable definitions.
const vcases = JSON.parse(fs.readFileSync(path.join(dir, 'values_cases.in.json'), 'utf8'));
for (const c of vcases) {
  const op = g.parse(c.query).definitions[0];
  const r = g.getVariableValues(schema, op.variableDefinitions, c.variables, { maxErrors: c.maxErrors ?? 50 });
  c.expected = r.errors
    ? { errors: r.errors.map((e) => JSON.parse(JSON.stringify(e))) }
    : { coerced: JSON.parse(JSON.stringify(r.coerced)) };
}
fs.writeFileSync(path.join(dir, 'values_cases.json'), JSON.stringify(vcases, null, 1) + '\n');

// introspection: the full standard query on each SDL file.
const query = g.getIntrospectionQuery({
  descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true,
  inputValueDeprecation: true, oneOf: true,
});
fs.writeFileSync(path.join(dir, 'introspection_query.graphql'), query);
for (const name of ['schema', 'introspection_schema2']) {
  const s = g.buildSchema(fs.readFileSync(path.join(dir, name + '.graphql'), 'utf8'));
  const r = g.graphqlSync({ schema: s, source: query });
  fs.writeFileSync(path.join(dir, name + '.introspection.json'), JSON.stringify(r) + '\n');
}
