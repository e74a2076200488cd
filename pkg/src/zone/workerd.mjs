// The `cf-dns-batch/zone` subpath: everything the main entry has, plus plan, formatPlan, listRecords, readZone,
// sync, parseZone and formatZone, over the zone .wasm (dist/zone).
// Cloudflare Workers entry: Workers refuse to compile WebAssembly from bytes at run time, so the
// .wasm is imported as a module (wrangler and workerd hand it over already compiled).
import * as wasm from '../../dist/zone/cf_dns_batch.js';
import wasmModule from '../../dist/zone/cf_dns_batch_bg.wasm';
import { createSurface } from '../surface.js';

wasm.initSync({ module: wasmModule });

export const { batch, validateBatch, validateRecord, buildBatchRequest, toContent, fromContent, createEmulator, parseZone, formatZone, plan, formatPlan, listRecords, readZone, sync } = createSurface(wasm, wasm.__wbg_reset_state, undefined, { zone: true });
export * from '../errors.js';
