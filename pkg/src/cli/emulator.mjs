// `cf-dns-batch emulator`: the package's emulator served over HTTP by emulator-server.mjs. The
// library's functions are passed in by cli.mjs, the one place that imports the library.
import { startServer, stopOnSignals } from '../emulator-server.mjs';
import { EXIT, UsageError, numberFlag } from './usage.mjs';
import { readInput } from './input.mjs';
import { issueLine, plural } from './output.mjs';

const DEFAULT_ZONE = { id: '023e105f4ecef8ad9ca31a8372d0c353', name: 'example.com', plan: 'enterprise' };

/** `cf-dns-batch emulator`: resolves to null once serving (the process then runs until a signal). */
export async function runEmulator(values, out, { createEmulator, parseZone }) {
  const zone = { id: values['zone-id'] ?? DEFAULT_ZONE.id, name: values.zone ?? DEFAULT_ZONE.name, plan: values.plan ?? DEFAULT_ZONE.plan };
  const port = numberFlag(values, 'port', { integer: true, min: 0, max: 65535 }) ?? 8787;
  const latency = numberFlag(values, 'latency', { integer: true, min: 0 });
  const rateLimit = numberFlag(values, 'rate-limit', { integer: true, min: 1 });
  out.addSecret(values.token);
  const emu = createEmulator({ zones: [zone], tokens: values.token === undefined ? undefined : [values.token], latency, rateLimit });
  let seeded = 0;
  if (values.seed !== undefined) {
    const input = readInput(values.seed, { parseZone, origin: zone.name });
    for (const issue of input.issues) out.note(issueLine(values.seed, issue));
    if (!input.records || input.issues.some((i) => i.severity === 'error')) {
      return out.fail(new UsageError(`the seed file ${values.seed} has errors (or is not records); the emulator did not start`), undefined, EXIT.refused);
    }
    seeded = emu.seed(zone.id, input.records).length;
  }
  let server;
  try {
    server = await startServer({ port, emulator: emu });
  } catch (err) {
    if (err?.code === 'EADDRINUSE' || err?.code === 'EACCES') throw new UsageError(`cannot listen on 127.0.0.1:${port} (${err.code})`);
    throw err;
  }
  if (out.json) {
    out.print(JSON.stringify({ base_url: server.baseURL, zone_id: zone.id, zone_name: zone.name, records: seeded }));
  } else {
    out.print(`listening ${server.baseURL}`);
    out.print(`zone ${zone.name} id ${zone.id} (${zone.plan} plan, ${plural(seeded, 'record')})`);
    out.print(`try: CLOUDFLARE_API_TOKEN=${values.token === undefined ? 'anything' : '<your --token>'} cf-dns-batch export --zone ${zone.id} --base-url ${server.baseURL}`);
  }
  stopOnSignals(server);
  return null; // runs until a signal
}
