// Everything the package exports, built once over an initialised wasm-bindgen module. Every entry
// (node, CommonJS, browser, workerd, manual; main or `/zone`) differs only in how it loads its
// .wasm, then exports what this returns; so each export has one implementation and one boundary
// into WebAssembly.
import { createApi } from './api.js';
import { createEmulatorFactory } from './emulator.js';
import { ConfigurationError } from './errors.js';
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
    createEmulator: createEmulatorFactory({ validateRecord, toContent, recordKinds: () => (ready?.(), JSON.parse(wasm.recordKinds())) }),
  };
  return zone ? { ...main, ...createZoneApi(wasm, api.boundary), ...createSyncApi(wasm, api) } : main;
}

/**
 * For the manual entries: the surface at once, over a module that `init(source)` loads later
 * (`source`: a URL, a Response, bytes or a compiled WebAssembly.Module). Every call before it
 * throws a ConfigurationError.
 */
export function createManualSurface(wasm, options) {
  let loaded = false;
  async function init(source) {
    if (loaded) return;
    if (source instanceof WebAssembly.Module) wasm.initSync({ module: source });
    else await wasm.default({ module_or_path: source });
    loaded = true;
  }
  function ready() {
    if (!loaded) throw new ConfigurationError('call `await init(source)` before using the manual entry', { code: 'not_initialised' });
  }
  return { init, ...createSurface(wasm, () => wasm.__wbg_reset_state(), ready, options) };
}
