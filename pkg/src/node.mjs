// Node entry (ESM): reads the .wasm beside the package synchronously and instantiates it.
import { readFileSync } from 'node:fs';
import * as wasm from '../dist/web/cf_dns_batch.js';
import { createApi } from './api.js';
import { createEmulatorFactory } from './emulator.js';
import { createZoneApi } from './zone.js';
import { createSyncApi } from './sync.js';

wasm.initSync({ module: new WebAssembly.Module(readFileSync(new URL('../dist/web/cf_dns_batch_bg.wasm', import.meta.url))) });

export const { batch, validateBatch, validateRecord, buildBatchRequest, toContent, fromContent } = createApi(wasm, wasm.__wbg_reset_state);
export const createEmulator = createEmulatorFactory({ validateRecord, toContent });
export const { parseZone, formatZone } = createZoneApi(wasm, wasm.__wbg_reset_state);
export const { plan, formatPlan, listRecords, sync } = createSyncApi(wasm, wasm.__wbg_reset_state, batch);
export * from './errors.js';
