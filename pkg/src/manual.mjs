// Entry for hosts that load the .wasm themselves: call `await init(source)` once, where `source` is
// a URL, a Response, bytes or a compiled WebAssembly.Module; then use the API.
import * as wasm from '../dist/web/cf_dns_batch.js';
import { createApi } from './api.js';
import { createEmulatorFactory } from './emulator.js';
import { ConfigurationError } from './errors.js';
import { createZoneApi } from './zone.js';
import { createSyncApi } from './sync.js';

let api = null;

export async function init(source) {
  if (api) return;
  if (source instanceof WebAssembly.Module) wasm.initSync({ module: source });
  else await wasm.default({ module_or_path: source });
  api = createApi(wasm, wasm.__wbg_reset_state);
  api = { ...api, ...createSyncApi(wasm, wasm.__wbg_reset_state, api.batch) };
}

function ready() {
  if (!api) throw new ConfigurationError('call `await init(source)` before using cf-dns-batch/manual', { code: 'not_initialised' });
  return api;
}

export const batch = (params, options) => ready().batch(params, options);
export const validateBatch = (params, options) => ready().validateBatch(params, options);
export const validateRecord = (record, options) => ready().validateRecord(record, options);
export const buildBatchRequest = (params, options) => ready().buildBatchRequest(params, options);
export const toContent = (record) => ready().toContent(record);
export const fromContent = (type, text) => ready().fromContent(type, text);
export const plan = (current, desired, policy) => ready().plan(current, desired, policy);
export const formatPlan = (planned) => ready().formatPlan(planned);
export const listRecords = (zoneId, options) => ready().listRecords(zoneId, options);
export const sync = (zoneId, desired, options) => ready().sync(zoneId, desired, options);
export const createEmulator = createEmulatorFactory({
  validateRecord: (record, options) => ready().validateRecord(record, options),
  toContent: (record) => ready().toContent(record),
});
export const { parseZone, formatZone } = createZoneApi(wasm, () => wasm.__wbg_reset_state(), ready);
export * from './errors.js';
