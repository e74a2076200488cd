// The emulator behind a real HTTP server on 127.0.0.1 (the server itself is the package's
// pkg/src/emulator-server.mjs, also behind `cf-dns-batch emulator`), for the official SDK, curl or
// a browser page.
//
//   node examples/emulator-server.mjs --port 8787 [--latency 50] [--rate-limit 1200]
//   -> listening http://127.0.0.1:8787/client/v4
//
// Or from code: `const server = await startServer({ port: 0, emulator })`, then `server.close()`.
import { pathToFileURL } from 'node:url';
import { createEmulator } from '../pkg/src/node.mjs';
import { startServer as serve, stopOnSignals } from '../pkg/src/emulator-server.mjs';

/** Starts the server; `port` 0 picks a free one. Resolves to { baseURL, port, emulator, close() }. */
export function startServer({ port = 0, emulator = createEmulator() } = {}) {
  return serve({ port, emulator });
}

function parseArgs(argv) {
  const options = { port: 8787 };
  const emulatorOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const [flag, value] = [argv[i], argv[i + 1]];
    const number = Number(value);
    if (!['--port', '--latency', '--rate-limit'].includes(flag)) throw new Error(`unknown argument ${flag}; use --port N, --latency MS, --rate-limit N`);
    if (!Number.isInteger(number) || number < 0) throw new Error(`${flag} needs a whole number, got ${value}`);
    if (flag === '--port') options.port = number;
    if (flag === '--latency') emulatorOptions.latency = number;
    if (flag === '--rate-limit') emulatorOptions.rateLimit = number;
    i++;
  }
  return { ...options, emulator: createEmulator(emulatorOptions) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const server = await startServer(parseArgs(process.argv.slice(2)));
    console.log(`listening ${server.baseURL}`);
    stopOnSignals(server);
  } catch (err) {
    console.error(`emulator-server: ${err.message}`);
    process.exit(2);
  }
}
