// File uploads end to end through `railgun serve --config`: GraphQL multipart requests (the graphql-multipart-
// request spec, built with node's FormData) and base64 data URLs in JSON. Checks the CSRF rule (multipart needs a
// GraphQL-Require-Preflight header), that files land under file_storage.media_root/<upload_to>/ with Django's
// collision rule, that responses give media_url + path, that refused files leave nothing behind, and the limits;
// and (debug: true) that responses carry extensions.debug.
// Usage: node tests/server/serve_uploads.mjs [path/to/railgun]
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = resolve(ROOT, process.argv[2] || process.env.RAILGUN_BIN || 'build/railgun');
const dir = mkdtempSync(join(tmpdir(), 'railgun-uploads-'));
const media = join(dir, 'media');
const db = `sqlite:///${join(dir, 'docs.sqlite3')}`;
writeFileSync(join(dir, 'docs.yaml'), `app: docs
models:
  Doc:
    fields:
      title: {type: CharField, max_length: 50}
      attachment: {type: FileField, upload_to: "files/", null: true, blank: true}
`);
writeFileSync(join(dir, 'railgun.yaml'), `database: ${db}
models: [${join(dir, 'docs.yaml')}]
server: {port: 0}
debug: true
file_storage: {media_root: ${media}, media_url: "https://cdn.example/m/"}
security_settings:
  max_file_upload_size: 1000
  max_upload_files: 2
  allowed_file_types: [.txt, .pdf]
`);

const failures = [];
const check = (cond, what) => { if (!cond) failures.push(what); };
const CREATE = 'mutation ($file: Upload) { createDoc(input: {title: "t", attachment: $file}) ' +
               '{ ok doc { id attachment } errors { field code message } } }';
