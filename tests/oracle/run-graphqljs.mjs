// The graphql-js oracle: runs every case of tests/oracle/corpus through graphql-js 16 and through the Railgun CLI
// (RAILGUN_BIN, default build/railgun) and reports each disagreement. Usage:
//   node tests/oracle/run-graphqljs.mjs [--filter SUBSTRING] [--verbose] [--self-check] [--list]
// --self-check runs the same comparisons against graphqljs-cli.mjs (graphql-js itself) to test the runner.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import {
  execAnswer,
  parseAnswer,
  printSchemaAnswer,
  validateAnswer,
  validateSchemaAnswer,
} from './graphqljs.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '../..');
const CORPUS = join(HERE, 'corpus');
// Per CLI call; sanitizer builds run ~10x slower (make test-sanitize sets ORACLE_TIMEOUT_MS).
const TIMEOUT_MS = Number(process.env.ORACLE_TIMEOUT_MS) || 5000;
const MAX_PARALLEL = 2;

// ---------------------------------------------------------------------------------------------------------------
// Case discovery

function walk(dir, ext) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...walk(full, ext));
    else if (name.endsWith(ext)) out.push(full);
  }
  return out;
}

function schemaPath(name) {
  return join(CORPUS, 'schemas', `${name}.graphql`);
}

/** Every case: {id, kind, ...paths}. The id is the case file relative to corpus/ (plus a suffix for schemas). */
function discoverCases() {
  const cases = [];
  for (const file of walk(join(CORPUS, 'parse'), '.graphql')) {
    cases.push({ id: relative(CORPUS, file), kind: 'parse', document: file });
  }
  for (const file of walk(join(CORPUS, 'schemas'), '.graphql')) {
    const id = relative(CORPUS, file);
    cases.push({ id: `${id} [print-schema]`, kind: 'print-schema', schema: file });
    cases.push({ id: `${id} [validate-schema]`, kind: 'validate-schema', schema: file });
  }
  for (const file of walk(join(CORPUS, 'validate'), '.graphql')) {
    const schemaName = relative(join(CORPUS, 'validate'), file).split(/[\\/]/)[0];
    cases.push({ id: relative(CORPUS, file), kind: 'validate', schema: schemaPath(schemaName), document: file });
  }
  for (const file of walk(join(CORPUS, 'execute'), '.json')) {
    if (/[\\/]roots[\\/]/.test(relative(CORPUS, file))) continue;
    cases.push({ id: relative(CORPUS, file), kind: 'execute', spec: file });
  }
  return cases;
}

// ---------------------------------------------------------------------------------------------------------------
// Running one case (inside a worker)

/** Spawns the CLI; returns {stdout} or {failure: "why"} for timeouts, crashes and spawn errors. */
function runCli(runner, args) {
  const result = spawnSync(runner.bin, [...runner.prefixArgs, ...args], {
    encoding: 'utf8',
    timeout: TIMEOUT_MS,
    maxBuffer: 64 * 1024 * 1024,
    cwd: REPO,
  });
  const stderr = (result.stderr || '').trim().slice(0, 600);
  if (result.error && result.error.code === 'ETIMEDOUT') return { failure: `timed out after ${TIMEOUT_MS} ms` };
  if (result.error) return { failure: `could not run: ${result.error.message}` };
  if (result.signal) return { failure: `crashed with ${result.signal}${stderr ? `; stderr: ${stderr}` : ''}` };
  return { stdout: result.stdout, status: result.status, stderr };
}

function parseJsonOutput(run) {
  if (run.failure) return run;
  try {
    return { json: JSON.parse(run.stdout) };
  } catch {
    return {
      failure: `exit ${run.status}, stdout is not JSON: ${JSON.stringify(run.stdout.slice(0, 400))}` +
        (run.stderr ? `; stderr: ${run.stderr}` : ''),
    };
  }
}

/** {message, locations} of each error, locations dropped when absent or empty (graphql-js omits them). */
function normalizeErrors(errors) {
  if (!Array.isArray(errors)) return errors;
  return errors.map((e) => {
    const out = { message: e && e.message };
    if (e && Array.isArray(e.locations) && e.locations.length > 0) {
      out.locations = e.locations.map((l) => ({ line: l.line, column: l.column }));
    }
    return out;
  });
}

/** Drops every `extensions` member of the response's errors (Railgun adds extensions.code). */
function withoutErrorExtensions(response) {
  if (!response || typeof response !== 'object' || !Array.isArray(response.errors)) return response;
  return {
    ...response,
    errors: response.errors.map((e) => {
      if (!e || typeof e !== 'object') return e;
      const { extensions, ...rest } = e;
      return rest;
    }),
  };
}

const pretty = (value) => JSON.stringify(value, null, 2);

