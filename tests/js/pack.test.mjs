// The packed tarball, installed into a fresh folder: ESM import, CommonJS require, and the
// TypeScript declarations (tsc --strict on tests/types/usage.ts) all work as a user sees them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, copyFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
let dir;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'cf-dns-batch-pack-'));
  execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: join(root, 'pkg'), stdio: ['ignore', 'pipe', 'inherit'] });
  const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', join(dir, tarball)], { cwd: dir, stdio: ['ignore', 'pipe', 'inherit'] });
});
after(() => rmSync(dir, { recursive: true, force: true }));

const run = (args) => execFileSync(process.execPath, args, { cwd: dir, encoding: 'utf8' });

test('import { batch } from "cf-dns-batch" works from the installed tarball', () => {
  const out = run([
    '--input-type=module',
    '-e',
    `import { batch, validateRecord, createEmulator, ValidationError } from 'cf-dns-batch';
     const e = createEmulator();
     const r = await batch({ zone_id: '023e105f4ecef8ad9ca31a8372d0c353', posts: [{ type: 'A', name: 'www', content: '192.0.2.1', ttl: 1 }] }, { apiToken: 't', fetch: e.fetch });
     console.log(typeof batch, r.posts[0].name, validateRecord({ type: 'A', name: 'x', content: '1.2.3' })[0].code, new ValidationError('m', []) instanceof Error);`,
  ]);
  assert.equal(out.trim(), 'function www.example.com a.content.ipv4 true');
});

test('require("cf-dns-batch") works from the installed tarball', () => {
  const out = run(['-e', `const m = require('cf-dns-batch'); console.log(typeof m.batch, m.validateRecord({ type: 'AAAA', name: 'x', content: '1.2.3.4' })[0].code);`]);
  assert.equal(out.trim(), 'function aaaa.content.ipv6');
});

test('the TypeScript declarations type-check and catch mistakes', () => {
  copyFileSync(join(root, 'tests/types/usage.ts'), join(dir, 'usage.ts'));
  const tsc = join(root, 'node_modules/typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '--noEmit', '--strict', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--skipLibCheck', 'false', '--lib', 'es2022,dom', 'usage.ts'], { cwd: dir, stdio: 'inherit' });
});
