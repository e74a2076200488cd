// Shared by the Workers test modules: runs named cases and reports each, and a few assertions
// (node:assert is not available without nodejs_compat, which the package does not need).

export async function runCases(cases, env) {
  const failures = [];
  for (const [name, run] of Object.entries(cases)) {
    try {
      await run(env);
      console.log(`ok - ${name}`);
    } catch (err) {
      console.log(`not ok - ${name}: ${err?.stack ?? err}`);
      failures.push(name);
    }
  }
  if (failures.length) throw new Error(`${failures.length} of ${Object.keys(cases).length} failed: ${failures.join('; ')}`);
}

export function ok(value, message = 'expected a truthy value') {
  if (!value) throw new Error(message);
}

export function equal(actual, expected) {
  if (!Object.is(actual, expected)) throw new Error(`expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}
