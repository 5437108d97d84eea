// graphql-js side of the micro-benchmarks: the same corpus and operation names as railgun_micro_bench.
// Each operation: warm-up, then N timed runs of a fixed CPU-time window; reports the median ops/s.
// Times are process CPU time (user + system, like Google Benchmark's CPU column), since the machine may be shared.
// Usage: node bench/micro/graphqljs_bench.mjs [--quick] [--json] [--filter REGEX]
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, '../../package.json'));
const { buildSchema, parse, print, validate } = require('graphql');
const graphqlVersion = require('graphql/package.json').version;

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const asJson = args.includes('--json');
const filterIndex = args.indexOf('--filter');
const filter = filterIndex >= 0 ? new RegExp(args[filterIndex + 1]) : null;

const corpusDir = process.env.RAILGUN_BENCH_CORPUS || join(here, 'corpus');
const read = (name) => readFileSync(join(corpusDir, name), 'utf8');

const WARMUP_MS = quick ? 300 : 1500;  // V8 needs a while to tier up to optimized code
const WINDOW_MS = quick ? 100 : 300;
const RUNS = quick ? 3 : 9;

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

// Runs fn in batches (so reading the clock costs nothing measurable) until `ms` of CPU time passed.
// Returns [ops, elapsed ms, last result].
function runFor(fn, ms, batch) {
  let ops = 0;
  let sink;
  const start = cpuMs();
  let elapsed = 0;
  do {
    for (let i = 0; i < batch; i++) sink = fn();
    ops += batch;
    elapsed = cpuMs() - start;
  } while (elapsed < ms);
  return [ops, elapsed, sink];
}

function measure(fn) {
  const [warmOps, warmMs, sink] = runFor(fn, WARMUP_MS, 1);
  if (sink === undefined) throw new Error('benchmark function returned nothing');
  const batch = Math.max(1, Math.floor(warmOps / warmMs));  // about 1 ms per batch
  const rates = [];
  for (let r = 0; r < RUNS; r++) {
    const [ops, elapsed] = runFor(fn, WINDOW_MS, batch);
    rates.push((ops * 1000) / elapsed);
  }
  rates.sort((a, b) => a - b);
  return rates[Math.floor(rates.length / 2)];
}

const operations = [];
function add(name, fn) {
  if (!filter || filter.test(name)) operations.push({ name, fn });
}

for (const [label, file] of [['kitchen-sink', 'kitchen-sink.graphql'], ['large-query', 'large-query.graphql']]) {
  const source = read(file);
  const document = parse(source);
  add(`parse ${label}`, () => parse(source));
  add(`print ${label}`, () => print(document));
}
{
  const text = read('large-result.json');
  const value = JSON.parse(text);
  add('json parse large-result', () => JSON.parse(text));
  add('json write large-result', () => JSON.stringify(value));
}
{
  const schema = buildSchema(read('large-schema.graphql'));
  for (const [label, file] of [['large-query', 'large-query.graphql'],
                               ['introspection-query', 'introspection-query.graphql']]) {
    const document = parse(read(file));
    const errors = validate(schema, document);
    if (errors.length > 0) throw new Error(`${file} is not valid: ${errors[0].message}`);
    add(`validate ${label}`, () => validate(schema, document));
  }
}

const results = [];
for (const { name, fn } of operations) {
  const opsPerSecond = measure(fn);
  results.push({ name, ops_per_second: opsPerSecond });
  if (!asJson) console.log(`${name.padEnd(32)} ${opsPerSecond.toFixed(1).padStart(14)} ops/s`);
}
if (asJson) {
  console.log(JSON.stringify({ graphql_version: graphqlVersion, node_version: process.version, results }));
}
