// The `cf-dns-batch/zone/manual` entry: as `cf-dns-batch/manual`, over the zone .wasm (dist/zone),
// with plan, formatPlan, listRecords, readZone, sync, parseZone and formatZone besides.
import * as wasm from '../../dist/zone/cf_dns_batch.js';
import { createManualSurface } from '../surface.js';

export const { init, batch, validateBatch, validateRecord, buildBatchRequest, toContent, fromContent, createEmulator, parseZone, formatZone, plan, formatPlan, listRecords, readZone, sync } =
  createManualSurface(wasm, { zone: true });
export * from '../errors.js';
