export * from './index.js';
/** Loads the WebAssembly module from a URL, a Response, bytes or a compiled module. Call once before anything else. */
export function init(source: string | URL | Response | BufferSource | WebAssembly.Module | Promise<Response>): Promise<void>;
