// `railgun serve --config`: the security settings end to end through the real binary — server.graphql_path,
// per-schema query limits, per-schema authentication_required with JWTs signed here by node's crypto (an
// implementation independent of ours), and CORS with several allowed origins.
// Usage: node tests/server/serve_security.mjs [path/to/railgun]
import { spawn, spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = resolve(ROOT, process.argv[2] || process.env.RAILGUN_BIN || 'build/railgun');
const dir = mkdtempSync(join(tmpdir(), 'railgun-security-'));
const db = `sqlite:///${join(dir, 'blog.sqlite3')}`;
const SECRET = 'serve-security-test-key';
writeFileSync(join(dir, 'railgun.yaml'), `database: ${db}
models: [${join(ROOT, 'examples/blog')}]
server: {port: 0, graphql_path: /api/}
query_settings: {max_page_size: 50}
security_settings:
  jwt: {secret_key: ${SECRET}, algorithm: HS384}
  cors:
    allowed_origins: [https://app.example, https://admin.example]
    allow_credentials: true
schemas:
  open:
    performance_settings: {max_query_depth: 3}
  private:
    schema_settings: {authentication_required: true}
`);

const b64url = (s) => Buffer.from(s).toString('base64url');
function sign(claims, alg = 'HS384', key = SECRET) {
  const input = `${b64url(JSON.stringify({ alg, typ: 'JWT' }))}.${b64url(JSON.stringify(claims))}`;
  const hash = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' }[alg];
  return `${input}.${createHmac(hash, key).update(input).digest('base64url')}`;
}

const failures = [];
const check = (cond, what) => { if (!cond) failures.push(what); };
let child;
try {
  const migrate = spawnSync(BIN, ['migrate', '--models', join(ROOT, 'examples/blog'), '--database', db],
                            { encoding: 'utf8', timeout: 60000 });
  if (migrate.status !== 0) throw new Error(`migrate failed: ${migrate.stderr}`);
  child = spawn(BIN, ['serve', '--config', join(dir, 'railgun.yaml')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let banner = '';
  const base = await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`no start: ${banner}`)), 30000);
    child.stdout.on('data', (c) => {
      banner += c;
      const m = banner.match(/serving on (http:\/\/[^/]+)\/api\/\n[\s\S]*\/health\//);
      if (m) { clearTimeout(timer); ok(m[1]); }
    });
    child.stderr.on('data', (c) => { banner += c; });
    child.on('exit', (code) => { clearTimeout(timer); fail(new Error(`exited ${code}: ${banner}`)); });
  });
  check(/\/api\/private\/ .*authentication required/.test(banner), `banner: ${banner}`);
  const post = async (path, query, headers = {}) => {
    const r = await fetch(base + path, { method: 'POST', body: JSON.stringify({ query }),
                                         headers: { 'content-type': 'application/json', ...headers } });
    return { status: r.status, headers: r.headers, text: await r.text() };
  };
  const q = '{ posts(first: 1) { totalCount } }';

  // graphql_path
  let r = await post('/api/', q);
  check(r.status === 200 && r.text === '{"data":{"posts":{"totalCount":0}}}', `/api/ = open: ${r.status} ${r.text}`);
  r = await post('/graphql/', q);
  check(r.status === 404, `/graphql/ is not served: ${r.status}`);

  // query_settings.max_page_size: first / last above it are refused (graphene-django's wording), at any level.
  r = await post('/api/', '{ posts(first: 51) { totalCount } }');
  check(JSON.parse(r.text).errors?.[0]?.message ===
        'Requesting 51 records on the `posts` connection exceeds the `first` limit of 50 records.' &&
        JSON.parse(r.text).errors[0].extensions?.code === 'BAD_USER_INPUT', `max_page_size: ${r.text}`);
  r = await post('/api/', '{ posts(first: 50) { edges { node { comments(last: 60) { totalCount } } } } }');
  check(/exceeds the `last` limit of 50 records/.test(r.text), `max_page_size nested: ${r.text}`);
  r = await post('/api/', '{ posts(first: 50) { totalCount } }');
  check(r.text === '{"data":{"posts":{"totalCount":0}}}', `max_page_size allows 50: ${r.text}`);

  // query limits (open: depth 3)
  // posts > comments > post > title (edges / node are Relay plumbing, not levels)
  const deep = '{ posts(first: 1) { edges { node { comments { edges { node { post { title } } } } } } } }';
  r = await post('/api/open/', deep);
  const err = JSON.parse(r.text).errors?.[0];
  check(r.status === 200 && err?.extensions?.code === 'QUERY_TOO_COMPLEX' && err.extensions.limit === 3 &&
        err.extensions.actual === 4 && err.message === 'Query depth 4 exceeds the maximum depth of 3.',
        `depth limit: ${r.status} ${r.text}`);
  r = await post('/api/open/', deep, { accept: 'application/graphql-response+json' });
  check(r.status === 400, `depth limit under graphql-response+json: ${r.status}`);
  r = await post('/api/private/', deep, { authorization: `Bearer ${sign({ sub: '1' })}` });
  check(r.status === 200 && r.text.includes('"edges":[]'), `private keeps the default depth 10: ${r.text}`);

  // authentication
  r = await post('/api/private/', q);
  check(r.status === 401 && r.headers.get('www-authenticate') === 'Bearer' &&
        r.text === '{"errors":[{"message":"Authentication required.","extensions":{"code":"AUTHENTICATION_REQUIRED"}}]}',
        `private without a token: ${r.status} ${r.headers.get('www-authenticate')} ${r.text}`);
  const exp = Math.floor(Date.now() / 1000) + 600;
  r = await post('/api/private/', q, { authorization: `Bearer ${sign({ sub: '7', exp })}` });
  check(r.status === 200 && r.text === '{"data":{"posts":{"totalCount":0}}}', `private with a token: ${r.text}`);
  r = await post('/api/private/', q, { cookie: `jwt=${sign({ sub: '7', exp })}` });
  check(r.status === 200, `private with the cookie: ${r.status} ${r.text}`);
  r = await post('/api/private/', q, { authorization: `Bearer ${sign({ sub: '7', exp: 1000 })}` });
  check(r.status === 401 && JSON.parse(r.text).errors[0].message === 'Token has expired.',
        `expired: ${r.status} ${r.text}`);
  r = await post('/api/private/', q, { authorization: `Bearer ${sign({ sub: '7' }, 'HS256')}` });
  check(r.status === 401 && /algorithm HS256 is not accepted/.test(r.text), `wrong alg: ${r.status} ${r.text}`);
  r = await post('/api/open/', q, { authorization: `Bearer ${sign({ sub: '7' }, 'HS384', 'wrong')}` });
  check(r.status === 401 && /signature mismatch/.test(r.text), `forged token on the open schema: ${r.text}`);
  const page = await fetch(base + '/api/private/', { headers: { accept: 'text/html' } });
  check(page.status === 200 && (page.headers.get('content-type') || '').startsWith('text/html'),
        'GraphiQL page of the private schema stays reachable');
  check((await fetch(base + '/health/')).status === 200, 'health stays reachable');

  // CORS: several origins, credentials
  r = await post('/api/', q, { origin: 'https://admin.example' });
  check(r.headers.get('access-control-allow-origin') === 'https://admin.example' &&
        r.headers.get('access-control-allow-credentials') === 'true' && /Origin/.test(r.headers.get('vary') || ''),
        `allowed origin: ${[...r.headers].join(' ')}`);
  r = await post('/api/', q, { origin: 'https://evil.example' });
  check(r.headers.get('access-control-allow-origin') === null, 'disallowed origin gets no CORS headers');
  const pre = await fetch(base + '/api/private/', { method: 'OPTIONS', headers: {
    origin: 'https://app.example', 'access-control-request-method': 'POST',
    'access-control-request-headers': 'authorization, content-type' } });
  check(pre.status === 204 && pre.headers.get('access-control-allow-origin') === 'https://app.example' &&
        /POST/.test(pre.headers.get('access-control-allow-methods') || '') &&
        /Authorization/.test(pre.headers.get('access-control-allow-headers') || ''),
        `preflight: ${pre.status} ${[...pre.headers].join(' ')}`);
} catch (e) {
  failures.push(String(e.stack || e));
} finally {
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child.on('exit', (code) => r(code)));
    child.kill('SIGTERM');
    const code = await exited;
    check(code === 0, `exit code on SIGTERM: ${code}`);
  }
  rmSync(dir, { recursive: true, force: true });
}
for (const f of failures) console.log(`FAIL ${f}`);
console.log(failures.length ? `serve security: ${failures.length} failures` : 'serve security: all checks pass');
process.exit(failures.length ? 1 : 0);
