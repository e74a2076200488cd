// The `cf-dns-batch/zone` subpath: everything the main entry has, plus plan, formatPlan, listRecords, readZone,
// sync, parseZone and formatZone, over the zone .wasm (dist/zone).
// Browser entry: fetches and instantiates the .wasm that sits beside the package (import.meta.url)
// before the module finishes loading. To load it from elsewhere, use `cf-dns-batch/manual`.
import * as wasm from '../../dist/zone/cf_dns_batch.js';
import { createSurface } from '../surface.js';

await wasm.default({ module_or_path: new URL('../../dist/zone/cf_dns_batch_bg.wasm', import.meta.url) });

export const { batch, validateBatch, validateRecord, buildBatchRequest, toContent, fromContent, createEmulator, parseZone, formatZone, plan, formatPlan, listRecords, readZone, sync } = createSurface(wasm, wasm.__wbg_reset_state, undefined, { zone: true });
export * from '../errors.js';
