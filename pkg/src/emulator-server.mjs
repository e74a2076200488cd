// The emulator behind a real HTTP server on 127.0.0.1, for anything that needs a URL rather than a
// fetch function: the official SDK (`baseURL`), curl, a browser page (CORS is answered). Node only.
// Used by `cf-dns-batch emulator` and by examples/emulator-server.mjs. It takes the emulator as an
// argument rather than importing an entry, so it works beside whichever entry created it.
import { createServer } from 'node:http';

const HOST = '127.0.0.1';
// Browsers send a preflight for the Authorization and JSON headers; any origin may call a local emulator.
const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
  'access-control-expose-headers': 'cf-ray, retry-after, ratelimit, ratelimit-policy',
  'access-control-max-age': '600',
};
// Connection-level headers belong to this hop, not to the request handed to the emulator.
const HOP_BY_HOP = new Set(['host', 'connection', 'keep-alive', 'content-length', 'transfer-encoding', 'upgrade']);

/**
 * Serves `emulator` (from `createEmulator()`) on 127.0.0.1; `port` 0 picks a free one.
 * Resolves to { baseURL, port, emulator, close() }.
 */
export async function startServer({ port = 0, emulator } = {}) {
  if (typeof emulator?.fetch !== 'function') throw new TypeError('startServer({ emulator }) takes an emulator from createEmulator()');
  const sockets = new Set();
  let origin; // known once listening
  const server = createServer((req, res) => {
    handle(emulator, origin, req, res).catch((err) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain', ...CORS });
      res.end(`emulator server error: ${err.message}`);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, resolve);
  });
  const actual = server.address().port;
  origin = `http://${HOST}:${actual}`;
  return {
    baseURL: `${origin}/client/v4`,
    port: actual,
    emulator,
    async close() {
      // Keep-alive connections (the SDK's, a browser's) would hold the server open; end them.
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Closes the server and exits with status 0 on the first SIGINT or SIGTERM. */
export function stopOnSignals(server) {
  const stop = () => server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function handle(emulator, origin, req, res) {
  if (req.method === 'OPTIONS') {
    const asked = req.headers['access-control-request-headers'] ?? 'authorization, content-type, x-auth-email, x-auth-key';
    res.writeHead(204, { ...CORS, 'access-control-allow-headers': asked });
    return res.end();
  }
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (!HOP_BY_HOP.has(name) && value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  const request = new Request(`${origin}${req.url}`, { method: req.method, headers, body: hasBody ? Buffer.concat(chunks) : undefined });
  const response = await emulator.fetch(request);
  res.writeHead(response.status, { ...Object.fromEntries(response.headers), ...CORS });
  res.end(Buffer.from(await response.arrayBuffer()));
}
