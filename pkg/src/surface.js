// Everything the package exports, built once over an initialised wasm-bindgen module. Every entry
// (node, CommonJS, browser, workerd, manual) differs only in how it loads the .wasm, then exports
// what this returns; so each export has one implementation and one boundary into WebAssembly.
import { createApi } from './api.js';
import { createEmulatorFactory } from './emulator.js';
import { createSyncApi } from './sync.js';
import { createZoneApi } from './zone.js';

/** `reset()` re-instantiates the module; `ready()` throws when it is not loaded yet (the manual entry). */
export function createSurface(wasm, reset, ready) {
  const api = createApi(wasm, reset, ready);
  const { batch, validateBatch, validateRecord, buildBatchRequest, toContent, fromContent } = api;
  return {
    batch,
    validateBatch,
    validateRecord,
    buildBatchRequest,
    toContent,
    fromContent,
    createEmulator: createEmulatorFactory({ validateRecord, toContent }),
    ...createZoneApi(wasm, api.boundary),
    ...createSyncApi(wasm, api),
  };
}
