// What npm users get: the tarball's files (both licences, the changelog, every file the exports map
// and `bin` name) and a README of their own whose links work outside the repository.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const pkgDir = fileURLToPath(new URL('../../pkg/', import.meta.url));
const manifest = JSON.parse(readFileSync(new URL('package.json', `file://${pkgDir}`), 'utf8'));

function packedFiles() {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: pkgDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return new Set(JSON.parse(out)[0].files.map((f) => f.path));
}

function targets(value) {
  if (typeof value === 'string') return [value];
  return Object.values(value ?? {}).flatMap(targets);
}

test('the tarball holds the licences, the changelog, the README and every file the manifest names', () => {
  const files = packedFiles();
  for (const f of ['README.md', 'LICENSE-MIT', 'LICENSE-APACHE', 'CHANGELOG.md', 'package.json']) assert.ok(files.has(f), `${f} is packed`);
  for (const t of [...targets(manifest.exports), ...targets(manifest.bin), manifest.main, manifest.types]) {
    assert.ok(files.has(t.replace(/^\.\//, '')), `${t} (named by package.json) is packed`);
  }
  for (const field of ['repository', 'homepage', 'bugs']) assert.ok(manifest[field], `package.json has ${field}`);
  assert.ok(![...files].some((f) => f.includes('node_modules') || f.endsWith('.raw.sha256')), 'no build leftovers');
});

test("the npm README's links are absolute and it speaks to users, not contributors", () => {
  const readme = readFileSync(`${pkgDir}README.md`, 'utf8');
  const links = [...readme.matchAll(/\]\(([^)]+)\)|<(https?:[^>]+)>/g)].map((m) => m[1] ?? m[2]);
  assert.ok(links.length > 0);
  for (const link of links) assert.match(link, /^https:\/\//, `relative link ${link} would break on npm`);
  assert.ok(!/!\[[^\]]*\]\((?!https:)/.test(readme), 'no image from the repository');
  assert.ok(!readme.includes('make demo') && !readme.includes('make test'), 'no contributor commands');
  for (const topic of ['npm install cf-dns-batch', 'Zone › DNS › Edit', 'Zone ID', '81044', '81053', '81058', '83011', 'Propagation is not atomic', 'Deno']) {
    assert.ok(readme.includes(topic), `the README covers ${topic}`);
  }
});