const filesIn = (sub) => (existsSync(join(media, sub)) ? readdirSync(join(media, sub)).sort() : []);
let child;
try {
  const migrate = spawnSync(BIN, ['migrate', '--models', join(dir, 'docs.yaml'), '--database', db],
                            { encoding: 'utf8', timeout: 60000 });
  if (migrate.status !== 0) throw new Error(`migrate failed: ${migrate.stderr}`);
  child = spawn(BIN, ['serve', '--config', join(dir, 'railgun.yaml')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let banner = '';
  const base = await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`no start: ${banner}`)), 30000);
    child.stdout.on('data', (c) => {
      banner += c;
      const m = banner.match(/serving on (http:\/\/[^/]+)\/graphql\/\n[\s\S]*\/health\//);
      if (m) { clearTimeout(timer); ok(m[1]); }
    });
    child.on('exit', (code) => fail(new Error(`exited ${code}: ${banner}`)));
  });
  const url = `${base}/graphql/`;
  const multipart = async (files, headers = { 'GraphQL-Require-Preflight': '1' }, query = CREATE) => {
    const form = new FormData();
    const vars = files.length === 1 ? { file: null } : { files: files.map(() => null) };
    form.append('operations', JSON.stringify({ query, variables: vars }));
    const map = {};
    files.forEach((_, i) => { map[String(i)] = [files.length === 1 ? 'variables.file' : `variables.files.${i}`]; });
    form.append('map', JSON.stringify(map));
    files.forEach((f, i) => form.append(String(i), new Blob([f.content], { type: f.type }), f.name));
    const r = await fetch(url, { method: 'POST', body: form, headers });
    return { status: r.status, text: await r.text() };
  };

  // CSRF: no preflight header, no upload.
  let r = await multipart([{ name: 'a.txt', content: 'hello', type: 'text/plain' }], {});
  check(r.status === 400 && r.text.includes('GraphQL-Require-Preflight'), `no preflight header: ${r.status} ${r.text}`);
  check(filesIn('files').length === 0, 'nothing stored without the header');

  // A multipart upload: stored under media_root/files/, the column keeps the relative path, output is the URL.
  r = await multipart([{ name: 'a.txt', content: 'hello "quoted" ✓', type: 'text/plain' }]);
  let body = JSON.parse(r.text);
  check(r.status === 200 && body.data?.createDoc?.ok === true &&
        body.data.createDoc.doc.attachment === 'https://cdn.example/m/files/a.txt', `multipart upload: ${r.text}`);
  check(existsSync(join(media, 'files/a.txt')) &&
        readFileSync(join(media, 'files/a.txt'), 'utf8') === 'hello "quoted" ✓', 'file content stored byte for byte');

  // The same name again: Django's rule adds _<7 alphanumerics>; the first file is untouched.
  r = await multipart([{ name: 'a.txt', content: 'second', type: 'text/plain' }]);
  body = JSON.parse(r.text);
  const second = body.data?.createDoc?.doc?.attachment || '';
  check(/^https:\/\/cdn\.example\/m\/files\/a_[A-Za-z0-9]{7}\.txt$/.test(second), `collision rename: ${r.text}`);
  check(readFileSync(join(media, 'files/a.txt'), 'utf8') === 'hello "quoted" ✓', 'first file not overwritten');

  // base64 data URL in plain JSON.
  const b64 = Buffer.from('%PDF-1.4 tiny').toString('base64');
  r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' },
                         body: JSON.stringify({ query: CREATE,
                                                variables: { file: `data:application/pdf;name=doc.pdf;base64,${b64}` } }) });
  body = JSON.parse(await r.text());
  check(body.data?.createDoc?.doc?.attachment === 'https://cdn.example/m/files/doc.pdf' &&
        readFileSync(join(media, 'files/doc.pdf'), 'utf8') === '%PDF-1.4 tiny', `data URL upload: ${JSON.stringify(body)}`);

  // Refusals are field errors and leave no file: a disallowed extension, a file over max_file_upload_size.
  const before = filesIn('files');
  r = await multipart([{ name: 'run.exe', content: 'MZ', type: 'application/octet-stream' }]);
  body = JSON.parse(r.text);
  check(body.data?.createDoc?.ok === false && body.data.createDoc.errors[0]?.field === 'attachment',
        `disallowed extension: ${r.text}`);
  r = await multipart([{ name: 'big.txt', content: 'x'.repeat(1500), type: 'text/plain' }]);
  check(r.status === 413 || JSON.parse(r.text).data?.createDoc?.ok === false, `too large: ${r.status} ${r.text}`);
  check(JSON.stringify(filesIn('files')) === JSON.stringify(before), `refused files left nothing: ${filesIn('files')}`);

  // More files than max_upload_files: 413 before anything runs.
  const many = 'mutation ($files: [Upload]) { __typename }';
  r = await multipart([1, 2, 3].map((i) => ({ name: `${i}.txt`, content: 'x', type: 'text/plain' })), undefined, many);
  check(r.status === 413, `too many files: ${r.status} ${r.text}`);

  // Queries read the URL too; the count of rows matches what succeeded.
  r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' },
                         body: JSON.stringify({ query: '{ docs(orderBy: "id") { totalCount edges { node { attachment } } } }' }) });
  body = JSON.parse(await r.text());
  // debug: true -> extensions.debug with the plan cache and the statement of each root field.
  const dbg = body.extensions?.debug;
  check(dbg?.planCache?.requestMisses + dbg?.planCache?.requestHits === 1 && dbg?.sql?.[0]?.field === 'docs' &&
        /SELECT/.test(dbg.sql[0].sql), `debug extension: ${JSON.stringify(body.extensions)}`);
  check(body.data?.docs?.totalCount === 3 &&
        body.data.docs.edges[0].node.attachment === 'https://cdn.example/m/files/a.txt', `query output: ${JSON.stringify(body)}`);
} catch (e) {
  failures.push(String(e.stack || e));
} finally {
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child.on('exit', (code) => r(code)));
    child.kill('SIGTERM');
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
}
for (const f of failures) console.log(`FAIL ${f}`);
console.log(failures.length ? `serve uploads: ${failures.length} failures` : 'serve uploads: all checks pass');
process.exit(failures.length ? 1 : 0);
