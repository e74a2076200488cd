// Bun and Deno (installed from npm, pinned in the root package.json) run the packed package's
// default entry as published: import by name, validation, a batch through the emulator, and the
// /zone subpath. Their export conditions pick the Node entry (Bun: `node`; Deno: `node` for npm
// packages), which reads the .wasm from disk.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
let dir;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'cf-dns-batch-runtimes-'));
  execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: join(root, 'pkg'), stdio: ['ignore', 'pipe', 'inherit'] });
  const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', join(dir, tarball)], { cwd: dir, stdio: ['ignore', 'pipe', 'inherit'] });
  writeFileSync(
    join(dir, 'check.mjs'),
    `import { batch, validateRecord, createEmulator, ValidationError } from 'cf-dns-batch';
     import { plan, parseZone, ValidationError as ZoneValidationError } from 'cf-dns-batch/zone';
     const e = createEmulator();
     const r = await batch({ zone_id: '023e105f4ecef8ad9ca31a8372d0c353', posts: [{ type: 'A', name: 'www', content: '192.0.2.1', ttl: 1 }] }, { apiToken: 't', fetch: e.fetch });
     const bad = validateRecord({ type: 'A', name: 'bücher.example.com', content: '1.2.3' }).map((i) => i.code);
     const smuggled = validateRecord({ type: 'A', name: 'ü@evil.com', content: '192.0.2.1' }).some((i) => i.severity === 'error');
     const planned = plan([], parseZone('$ORIGIN example.com.\\nwww 300 IN A 192.0.2.2\\n').records, { zone: 'example.com' });
     console.log(JSON.stringify([r.posts[0].name, bad, smuggled, planned.summary.create, ValidationError === ZoneValidationError]));`,
  );
});
after(() => rmSync(dir, { recursive: true, force: true }));

const EXPECTED = ['www.example.com', ['a.content.ipv4'], true, 1, true];

for (const [runtime, args] of [
  ['bun', ['check.mjs']],
  ['deno', ['run', '--allow-read', '--allow-env', 'check.mjs']],
]) {
  test(`the packed package runs in ${runtime}`, () => {
    const bin = join(root, 'node_modules', '.bin', runtime);
    const out = execFileSync(bin, args, { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1' }, timeout: 120_000 });
    assert.deepEqual(JSON.parse(out.trim().split('\n').pop()), EXPECTED);
  });
}
