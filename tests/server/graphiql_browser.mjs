// A real browser opens GraphiQL as served by `railgun serve --demo`, runs the preloaded example query and checks
// the result pane. Debian's chromium, driven by playwright-core (node_modules); every request must stay on the
// server (no CDN). Saves tests/output/graphiql.png. Exits 77 (skipped) when no chromium is installed.
// Usage: node tests/server/graphiql_browser.mjs [path/to/railgun]
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = resolve(ROOT, process.argv[2] || process.env.RAILGUN_BIN || 'build/railgun');
const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (p) => p && existsSync(p));
if (!CHROMIUM) {
  console.log('graphiql browser test: skipped (no chromium; scripts/install-deps installs it)');
  process.exit(77);
}
const { chromium } = await import('playwright-core');

function startServer(dataDir) {
  return new Promise((resolveStart, rejectStart) => {
    const child = spawn(BIN, ['serve', '--demo', '--port', '0', '--data-dir', dataDir], {
      cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => { child.kill('SIGKILL'); rejectStart(new Error('server did not start')); }, 60000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/serving on http:\/\/([^:/]+):(\d+)\//);
      if (m) { clearTimeout(timer); resolveStart({ child, base: `http://${m[1]}:${m[2]}` }); }
    });
    child.stderr.on('data', () => {});
    child.on('exit', (code) => { clearTimeout(timer); rejectStart(new Error(`server exited ${code}: ${out}`)); });
  });
}

const dataDir = mkdtempSync(join(tmpdir(), 'railgun-browser-'));
const outDir = join(ROOT, 'tests/output');
mkdirSync(outDir, { recursive: true });
let server;
let browser;
let ok = false;
try {
  server = await startServer(dataDir);
  const origin = new URL(server.base).origin;
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true,
                                    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const foreign = [];
  const consoleErrors = [];
  page.on('request', (r) => { if (!r.url().startsWith(origin) && !r.url().startsWith('data:')) foreign.push(r.url()); });
  page.on('response', (r) => { if (r.status() >= 400) consoleErrors.push(`${r.status()} ${r.url()}`); });
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));

  await page.goto(`${server.base}/graphql/blog/`, { waitUntil: 'load', timeout: 60000 });
  await page.waitForSelector('.graphiql-container .graphiql-query-editor .CodeMirror', { timeout: 60000 });
  const editor = await page.textContent('.graphiql-query-editor .CodeMirror-code');
  if (!/posts\(first: 5\)/.test(editor || '')) throw new Error(`example query not preloaded: ${editor}`);
  await page.click('.graphiql-execute-button');
  await page.waitForFunction(() => {
    const el = document.querySelector('.result-window .CodeMirror-code');
    return el && /"totalCount"/.test(el.textContent);
  }, null, { timeout: 30000 });
  const result = await page.textContent('.result-window .CodeMirror-code');
  await page.screenshot({ path: join(outDir, 'graphiql.png') });
  if (!/"totalCount":\s*30/.test(result.replace(/\u00a0/g, ' '))) throw new Error(`unexpected result: ${result}`);
  if (foreign.length) throw new Error(`requests left the server: ${foreign.join(', ')}`);
  if (consoleErrors.length) throw new Error(`browser console errors: ${consoleErrors.join(' | ')}`);
  console.log('graphiql browser test: GraphiQL loaded, ran the example query, result pane shows data ' +
              `(screenshot tests/output/graphiql.png)`);
  ok = true;
} catch (e) {
  console.log(`graphiql browser test: FAIL ${e.stack || e}`);
} finally {
  if (browser) await browser.close().catch(() => {});
  if (server) {
    server.child.kill('SIGTERM');
    await new Promise((r) => { if (server.child.exitCode !== null) r(); else server.child.on('exit', r); });
  }
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(ok ? 0 : 1);
