// Deterministic generator for the micro-benchmark corpus: large-schema.graphql, large-query.graphql (~50 KB,
// valid against the schema), introspection-query.graphql and large-result.json (~250 KB GraphQL response).
// Usage: node bench/micro/corpus/generate.mjs [--check]   (--check: fail if the committed files differ)
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, '../../../package.json'));
const { buildSchema, getIntrospectionQuery, parse, print, validate } = require('graphql');

// Small LCG so that every run produces the same bytes.
let seed = 20240229;
function rand(n) {
  seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
  return (seed >>> 8) % n;  // the low bits of an LCG have short periods
}

// ---- schema: TYPE_COUNT object types linked in a ring, one interface, one union, an enum, an input type.
const TYPE_COUNT = 24;
const t = (i) => `T${((i % TYPE_COUNT) + TYPE_COUNT) % TYPE_COUNT}`;
const sdl = [];
sdl.push('"""Anything with a global id."""\ninterface Node {\n  id: ID!\n}\n');
sdl.push('enum Status {\n  ACTIVE\n  INACTIVE\n  PENDING\n  ARCHIVED\n}\n');
sdl.push('input Filter {\n  status: Status\n  nameContains: String\n  minScore: Float\n  tags: [String!]\n}\n');
for (let i = 0; i < TYPE_COUNT; i++) {
  sdl.push(`"""Generated object type number ${i}."""
type ${t(i)} implements Node {
  id: ID!
  name: String
  score: Float
  count(offset: Int = 0): Int
  status: Status
  tags: [String!]!
  createdAt: String @deprecated(reason: "Use \`created\`.")
  created: String
  next: ${t(i + 1)}
  items(first: Int!, after: String, filter: Filter): [${t(i + 2)}!]!
  related(kind: Status = ACTIVE): ${t(i + 3)}
  search(text: String!): [SearchResult!]!
}
`);
}
sdl.push(`union SearchResult = ${[0, 1, 2, 3].map(t).join(' | ')}\n`);
sdl.push('type Query {\n  node(id: ID!): Node\n');
for (let i = 0; i < TYPE_COUNT; i++) sdl.push(`  ${t(i).toLowerCase()}(id: ID!): ${t(i)}\n`);
sdl.push('}\n');
const schemaText = sdl.join('\n');
const schema = buildSchema(schemaText);

// ---- query: operations whose selections walk the type ring; fragments are defined only when used.
const usedFragments = new Set();
function scalars(i) {
  const pick = ['id', 'name', 'score', 'count(offset: 5)', 'status', 'tags', 'created'];
  return pick.filter((_, k) => k === 0 || rand(4) !== 0);
}
function selection(i, depth, indent) {
  const pad = '  '.repeat(indent);
  const lines = scalars(i).map((f) => pad + f);
  if (rand(3) === 0) {
    usedFragments.add(((i % TYPE_COUNT) + TYPE_COUNT) % TYPE_COUNT);
    lines.push(`${pad}...${t(i)}Fields`);
  }
  if (depth > 0) {
    lines.push(`${pad}next {`, ...selection(i + 1, depth - 1, indent + 1), `${pad}}`);
    lines.push(`${pad}items(first: $first, after: "cursor${rand(1000)}", filter: $filter) {`,
               ...selection(i + 2, depth - 1, indent + 1), `${pad}}`);
    if (rand(2) === 0) {
      lines.push(`${pad}related(kind: PENDING) {`, ...selection(i + 3, depth - 1, indent + 1), `${pad}}`);
    }
    if (rand(2) === 0) {
      lines.push(`${pad}search(text: "needle \\"${rand(100)}\\" \\u00e9") {`,
                 `${pad}  __typename`,
                 `${pad}  ... on Node {`, `${pad}    id`, `${pad}  }`,
                 `${pad}  ... on ${t(0)} {`, `${pad}    name`, `${pad}  }`,
                 `${pad}}`);
    }
  }
  return lines;
}
const ops = [];
for (let op = 0; ops.join('\n').length < 44000; op++) {
  const root = rand(TYPE_COUNT);
  const body = [];
  body.push(`query Operation${op}($id: ID!, $first: Int! = 10, $filter: Filter = {status: ACTIVE, tags: ["a", "b"]}, ` +
            `$withNode: Boolean = true) {`);
  body.push(`  root: ${t(root).toLowerCase()}(id: $id) {`, ...selection(root, 3, 2), '  }');
  body.push('  node(id: $id) @include(if: $withNode) {', '    __typename', '    id',
            `    ... on ${t(root + 5)} {`, '      name', '      score', '    }', '  }');
  body.push('}');
  ops.push(body.join('\n'));
}
const fragments = [...usedFragments].sort((a, b) => a - b).map(
    (i) => `fragment ${t(i)}Fields on ${t(i)} {\n  id\n  name\n  score\n  status\n}`);
const queryDoc = parse([...ops, ...fragments].join('\n\n'));
const errors = validate(schema, queryDoc);
if (errors.length > 0) throw new Error(`generated query is invalid: ${errors[0].message}`);
const queryText = print(queryDoc) + '\n';

// ---- a large GraphQL response: users with posts (strings with escapes and non-ASCII, ints, floats, nulls).
const words = ['alpha', 'beta', 'gamma', 'delta', 'épée', 'naïve', 'quote"d', 'back\\slash', 'tab\there', '日本語',
               '😀 emoji', 'line\nbreak', 'zeta', 'omega'];
const sentence = (n) => Array.from({ length: n }, () => words[rand(words.length)]).join(' ');
const users = [];
for (let u = 0; u < 260; u++) {
  const posts = [];
  for (let p = 0, n = rand(6); p < n; p++) {
    posts.push({ id: `post:${u}:${p}`, title: sentence(3 + rand(5)), body: sentence(10 + rand(20)),
                 likes: rand(100000), rating: rand(100000) / 100, published: rand(2) === 0,
                 editor: rand(3) === 0 ? null : { id: `user:${rand(260)}`, name: sentence(2) } });
  }
  users.push({ id: `user:${u}`, name: sentence(2), email: `user${u}@example.com`, score: rand(1e9) / 1e3,
               active: rand(2) === 0, tags: Array.from({ length: rand(4) }, () => words[rand(words.length)]),
               posts });
}
const resultText = JSON.stringify({ data: { users } });

const outputs = {
  'large-schema.graphql': schemaText,
  'large-query.graphql': queryText,
  'introspection-query.graphql': getIntrospectionQuery() + '\n',
  'large-result.json': resultText + '\n',
};
const check = process.argv.includes('--check');
let stale = false;
for (const [name, text] of Object.entries(outputs)) {
  const path = join(here, name);
  if (check) {
    let current = '';
    try { current = readFileSync(path, 'utf8'); } catch {}
    if (current !== text) { console.error(`stale: ${path}`); stale = true; }
  } else {
    writeFileSync(path, text);
    console.log(`${name}: ${Buffer.byteLength(text)} bytes`);
  }
}
if (stale) process.exit(1);
