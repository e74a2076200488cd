// A real HTTP server on 127.0.0.1 for the Node tests: each test scripts the answers and reads back
// exactly what arrived (method, URL, headers, body).
import { createServer } from 'node:http';

export async function startServer() {
  const requests = [];
  const handlers = [];
  let fallback = (req, res, body) => json(res, 200, okEnvelope(body));
  const sockets = new Set();
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method, url: req.url, headers: req.headers, body });
      const handler = handlers.shift() ?? fallback;
      handler(req, res, body);
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    baseURL: `http://127.0.0.1:${port}/client/v4`,
    port,
    requests,
    /** Queue handlers for the next requests, in order. */
    answer(...hs) {
      handlers.push(...hs);
    },
    setFallback(h) {
      fallback = h;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export function json(res, status, value, headers = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(typeof value === 'string' ? value : JSON.stringify(value));
}

/** A success envelope echoing the posted records with ids, as the API does. */
export function okEnvelope(body) {
  let parsed = {};
  try {
    parsed = JSON.parse(body || '{}');
  } catch {}
  const stamp = '2026-11-27T00:00:00.000000Z';
  const echo = (r, i) => ({ id: (r.id ?? `${i}`.padStart(32, 'a')), content: r.content ?? '', proxiable: false, proxied: false, ttl: 1, comment: null, tags: [], meta: {}, settings: {}, created_on: stamp, modified_on: stamp, ...r });
  return {
    success: true,
    errors: [],
    messages: [],
    result: {
      deletes: (parsed.deletes ?? []).map(echo),
      patches: (parsed.patches ?? []).map(echo),
      puts: (parsed.puts ?? []).map(echo),
      posts: (parsed.posts ?? []).map(echo),
    },
  };
}
