// Node entry (ESM): reads the .wasm beside the package synchronously and instantiates it.
import { readFileSync } from 'node:fs';
import * as wasm from '../dist/web/cf_dns_batch.js';
import { createSurface } from './surface.js';

wasm.initSync({ module: new WebAssembly.Module(readFileSync(new URL('../dist/web/cf_dns_batch_bg.wasm', import.meta.url))) });

export const { batch, validateBatch, validateRecord, buildBatchRequest, toContent, fromContent, createEmulator } = createSurface(wasm, wasm.__wbg_reset_state);
export * from './errors.js';
