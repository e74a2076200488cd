// The `cf-dns-batch/zone` subpath: everything the main entry has, plus plan, formatPlan, listRecords, readZone,
// sync, parseZone and formatZone, over the zone .wasm (dist/zone).
// Source of the CommonJS build (`require('cf-dns-batch/zone')`): bundled by esbuild into dist/zone.cjs,
// where `__dirname` is the dist folder.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as wasm from '../../dist/zone/cf_dns_batch.js';
import { createSurface } from '../surface.js';

wasm.initSync({ module: new WebAssembly.Module(readFileSync(join(__dirname, 'zone', 'cf_dns_batch_bg.wasm'))) });

export const { batch, validateBatch, validateRecord, buildBatchRequest, toContent, fromContent, createEmulator, parseZone, formatZone, plan, formatPlan, listRecords, readZone, sync } = createSurface(wasm, wasm.__wbg_reset_state, undefined, { zone: true });
export * from '../errors.js';
