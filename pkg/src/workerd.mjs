// Cloudflare Workers entry: Workers refuse to compile WebAssembly from bytes at run time, so the
// .wasm is imported as a module (wrangler and workerd hand it over already compiled).
import * as wasm from '../dist/web/cf_dns_batch.js';
import wasmModule from '../dist/web/cf_dns_batch_bg.wasm';
import { createSurface } from './surface.js';

wasm.initSync({ module: wasmModule });

export const { batch, validateBatch, validateRecord, buildBatchRequest, toContent, fromContent, createEmulator } = createSurface(wasm, wasm.__wbg_reset_state);
export * from './errors.js';
