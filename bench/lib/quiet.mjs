// Same harness as the official-SDK baseline, so the numbers compare.
// The benchmark machine has 2 cores and may be shared with builds. Before a
// timed section, wait until the whole machine is mostly idle (from /proc/stat),
// up to maxWaitMs, and return what was seen so it can be recorded.
import { readFileSync } from 'node:fs';

function cpuTimes() {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const idle = line[3] + (line[4] || 0);
  const total = line.reduce((a, b) => a + b, 0);
  return { idle, total };
}

export async function idleFraction(ms = 300) {
  const a = cpuTimes();
  await new Promise((r) => setTimeout(r, ms));
  const b = cpuTimes();
  const dt = b.total - a.total;
  return dt > 0 ? (b.idle - a.idle) / dt : 1;
}

export async function waitQuiet({ minIdle = 0.85, maxWaitMs = 90_000 } = {}) {
  if (process.env.PEER_NO_QUIET_WAIT) return { waitedMs: 0, idle: null, quiet: null };
  const t0 = Date.now();
  let idle = await idleFraction();
  while (idle < minIdle && Date.now() - t0 < maxWaitMs) {
    await new Promise((r) => setTimeout(r, 1000));
    idle = await idleFraction();
  }
  return { waitedMs: Date.now() - t0, idle: Number(idle.toFixed(3)), quiet: idle >= minIdle };
}

export function loadavg() {
  return readFileSync('/proc/loadavg', 'utf8').trim().split(' ').slice(0, 3).join(' ');
}

// CLI: `node lib/quiet.mjs` waits for a quiet machine and prints what it saw.
if (import.meta.url === `file://${process.argv[1]}`) {
  const q = await waitQuiet();
  console.log(JSON.stringify({ ...q, loadavg: loadavg() }));
}
