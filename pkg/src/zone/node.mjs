// The `cf-dns-batch/zone` subpath: everything the main entry has, plus plan, formatPlan, listRecords, readZone,
// sync, parseZone and formatZone, over the zone .wasm (dist/zone).
// Node entry (ESM): reads the .wasm beside the package synchronously and instantiates it.
import { readFileSync } from 'node:fs';
import * as wasm from '../../dist/zone/cf_dns_batch.js';
import { createSurface } from '../surface.js';

wasm.initSync({ module: new WebAssembly.Module(readFileSync(new URL('../../dist/zone/cf_dns_batch_bg.wasm', import.meta.url))) });

export const { batch, validateBatch, validateRecord, buildBatchRequest, toContent, fromContent, createEmulator, parseZone, formatZone, plan, formatPlan, listRecords, readZone, sync } = createSurface(wasm, wasm.__wbg_reset_state, undefined, { zone: true });
export * from '../errors.js';
