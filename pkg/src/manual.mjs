// Entry for hosts that load the .wasm themselves: call `await init(source)` once, where `source` is
// a URL, a Response, bytes or a compiled WebAssembly.Module; then use the API.
import * as wasm from '../dist/web/cf_dns_batch.js';
import { createManualSurface } from './surface.js';

export const { init, batch, validateBatch, validateRecord, buildBatchRequest, toContent, fromContent, createEmulator } = createManualSurface(wasm);
export * from './errors.js';
