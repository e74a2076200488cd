export * from './zone.js';
/** Loads the zone WebAssembly module (`dist/zone/cf_dns_batch_bg.wasm`) from a URL, a Response, bytes or a compiled module. Call once before anything else. */
export function init(source: string | URL | Response | BufferSource | WebAssembly.Module | Promise<Response>): Promise<void>;
