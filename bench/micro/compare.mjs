// Joins Google Benchmark JSON (railgun_micro_bench) and graphqljs_bench.mjs --json output into one table:
// "operation | railgun ops/s | graphql-js ops/s | ratio". Usage: node compare.mjs <railgun.json> <graphqljs.json>
import { readFileSync } from 'node:fs';

const [railgunFile, graphqljsFile] = process.argv.slice(2);
const railgun = JSON.parse(readFileSync(railgunFile, 'utf8'));
const graphqljs = JSON.parse(readFileSync(graphqljsFile, 'utf8'));

// Google Benchmark: prefer the median aggregate (with --benchmark_repetitions), else the single run.
const railgunRates = new Map();
for (const b of railgun.benchmarks) {
  const name = b.run_name ?? b.name;
  if (b.run_type === 'aggregate' && b.aggregate_name !== 'median') continue;
  if (b.run_type === 'aggregate' || !railgunRates.has(name)) railgunRates.set(name, b.items_per_second);
}
const jsRates = new Map(graphqljs.results.map((r) => [r.name, r.ops_per_second]));

const names = [...railgunRates.keys()];
for (const name of jsRates.keys()) if (!railgunRates.has(name)) names.push(name);

const fmt = (x) => (x === undefined ? '-' : x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(1));
const rows = names.map((name) => {
  const r = railgunRates.get(name);
  const j = jsRates.get(name);
  const ratio = r !== undefined && j !== undefined ? `${(r / j).toFixed(1)}x` : '-';
  return [name, fmt(r), fmt(j), ratio];
});
const header = ['operation', 'railgun ops/s', 'graphql-js ops/s', 'ratio'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
const line = (cells) =>
  '| ' + cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ') + ' |';
console.log(line(header));
console.log('|' + widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : '-'.repeat(w + 1) + ':')).join('|') + '|');
for (const row of rows) console.log(line(row));
console.log(`\nratio = railgun / graphql-js (higher is better for railgun). graphql-js ${graphqljs.graphql_version} on ` +
            `node ${graphqljs.node_version}; both sides report CPU-time ops/s.`);