function runParse(c, runner) {
  const expected = parseAnswer(readFileSync(c.document, 'utf8'));
  const out = parseJsonOutput(runCli(runner, ['parse', `@${c.document}`]));
  if (out.failure) return { agree: false, expected: pretty(expected), actual: out.failure };
  const actual = typeof out.json.printed === 'string' ? { printed: out.json.printed }
    : { errors: normalizeErrors(out.json.errors) };
  if (expected.printed !== undefined && actual.printed !== undefined) {
    return { agree: expected.printed === actual.printed, expected: expected.printed, actual: actual.printed };
  }
  return { agree: pretty(expected) === pretty(actual), expected: pretty(expected), actual: pretty(actual) };
}

function runValidate(c, runner) {
  const expected = validateAnswer(readFileSync(c.schema, 'utf8'), readFileSync(c.document, 'utf8'));
  const out = parseJsonOutput(runCli(runner, ['validate', '--schema', c.schema, `@${c.document}`]));
  if (out.failure) return { agree: false, expected: pretty(expected.errors), actual: out.failure };
  const actual = normalizeErrors(out.json.errors);
  return { agree: pretty(expected.errors) === pretty(actual), expected: pretty(expected.errors), actual: pretty(actual) };
}

function runPrintSchema(c, runner) {
  const expected = printSchemaAnswer(readFileSync(c.schema, 'utf8'));
  const run = runCli(runner, ['print-schema', '--schema', c.schema]);
  if (run.failure) return { agree: false, expected: expected.ok ? expected.text : '(rejected)', actual: run.failure };
  if (!expected.ok) {
    return {
      agree: run.status !== 0,
      expected: `(rejected: exit status != 0) ${expected.message}`,
      actual: run.status !== 0 ? '(rejected)' : run.stdout,
    };
  }
  if (run.status !== 0) {
    return { agree: false, expected: expected.text, actual: `exit ${run.status}; stderr: ${run.stderr}` };
  }
  const actual = run.stdout.trimEnd();
  return { agree: actual === expected.text.trimEnd(), expected: expected.text.trimEnd(), actual };
}

function runValidateSchema(c, runner) {
  const expected = validateSchemaAnswer(readFileSync(c.schema, 'utf8')).errors.map((e) => e.message);
  const out = parseJsonOutput(runCli(runner, ['validate-schema', '--schema', c.schema]));
  if (out.failure) return { agree: false, expected: pretty(expected), actual: out.failure };
  const actual = Array.isArray(out.json.errors) ? out.json.errors.map((e) => e && e.message) : out.json;
  return { agree: pretty(expected) === pretty(actual), expected: pretty(expected), actual: pretty(actual) };
}

function runExecute(c, runner, scratch) {
  const spec = JSON.parse(readFileSync(c.spec, 'utf8'));
  const caseDir = dirname(c.spec);
  const schemaFile = schemaPath(spec.schema);
  let documentFile;
  if (spec.documentFile !== undefined) {
    documentFile = [join(caseDir, spec.documentFile), join(CORPUS, 'execute', spec.documentFile)].find(existsSync);
    if (!documentFile) throw new Error(`documentFile ${spec.documentFile} not found`);
  } else {
    documentFile = join(scratch, 'document.graphql');
    writeFileSync(documentFile, spec.document);
  }
  let rootFile;
  let rootValue = spec.root;
  if (typeof spec.root === 'string') {
    rootFile = [join(caseDir, spec.root), join(CORPUS, 'execute', spec.root)].find(existsSync);
    if (!rootFile) throw new Error(`root ${spec.root} not found`);
    rootValue = JSON.parse(readFileSync(rootFile, 'utf8'));
  } else {
    rootFile = join(scratch, 'root.json');
    writeFileSync(rootFile, JSON.stringify(spec.root ?? {}));
  }
  const expected = withoutErrorExtensions(execAnswer(readFileSync(schemaFile, 'utf8'), rootValue, spec.variables,
    spec.operationName, readFileSync(documentFile, 'utf8')));
  const args = ['exec', '--schema', schemaFile, '--root', rootFile];
  if (spec.variables !== undefined) args.push('--variables', JSON.stringify(spec.variables));
  if (spec.operationName !== undefined) args.push('--operation', spec.operationName);
  args.push(`@${documentFile}`);
  const out = parseJsonOutput(runCli(runner, args));
  if (out.failure) return { agree: false, expected: pretty(expected), actual: out.failure };
  const actual = withoutErrorExtensions(out.json);
  // Key order matters: compare the compact serializations, show the pretty ones.
  return { agree: JSON.stringify(expected) === JSON.stringify(actual), expected: pretty(expected), actual: pretty(actual) };
}

