// Source of the CommonJS build (`require('cf-dns-batch')`): bundled by esbuild into dist/node.cjs,
// where `__dirname` is the dist folder.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as wasm from '../dist/web/cf_dns_batch.js';
import { createApi } from './api.js';
import { createEmulatorFactory } from './emulator.js';
import { createZoneApi } from './zone.js';
import { createSyncApi } from './sync.js';

wasm.initSync({ module: new WebAssembly.Module(readFileSync(join(__dirname, 'web', 'cf_dns_batch_bg.wasm'))) });

export const { batch, validateBatch, validateRecord, buildBatchRequest, toContent, fromContent } = createApi(wasm, wasm.__wbg_reset_state);
export const createEmulator = createEmulatorFactory({ validateRecord, toContent });
export const { parseZone, formatZone } = createZoneApi(wasm, wasm.__wbg_reset_state);
export const { plan, formatPlan, listRecords, sync } = createSyncApi(wasm, wasm.__wbg_reset_state, batch);
export * from './errors.js';
