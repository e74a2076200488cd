// The `cf-dns-batch/zone` subpath: everything the main entry has, plus plan, formatPlan, listRecords,
// sync, parseZone and formatZone, over the zone .wasm (dist/zone).
// Entry for hosts that load the .wasm themselves: call `await init(source)` once, where `source` is
// a URL, a Response, bytes or a compiled WebAssembly.Module; then use the API.
import * as wasm from '../../dist/zone/cf_dns_batch.js';
import { ConfigurationError } from '../errors.js';
import { createSurface } from '../surface.js';

let loaded = false;

export async function init(source) {
  if (loaded) return;
  if (source instanceof WebAssembly.Module) wasm.initSync({ module: source });
  else await wasm.default({ module_or_path: source });
  loaded = true;
}

function ready() {
  if (!loaded) throw new ConfigurationError('call `await init(source)` before using cf-dns-batch/manual', { code: 'not_initialised' });
}

export const { batch, validateBatch, validateRecord, buildBatchRequest, toContent, fromContent, createEmulator, parseZone, formatZone, plan, formatPlan, listRecords, sync } = createSurface(
  wasm,
  () => wasm.__wbg_reset_state(),
  ready,
  { zone: true },
);
export * from '../errors.js';