function runCase(c, runner, scratch) {
  try {
    switch (c.kind) {
      case 'parse': return runParse(c, runner);
      case 'validate': return runValidate(c, runner);
      case 'print-schema': return runPrintSchema(c, runner);
      case 'validate-schema': return runValidateSchema(c, runner);
      case 'execute': return runExecute(c, runner, scratch);
      default: throw new Error(`unknown kind ${c.kind}`);
    }
  } catch (error) {
    return { agree: false, expected: '(oracle error)', actual: `oracle could not run the case: ${error.stack}` };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Reporting

/** The first differing line of two texts with a few lines of context from each side. */
function describeDifference(expected, actual, verbose) {
  if (verbose) return `  expected:\n${indent(expected)}\n  actual:\n${indent(actual)}`;
  const e = String(expected).split('\n');
  const a = String(actual).split('\n');
  if (e.length <= 24 && a.length <= 24) return `  expected:\n${indent(expected)}\n  actual:\n${indent(actual)}`;
  let i = 0;
  while (i < e.length && i < a.length && e[i] === a[i]) i++;
  const from = Math.max(0, i - 3);
  const cut = (lines) => lines.slice(from, i + 6).join('\n');
  return `  first difference at line ${i + 1} (of ${e.length} expected / ${a.length} actual; --verbose shows all)\n` +
    `  expected:\n${indent(cut(e))}\n  actual:\n${indent(cut(a))}`;
}

function indent(text) {
  return String(text).split('\n').map((line) => `    ${line}`).join('\n');
}

// ---------------------------------------------------------------------------------------------------------------
// Main thread: argument parsing, scheduling on at most two workers, summary

if (!isMainThread) {
  const scratch = mkdtempSync(join(tmpdir(), 'railgun-oracle-'));
  parentPort.on('message', (c) => {
    if (c === null) {
      rmSync(scratch, { recursive: true, force: true });
      process.exit(0);
    }
    parentPort.postMessage({ id: c.id, ...runCase(c, workerData.runner, scratch) });
  });
} else {
  const argv = process.argv.slice(2);
  const options = { filter: '', verbose: false, selfCheck: false, list: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--filter') options.filter = argv[++i] ?? '';
    else if (argv[i] === '--verbose') options.verbose = true;
    else if (argv[i] === '--self-check') options.selfCheck = true;
    else if (argv[i] === '--list') options.list = true;
    else {
      console.error(`usage: run-graphqljs.mjs [--filter SUBSTRING] [--verbose] [--self-check] [--list]`);
      process.exit(2);
    }
  }
  const cases = discoverCases().filter((c) => c.id.includes(options.filter));
  if (options.list) {
    for (const c of cases) console.log(`${c.kind}\t${c.id}`);
    process.exit(0);
  }
  let runner;
  if (options.selfCheck) {
    runner = { bin: process.execPath, prefixArgs: [join(HERE, 'graphqljs-cli.mjs')] };
  } else {
    const bin = resolve(REPO, process.env.RAILGUN_BIN || 'build/railgun');
    if (!existsSync(bin)) {
      console.error(`oracle: Railgun binary ${bin} not found (set RAILGUN_BIN)`);
      process.exit(1);
    }
    runner = { bin, prefixArgs: [] };
  }

  const results = new Map();
  let next = 0;
  const workers = [];
  let exited = 0;
  await new Promise((done) => {
    const feed = (worker) => worker.postMessage(next < cases.length ? cases[next++] : null);
    for (let w = 0; w < Math.min(MAX_PARALLEL, cases.length); w++) {
      const worker = new Worker(fileURLToPath(import.meta.url), { workerData: { runner } });
      worker.on('message', (r) => {
        results.set(r.id, r);
        if (options.verbose) console.log(`${r.agree ? 'agree ' : 'DIFFER'} ${r.id}`);
        feed(worker);
      });
      worker.on('error', (error) => {
        console.error(`oracle: worker failed: ${error.stack}`);
        process.exit(1);
      });
      worker.on('exit', () => {
        if (++exited === workers.length) done();
      });
      workers.push(worker);
      feed(worker);
    }
    if (cases.length === 0) done();
  });

  let agree = 0;
  let differ = 0;
  const byKind = {};
  for (const c of cases) {
    const r = results.get(c.id) ?? { agree: false, expected: '(no result)', actual: '(worker never answered)' };
    byKind[c.kind] ??= { agree: 0, differ: 0 };
    if (r.agree) {
      agree++;
      byKind[c.kind].agree++;
      continue;
    }
    differ++;
    byKind[c.kind].differ++;
    console.log(`--- DIFFER ${c.kind}: corpus/${c.id}\n${describeDifference(r.expected, r.actual, options.verbose)}`);
  }
  const kinds = Object.entries(byKind).map(([k, v]) => `${k} ${v.agree}/${v.agree + v.differ}`).join(', ');
  console.log(`oracle (${options.selfCheck ? 'self-check' : runner.bin}): ${kinds}`);
  console.log(`oracle: ${agree} agree, ${differ} differ`);
  process.exit(differ > 0 ? 1 : 0);
}
