// Browser entry: fetches and instantiates the .wasm that sits beside the package (import.meta.url)
// before the module finishes loading. To load it from elsewhere, use `cf-dns-batch/manual`.
import * as wasm from '../dist/web/cf_dns_batch.js';
import { createApi } from './api.js';
import { createEmulatorFactory } from './emulator.js';
import { createZoneApi } from './zone.js';
import { createSyncApi } from './sync.js';

await wasm.default({ module_or_path: new URL('../dist/web/cf_dns_batch_bg.wasm', import.meta.url) });

export const { batch, validateBatch, validateRecord, buildBatchRequest, toContent, fromContent } = createApi(wasm, wasm.__wbg_reset_state);
export const createEmulator = createEmulatorFactory({ validateRecord, toContent });
export const { parseZone, formatZone } = createZoneApi(wasm, wasm.__wbg_reset_state);
export const { plan, formatPlan, listRecords, sync } = createSyncApi(wasm, wasm.__wbg_reset_state, batch);
export * from './errors.js';
