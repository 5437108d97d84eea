// `railgun serve --config railgun.yaml`: named schemas with their own model selection and settings. Writes a
// config over examples/blog into a temp folder, migrates, serves on a free port and checks the default schema,
// a schema without introspection or GraphiQL, a disabled schema (404), an unknown one (404) and /health/.
// Usage: node tests/server/serve_config.mjs [path/to/railgun]
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = resolve(ROOT, process.argv[2] || process.env.RAILGUN_BIN || 'build/railgun');
const dir = mkdtempSync(join(tmpdir(), 'railgun-config-'));
const db = `sqlite:///${join(dir, 'blog.sqlite3')}`;
writeFileSync(join(dir, 'railgun.yaml'), `database: ${db}
models: [${join(ROOT, 'examples/blog')}]
server: {port: 0}
schemas:
  public:
    exclude_models: [blog.Comment]
    schema_settings: {enable_graphiql: false, enable_introspection: false}
  full:
    description: Everything
    mutation_settings: {max_bulk_size: 1}
  old:
    enabled: false
`);

const failures = [];
const check = (cond, what) => { if (!cond) failures.push(what); };
let child;
try {
  const migrate = spawnSync(BIN, ['migrate', '--models', join(ROOT, 'examples/blog'), '--database', db],
                            { encoding: 'utf8', timeout: 60000 });
  if (migrate.status !== 0) throw new Error(`migrate failed: ${migrate.stderr}`);
  child = spawn(BIN, ['serve', '--config', join(dir, 'railgun.yaml')], { stdio: ['ignore', 'pipe', 'pipe'] });
  const base = await new Promise((ok, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`no start: ${out}`)), 30000);
    child.stdout.on('data', (c) => {
      out += c;
      const m = out.match(/serving on (http:\/\/[^/]+)\//);
      if (m) { clearTimeout(timer); ok(m[1]); }
    });
    child.stderr.on('data', (c) => { out += c; });
    child.on('exit', (code) => { clearTimeout(timer); fail(new Error(`exited ${code}: ${out}`)); });
  });
  const post = async (path, query) => {
    const r = await fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json' },
                                         body: JSON.stringify({ query }) });
    return { status: r.status, body: await r.json() };
  };
  const intro = '{ __schema { queryType { name } } }';
  let r = await post('/graphql/', intro);
  check(r.status === 200 && /introspection is not allowed/.test(r.body.errors?.[0]?.message),
        `default = public, no introspection: ${JSON.stringify(r)}`);
  r = await post('/graphql/public/', '{ comments(first: 1) { totalCount } }');
  check(r.body.errors && /comments/.test(r.body.errors[0].message), `public excludes Comment: ${JSON.stringify(r)}`);
  r = await post('/graphql/public/', '{ posts(first: 1) { totalCount } }');
  check(r.status === 200 && r.body.data?.posts?.totalCount === 0, `public serves posts: ${JSON.stringify(r)}`);
  r = await post('/graphql/full/', intro);
  check(r.body.data?.__schema?.queryType?.name === 'Query', `full allows introspection: ${JSON.stringify(r)}`);
  r = await post('/graphql/full/', '{ comments(first: 1) { totalCount } }');
  check(r.body.data?.comments?.totalCount === 0, `full serves comments: ${JSON.stringify(r)}`);
  // mutation_settings reach the mutation pipeline per schema: `full` caps bulk mutations at one item.
  const bulk = 'mutation { bulkCreateTag(inputs: [{name: "a"}, {name: "b"}]) { ok errors { code } } }';
  r = await post('/graphql/full/', bulk);
  check(r.body.data?.bulkCreateTag?.ok === false && r.body.data.bulkCreateTag.errors[0]?.code === 'max_bulk_size',
        `full: max_bulk_size 1: ${JSON.stringify(r)}`);
  r = await post('/graphql/public/', bulk);
  check(r.body.data?.bulkCreateTag?.ok === true, `public: default max_bulk_size: ${JSON.stringify(r)}`);
  r = await post('/graphql/old/', '{ __typename }');
  check(r.status === 404 && /disabled/.test(r.body.errors?.[0]?.message), `old disabled: ${JSON.stringify(r)}`);
  r = await post('/graphql/nope/', '{ __typename }');
  check(r.status === 404 && /Unknown schema/.test(r.body.errors?.[0]?.message), `unknown: ${JSON.stringify(r)}`);
  const page = await fetch(base + '/graphql/public/', { headers: { accept: 'text/html' } });
  check(!(page.headers.get('content-type') || '').startsWith('text/html'), 'public serves no GraphiQL');
  const full = await fetch(base + '/graphql/full/', { headers: { accept: 'text/html' } });
  check((await full.text()).includes('/assets/graphiql.min.js'), 'full serves GraphiQL');
  const health = await (await fetch(base + '/health/')).json();
  check(JSON.stringify(health.schemas) === '["public","full"]', `health: ${JSON.stringify(health)}`);
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
console.log(failures.length ? `serve --config: ${failures.length} failures` : 'serve --config: all checks pass');
process.exit(failures.length ? 1 : 0);
