// Shared helpers for the emulator tests: raw requests straight to `emulator.fetch`, and the options
// that make the real `batch()` talk to it.
export const ZONE = '023e105f4ecef8ad9ca31a8372d0c353';
export const TOKEN = 'tok_EMULATOR_3c1d';
export const BASE = 'https://api.cloudflare.com/client/v4';

/** Options for batch(): the real client, sending through the emulator. */
export const via = (emulator, extra = {}) => ({ apiToken: TOKEN, fetch: emulator.fetch, maxRetries: 0, ...extra });

/** One raw request; answers { status, headers, body } with the JSON body parsed. */
export async function call(emulator, method, path, body, headers = { authorization: `Bearer ${TOKEN}` }) {
  const init = { method, headers: { 'content-type': 'application/json', ...headers } };
  if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
  const res = await emulator.fetch(`${BASE}${path}`, init);
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: res.headers.get('content-type') === 'application/json' ? JSON.parse(text) : null };
}

/** The first error of a failed answer, flattened: [code, pointer]. */
export const firstError = ({ body }) => [body.errors[0].code, body.errors[0].source?.pointer];

/** A batch POST straight to the emulator (no client-side validation). */
export const rawBatch = (emulator, body, zone = ZONE) => call(emulator, 'POST', `/zones/${zone}/dns_records/batch`, body);
