// The packed tarball, installed into a fresh folder: ESM import, CommonJS require, and the
// TypeScript declarations (tsc --strict on tests/types/*: ESM, CommonJS, and against the official
// SDK's own declarations) all work as a user sees them; Are the Types Wrong finds no problem.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, copyFileSync, readdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
let dir;
let tarball;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'cf-dns-batch-pack-'));
  execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: join(root, 'pkg'), stdio: ['ignore', 'pipe', 'inherit'] });
  tarball = join(dir, readdirSync(dir).find((f) => f.endsWith('.tgz')));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', tarball], { cwd: dir, stdio: ['ignore', 'pipe', 'inherit'] });
});
after(() => rmSync(dir, { recursive: true, force: true }));

const tsc = (files) =>
  execFileSync(
    process.execPath,
    [join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '--strict', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--skipLibCheck', 'false', '--lib', 'es2022,dom', ...files],
    { cwd: dir, stdio: 'inherit' },
  );
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
  tsc(['usage.ts']);
});

test('CommonJS TypeScript (require) gets the same declarations', () => {
  copyFileSync(join(root, 'tests/types/usage-cjs.cts'), join(dir, 'usage-cjs.cts'));
  tsc(['usage-cjs.cts']);
});

test('params and responses typed with the official SDK pass to batch() and toContent()', () => {
  // The SDK the repository's tools use (exact version in package-lock.json), linked in: no network.
  symlinkSync(join(root, 'node_modules/cloudflare'), join(dir, 'node_modules/cloudflare'), 'dir');
  copyFileSync(join(root, 'tests/types/sdk-compat.ts'), join(dir, 'sdk-compat.ts'));
  tsc(['sdk-compat.ts']);
});

test('Are the Types Wrong: no problem for node10, node16 (CJS and ESM) and bundlers', () => {
  // `--format json` lists every problem found; a profile only changes the exit code.
  const attw = (args) => {
    const argv = [tarball, '--format', 'json', '--no-definitely-typed', ...args];
    try {
      return { status: 0, report: JSON.parse(execFileSync(join(root, 'node_modules/.bin/attw'), argv, { encoding: 'utf8' })) };
    } catch (err) {
      return { status: err.status, report: JSON.parse(err.stdout) };
    }
  };
  // The main entry and the zone subpath: import and require, every resolution mode.
  const both = attw(['--entrypoints', '.', './zone']);
  assert.ok(both.report.analysis.types, 'the package ships its own types');
  assert.deepEqual(both.report.analysis.problems, [], JSON.stringify(both.report.problems, null, 1));
  assert.equal(both.status, 0);
  // The manual entries are ESM-only (they load their .wasm with `await init()`). attw's `esm-only`
  // profile is that category: import (node16 ESM, bundlers) must be clean; what it reports for
  // require() (node16 CJS) and for node10, which has no `exports`, is what ESM-only means.
  const manual = attw(['--entrypoints', './manual', './zone/manual', '--profile', 'esm-only']);
  const outsideEsmOnly = manual.report.analysis.problems.filter((p) => !['node10', 'node16-cjs'].includes(p.resolutionKind));
  assert.deepEqual(outsideEsmOnly, [], JSON.stringify(manual.report.problems, null, 1));
  assert.equal(manual.status, 0);
});
