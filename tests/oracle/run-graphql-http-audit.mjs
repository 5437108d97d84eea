// Runs graphql-http's auditServer (the GraphQL-over-HTTP conformance audit) against the real server:
// `$RAILGUN_BIN serve --demo --port 0` on a fresh data directory, audited at /graphql/ (ecommerce) and
// /graphql/blog/. Prints each failed audit and the MUST / SHOULD / MAY counts; exits 1 when any MUST or SHOULD
// audit fails (MAY audits are reported only).
// Usage: RAILGUN_BIN=build/railgun node tests/oracle/run-graphql-http-audit.mjs [--verbose]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { auditServer } from 'graphql-http';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = resolve(ROOT, process.env.RAILGUN_BIN || 'build/railgun');
const VERBOSE = process.argv.includes('--verbose');

function startServer(dataDir) {
  return new Promise((resolveStart, rejectStart) => {
    const child = spawn(BIN, ['serve', '--demo', '--port', '0', '--data-dir', dataDir], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      rejectStart(new Error(`server did not start in 60 s\n${out}\n${err}`));
    }, 60000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/serving on http:\/\/([^:/]+):(\d+)\//);
      if (m) {
        clearTimeout(timer);
        resolveStart({ child, base: `http://${m[1]}:${m[2]}` });
      }
    });
    child.stderr.on('data', (chunk) => { err += chunk; });
    child.on('exit', (code) => {
      clearTimeout(timer);
      rejectStart(new Error(`server exited (${code}) before listening\n${out}\n${err}`));
    });
  });
}

function stopServer(child) {
  return new Promise((resolveStop) => {
    if (child.exitCode !== null) return resolveStop(child.exitCode);
    const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolveStop(signal ? signal : code);
    });
    child.kill('SIGTERM');
  });
}

const dataDir = mkdtempSync(join(tmpdir(), 'railgun-audit-'));
let failedRequired = 0;
let server;
try {
  server = await startServer(dataDir);
  for (const path of ['/graphql/', '/graphql/blog/']) {
    const results = await auditServer({ url: server.base + path });
    const counts = {};
    for (const r of results) {
      const level = r.name.split(' ')[0];  // MUST | SHOULD | MAY
      counts[level] ??= { ok: 0, total: 0 };
      counts[level].total++;
      if (r.status === 'ok') {
        counts[level].ok++;
        if (VERBOSE) console.log(`  ok   ${r.id} ${r.name}`);
        continue;
      }
      const required = level === 'MUST' || level === 'SHOULD';
      if (required) failedRequired++;
      let detail = r.reason;
      if (VERBOSE && r.response) {
        try { detail += `\n       status ${r.response.status}: ${await r.response.text()}`; } catch {}
      }
      console.log(`  ${required ? 'FAIL' : 'note'} ${r.id} ${r.name}: ${detail}`);
    }
    const line = ['MUST', 'SHOULD', 'MAY']
      .filter((l) => counts[l])
      .map((l) => `${l} ${counts[l].ok}/${counts[l].total}`)
      .join(', ');
    console.log(`graphql-http audit ${path}: ${line}`);
  }
} catch (e) {
  console.log(`graphql-http audit: ${e.stack || e}`);
  failedRequired++;
} finally {
  if (server) {
    const code = await stopServer(server.child);
    if (code !== 0) {
      console.log(`graphql-http audit: server did not exit 0 on SIGTERM (${code})`);
      failedRequired++;
    }
  }
  rmSync(dataDir, { recursive: true, force: true });
}
console.log(failedRequired === 0 ? 'graphql-http audit: all MUST and SHOULD audits pass'
                                 : `graphql-http audit: ${failedRequired} MUST/SHOULD audits fail`);
process.exit(failedRequired === 0 ? 0 : 1);
