// The emulator behind a real HTTP server on 127.0.0.1, seeded with `records`, for the zone tests:
// `run({ emulator, options })` gets client options that reach it (`extra` merged in).
import { createEmulator } from '../../../pkg/src/zone/node.mjs';
import { startServer as startEmulatorServer } from '../../../examples/emulator-server.mjs';
import { ZONE, TOKEN } from './emulator.mjs';

export async function withZone(records, run, extra = {}) {
  const emulator = createEmulator();
  if (records.length) emulator.seed(ZONE, records);
  const server = await startEmulatorServer({ emulator });
  try {
    await run({ emulator, options: { apiToken: TOKEN, baseURL: server.baseURL, maxRetries: 0, ...extra } });
  } finally {
    await server.close();
  }
}
