#!/usr/bin/env node
// End-to-end tests of the packaged extension in a real VS Code: code-server 4.100.3 (VS Code 1.100.3)
// driven through Debian's chromium with playwright-core. Each scenario in code-server/scenarios/ gets
// its own fresh code-server session (its own workspace copy, user dirs and port) and reports named
// checks; screenshots go to test-artifacts/.
//
// Prerequisites: scripts/e2e/setup-editors.sh code-server ; npm run package -w client
// Usage: node scripts/e2e/code-server-e2e.js [SCENARIO...]
//   Prints ONE JSON line on stdout: {"ok", "passed", "failed", "scenarios": [...]}; exit 0 = all passed.
// Env: HIELEMENTS_EDITOR_CACHE, CS_BIN, VSIX, PORT, CHROMIUM, ARTIFACTS, KEEP=1 (keep temp dirs)
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { log, openSession } = require('./code-server/session');

const SCENARIOS = path.join(__dirname, 'code-server', 'scenarios');

/** Runs one scenario; every declared check that was not reported passing counts as failed. */
async function runScenario(scenario) {
  const reported = new Map();
  const check = (name, ok, detail) => {
    if (!scenario.checks.includes(name)) throw new Error(`scenario ${scenario.name}: undeclared check "${name}"`);
    reported.set(name, { name, ok: Boolean(ok), detail: ok ? undefined : String(detail ?? '').slice(0, 400) });
    log(`${scenario.name} / ${name}: ${ok ? 'ok' : 'FAILED'}`);
  };
  let error;
  let session;
  try {
    session = await openSession({ workspace: scenario.workspace, trusted: scenario.trusted, settings: scenario.settings });
    await scenario.run(session, check);
  } catch (e) {
    error = e.message.split('\n')[0];
    log(`${scenario.name} FAILED:`, e.message);
    try { if (session) await session.page.screenshot({ path: session.shot(`code-server-${scenario.name}-fail.png`) }); } catch { /* best effort */ }
    if (session) console.error(session.serverLog().slice(-4000));
  } finally {
    if (session) await session.close();
  }
  const checks = scenario.checks.map((name) => reported.get(name) || { name, ok: false, detail: error ? `not reached: ${error}` : 'not reported' });
  return { name: scenario.name, error, checks };
}

async function main() {
  const only = process.argv.slice(2);
  const files = fs.readdirSync(SCENARIOS).filter((f) => f.endsWith('.js')).sort();
  const scenarios = files.map((f) => require(path.join(SCENARIOS, f)))
    .filter((s) => only.length === 0 || only.includes(s.name));
  if (only.length > 0 && scenarios.length !== only.length) throw new Error(`unknown scenario in: ${only.join(', ')}`);
  const T0 = Date.now();
  const results = [];
  for (const scenario of scenarios) results.push(await runScenario(scenario));
  const all = results.flatMap((r) => r.checks);
  const passed = all.filter((c) => c.ok).length;
  const summary = { ok: passed === all.length && all.length > 0, passed, failed: all.length - passed, ms_total: Date.now() - T0, scenarios: results };
  console.log(JSON.stringify(summary));
  process.exitCode = summary.ok ? 0 : 1;
}

main().catch((error) => {
  console.log(JSON.stringify({ ok: false, passed: 0, failed: 1, error: error.message }));
  process.exitCode = 1;
});
