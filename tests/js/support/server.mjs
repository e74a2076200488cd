// A real HTTP server on 127.0.0.1 for the Node tests: each test scripts the answers and reads back
// exactly what arrived (method, URL, headers, body).
//
// `cors: true` makes it answerable from a web page on another origin (the browser tests): every
// answer allows any origin, and CORS preflights (OPTIONS) are answered here, recorded apart in
// `preflights`, and never reach the scripted handlers.
import { createServer } from 'node:http';

export async function startServer({ cors = false } = {}) {
  const requests = [];
  const preflights = [];
  const handlers = [];
  let fallback = (req, res, body) => json(res, 200, okEnvelope(body));
  const sockets = new Set();
  const server = createServer((req, res) => {
    if (cors) {
      res.setHeader('access-control-allow-origin', '*');
      // What the client reads from an answer: a page sees only these beyond the safelisted ones.
      res.setHeader('access-control-expose-headers', 'cf-ray, retry-after, retry-after-ms');
      if (req.method === 'OPTIONS') {
        preflights.push({ url: req.url, headers: req.headers });
        res.writeHead(204, {
          'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE',
          'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '',
          'access-control-max-age': '600',
        });
        res.end();
        return;
      }
    }
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
    preflights,
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
