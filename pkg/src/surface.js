// Everything the package exports, built once over an initialised wasm-bindgen module. Every entry
// (node, CommonJS, browser, workerd, manual; main or `/zone`) differs only in how it loads its
// .wasm, then exports what this returns; so each export has one implementation and one boundary
// into WebAssembly.
import { createApi } from './api.js';
import { createEmulatorFactory } from './emulator.js';
import { createSyncApi } from './sync.js';
import { createZoneApi } from './zonefile.js';

/**
 * `reset()` re-instantiates the module; `ready()` throws when it is not loaded yet (the manual
 * entries). `zone: true` adds the zone tools, which only the zone .wasm (dist/zone) exports.
 */
export function createSurface(wasm, reset, ready, { zone = false } = {}) {
  const api = createApi(wasm, reset, ready);
  const { batch, validateBatch, validateRecord, buildBatchRequest, toContent, fromContent } = api;
  const main = {
    batch,
    validateBatch,
    validateRecord,
    buildBatchRequest,
    toContent,
    fromContent,
    createEmulator: createEmulatorFactory({ validateRecord, toContent }),
  };
  return zone ? { ...main, ...createZoneApi(wasm, api.boundary), ...createSyncApi(wasm, api) } : main;
}
