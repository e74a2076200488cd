// Same harness as the official-SDK baseline, so the numbers compare.
// Minimal timing harness.
//
// benchGroup(): the variants of one workload are measured in interleaved
// rounds (round 1 of every variant, then round 2 of every variant, ...), so
// when the shared 2-core machine gets busy for a while every variant is hit
// alike and the comparison between them stays fair. Per variant: warm up
// (>= warmupMs and >= 5 calls), calibrate a round to ~roundMs, then `rounds`
// rounds; report min / median / max of the per-call time of each round (wall)
// and the median process CPU time per call (all threads, so concurrent GC
// shows up there). Every call is awaited: latency of one sequential call.
// With `node --expose-gc` a full GC runs before each round, outside the timed
// region; GC inside a round still counts.

const now = () => process.hrtime.bigint();

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

async function runIters(fn, iters, isAsync) {
  if (isAsync) for (let k = 0; k < iters; k++) await fn();
  else for (let k = 0; k < iters; k++) fn();
}

async function calibrate(fn, { warmupMs, roundMs, isAsync }) {
  const t0 = now();
  let n = 0;
  while (Number(now() - t0) / 1e6 < warmupMs || n < 5) {
    if (isAsync) await fn(); else fn();
    n++;
  }
  const perIterNs = Number(now() - t0) / n;
  return Math.max(3, Math.round((roundMs * 1e6) / perIterNs));
}

// variants: [{ name, fn, isAsync = true }]
export async function benchGroup(variants, { roundMs = 100, rounds = 21, warmupMs = 400, beforeRound } = {}) {
  const state = [];
  for (const v of variants) {
    const isAsync = v.isAsync ?? true;
    state.push({ ...v, isAsync, iters: await calibrate(v.fn, { warmupMs, roundMs, isAsync }), samples: [], cpu: [] });
  }
  for (let r = 0; r < rounds; r++) {
    if (beforeRound) await beforeRound(r);
    for (const s of state) {
      if (globalThis.gc) globalThis.gc();
      const c = process.cpuUsage();
      const t = now();
      await runIters(s.fn, s.iters, s.isAsync);
      s.samples.push(Number(now() - t) / s.iters / 1e3);
      const cu = process.cpuUsage(c);
      s.cpu.push((cu.user + cu.system) / s.iters);
    }
  }
  return state.map((s) => ({
    name: s.name, iters: s.iters, rounds,
    minUs: Math.min(...s.samples), medianUs: median(s.samples), maxUs: Math.max(...s.samples),
    cpuMedianUs: median(s.cpu), samples: s.samples,
  }));
}

// single function, same rules
export async function bench(name, fn, { isAsync = true, ...o } = {}) {
  return (await benchGroup([{ name, fn, isAsync }], o))[0];
}

export function fmtUs(us) {
  if (us >= 1000) return `${(us / 1000).toFixed(2)} ms`;
  if (us >= 10) return `${us.toFixed(1)} µs`;
  return `${us.toFixed(2)} µs`;
}
