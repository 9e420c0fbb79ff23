import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { validateConfigText } from '../../src/plugins/config';
import type { LoadedConfig } from '../../src/plugins/types';
import { configDirectory, questionText, surfaceHash, trustSurface, TrustGate, TrustStore, type TrustQuestion } from '../../src/trust';

/** trust.md §2 without an editor: the store, the surface hash and when the gate asks. */

const BUILTINS = ['files', 'python', 'rust'];
const tmp = (prefix: string): string => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

async function config(ws: string, toml: string): Promise<LoadedConfig> {
  fs.writeFileSync(path.join(ws, 'hielements.toml'), toml);
  return validateConfigText(toml, path.join(ws, 'hielements.toml'), ws);
}

describe('trust: store, surface and gate', () => {
  let home: string;
  let ws: string;
  beforeEach(() => {
    home = tmp('hie-trust-home-');
    ws = tmp('hie-trust-ws-');
  });
  afterEach(() => {
    fs.rmSync(home, { recursive: true, force: true });
    fs.rmSync(ws, { recursive: true, force: true });
  });

  it('the configuration directory is $XDG_CONFIG_HOME/hielements, else ~/.config/hielements (a relative XDG_CONFIG_HOME is ignored)', () => {
    assert.equal(configDirectory({ XDG_CONFIG_HOME: '/x/conf' }), '/x/conf/hielements');
    assert.equal(configDirectory({ XDG_CONFIG_HOME: 'relative' }), path.join(os.homedir(), '.config', 'hielements'));
    assert.equal(configDirectory({}), path.join(os.homedir(), '.config', 'hielements'));
  });

  it('the surface is what needs trust; its hash changes with any external executable, argument, shadowing name or elevated grant', async () => {
    const base = await config(ws, '[libraries]\ntodo = { executable = "node", args = ["tools/todo.js"] }\n');
    const surface = trustSurface(base, BUILTINS);
    assert.deepEqual(surface, { externals: [{ name: 'todo', program: 'node', args: ['tools/todo.js'] }], shadowing: [], elevated: [] });
    const hashes = new Set([surfaceHash(surface)]);
    for (const toml of [
      '[libraries]\ntodo = { executable = "node", args = ["tools/todo.js", "--x"] }\n',
      '[libraries]\ntodo = { executable = "python3", args = ["tools/todo.js"] }\n',
      '[libraries]\nfiles = { executable = "node", args = ["tools/todo.js"] }\n',
    ]) hashes.add(surfaceHash(trustSurface(await config(ws, toml), BUILTINS)));
    assert.equal(hashes.size, 4);
    // comments and key order do not matter
    const same = await config(ws, '# tools\n[libraries.todo]\nargs = ["tools/todo.js"]\nexecutable = "node"\n');
    assert.equal(surfaceHash(trustSurface(same, BUILTINS)), surfaceHash(surface));
  });

  it('the question names the workspace, each library and its exact command line', async () => {
    const c = await config(ws, '[libraries]\ntodo = { executable = "node", args = ["tools/todo plugin.js", "--fast"] }\n');
    assert.equal(
      questionText(ws, trustSurface(c, BUILTINS)),
      `The workspace ${ws} wants to run programs as Hielements plugins, with your permissions: library \`todo\` runs \`node 'tools/todo plugin.js' --fast\`. Allow this workspace? (You will be asked again if these entries change.)`,
    );
  });

  it('asks once for a workspace with external plugins, remembers Allow outside the workspace, and asks again when the entries change', async () => {
    const c1 = await config(ws, '[libraries]\ntodo = { executable = "node", args = ["a.js"] }\n');
    const asked: TrustQuestion[] = [];
    const gate = (answer: 'allow' | 'deny' | undefined) => new TrustGate({ clientTrust: undefined, store: new TrustStore(path.join(home, 'hielements')), ask: async (q) => (asked.push(q), answer) });
    const g = gate('allow');
    assert.equal(g.isTrusted(ws, c1), false);
    assert.equal(await g.request(ws, c1), true);
    assert.equal(g.isTrusted(ws, c1), true);
    assert.equal(asked.length, 1);
    // remembered by a new session
    assert.equal(gate('deny').isTrusted(ws, c1), true);
    const stored = JSON.parse(fs.readFileSync(path.join(home, 'hielements', 'trust.json'), 'utf8'));
    assert.deepEqual(Object.keys(stored.workspaces), [fs.realpathSync(ws)]);
    assert.equal(stored.workspaces[fs.realpathSync(ws)].answer, 'allow');
    assert.deepEqual(fs.readdirSync(ws), ['hielements.toml'], 'nothing is written into the workspace');
    // a changed command line is a new question
    const c2 = await config(ws, '[libraries]\ntodo = { executable = "node", args = ["b.js"] }\n');
    const g2 = gate('deny');
    assert.equal(g2.isTrusted(ws, c2), false);
    assert.equal(await g2.request(ws, c2), false);
    assert.equal(asked.length, 2);
    // "Don't allow" is remembered too: not asked again unless the user asks to be asked
    const g3 = gate('allow');
    assert.equal(await g3.request(ws, c2), false);
    assert.equal(asked.length, 2);
    assert.equal(await g3.request(ws, c2, true), true);
    assert.equal(asked.length, 3);
  });

  it('no answer means no, is not remembered, and is not asked again in the same session', async () => {
    const c = await config(ws, '[libraries]\ntodo = { executable = "node" }\n');
    let asked = 0;
    const g = new TrustGate({ clientTrust: undefined, store: new TrustStore(path.join(home, 'hielements')), ask: async () => (asked++, undefined) });
    assert.equal(await g.request(ws, c), false);
    assert.equal(await g.request(ws, c), false);
    assert.equal(asked, 1);
    assert.equal(fs.existsSync(path.join(home, 'hielements', 'trust.json')), false);
  });

  it('never asks when the client manages trust, nor when nothing needs it; WASM-only workspaces are asked only on request', async () => {
    const store = new TrustStore(path.join(home, 'hielements'));
    let asked = 0;
    const ask = async () => (asked++, 'allow' as const);
    const external = await config(ws, '[libraries]\ntodo = { executable = "node" }\n');
    const byClient = new TrustGate({ clientTrust: false, store, ask });
    assert.equal(byClient.isTrusted(ws, external), false);
    assert.equal(await byClient.request(ws, external, true), false);
    byClient.clientGranted();
    assert.equal(byClient.isTrusted(ws, external), true);
    assert.equal(new TrustGate({ clientTrust: true, store, ask }).isTrusted(ws, external), true);
    const nothing = await config(ws, '[libraries]\n');
    assert.equal(new TrustGate({ clientTrust: false, store, ask }).isTrusted(ws, nothing), true);
    fs.writeFileSync(path.join(ws, 'm.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
    const wasmOnly = await config(ws, '[libraries]\nm = { path = "m.wasm", capabilities = { fs = "write" } }\n');
    const gate = new TrustGate({ clientTrust: undefined, store, ask });
    assert.equal(await gate.request(ws, wasmOnly), false);
    assert.equal(asked, 0);
    assert.equal(await gate.request(ws, wasmOnly, true), true);
    assert.equal(asked, 1);
  });

  it('trust_all_workspaces = true in the user\'s config.toml trusts every workspace (a file in the workspace cannot say so)', async () => {
    const c = await config(ws, '[libraries]\ntodo = { executable = "node" }\n');
    const store = new TrustStore(path.join(home, 'hielements'));
    const gate = new TrustGate({ clientTrust: undefined, store, ask: async () => 'deny' });
    fs.mkdirSync(path.join(ws, '.config', 'hielements'), { recursive: true });
    fs.writeFileSync(path.join(ws, '.config', 'hielements', 'config.toml'), 'trust_all_workspaces = true\n');
    fs.writeFileSync(path.join(ws, 'config.toml'), 'trust_all_workspaces = true\n');
    assert.equal(gate.isTrusted(ws, c), false);
    fs.mkdirSync(path.join(home, 'hielements'), { recursive: true });
    fs.writeFileSync(path.join(home, 'hielements', 'config.toml'), 'trust_all_workspaces = true\n');
    assert.equal(gate.isTrusted(ws, c), true);
    // a client that manages trust has the last word (VS Code's Restricted Mode stays restricted)
    assert.equal(new TrustGate({ clientTrust: false, store, ask: async () => 'deny' }).isTrusted(ws, c), false);
  });
});
