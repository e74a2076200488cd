// Cloudflare Workers entry: Workers refuse to compile WebAssembly from bytes at run time, so the
// .wasm is imported as a module (wrangler and workerd hand it over already compiled).
import * as wasm from '../dist/web/cf_dns_batch.js';
import wasmModule from '../dist/web/cf_dns_batch_bg.wasm';
import { createApi } from './api.js';
import { createEmulatorFactory } from './emulator.js';
import { createZoneApi } from './zone.js';
import { createSyncApi } from './sync.js';

wasm.initSync({ module: wasmModule });

export const { batch, validateBatch, validateRecord, buildBatchRequest, toContent, fromContent } = createApi(wasm, wasm.__wbg_reset_state);
export const createEmulator = createEmulatorFactory({ validateRecord, toContent });
export const { parseZone, formatZone } = createZoneApi(wasm, wasm.__wbg_reset_state);
export const { plan, formatPlan, listRecords, sync } = createSyncApi(wasm, wasm.__wbg_reset_state, batch);
export * from './errors.js';
