// Checks every generated-schema snapshot (tests/cases/schema/*.graphql, written by generate_test) with graphql-js 16:
// buildSchema() must accept it, validateSchema() must report nothing, and printSchema() of the built schema must
// reproduce the file byte for byte (so Railgun's printer and graphql-js agree). Exits 1 on any failure.
// Usage: node tests/oracle/run-schema-snapshots.mjs
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, printSchema, validateSchema } from 'graphql';

const HERE = dirname(fileURLToPath(import.meta.url));
const DIR = resolve(HERE, '../cases/schema');

let passed = 0;
let failed = 0;
for (const name of readdirSync(DIR).filter((f) => f.endsWith('.graphql')).sort()) {
  const text = readFileSync(join(DIR, name), 'utf8');
  const problems = [];
  try {
    const schema = buildSchema(text);
    for (const error of validateSchema(schema)) problems.push(error.message);
    const printed = printSchema(schema) + '\n';
    if (printed !== text) {
      const a = printed.split('\n');
      const b = text.split('\n');
      let line = 0;
      while (line < a.length && a[line] === b[line]) line++;
      problems.push(`printSchema differs at line ${line + 1}: graphql-js ${JSON.stringify(a[line])}, ` +
                    `snapshot ${JSON.stringify(b[line])}`);
    }
  } catch (e) {
    problems.push(String(e && e.message ? e.message : e));
  }
  if (problems.length === 0) {
    passed++;
  } else {
    failed++;
    console.log(`FAIL ${name}`);
    for (const p of problems.slice(0, 10)) console.log(`  ${p}`);
  }
}
console.log(`schema-snapshots: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
