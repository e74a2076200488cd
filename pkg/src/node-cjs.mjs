// Source of the CommonJS build (`require('cf-dns-batch')`): bundled by esbuild into dist/node.cjs,
// where `__dirname` is the dist folder.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as wasm from '../dist/web/cf_dns_batch.js';
import { createSurface } from './surface.js';

wasm.initSync({ module: new WebAssembly.Module(readFileSync(join(__dirname, 'web', 'cf_dns_batch_bg.wasm'))) });

export const { batch, validateBatch, validateRecord, buildBatchRequest, toContent, fromContent, createEmulator } = createSurface(wasm, wasm.__wbg_reset_state);
export * from './errors.js';
