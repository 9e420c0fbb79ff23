import * as assert from 'node:assert/strict';
import { resolveServerLaunch } from '../src/serverLaunch';

describe('server launch', () => {
  it('runs the bundled server over IPC and tells it where its .wasm files are', () => {
    assert.deepEqual(resolveServerLaunch('', '/ext'), {
      kind: 'module',
      modulePath: '/ext/dist/server.js',
      env: { HIELEMENTS_WASM_DIR: '/ext/dist' },
    });
  });

  it('runs a .js override with Node, relative to the workspace folder', () => {
    assert.deepEqual(resolveServerLaunch('server/out/src/lsp/main.js', '/ext', '/ws'), {
      kind: 'module',
      modulePath: '/ws/server/out/src/lsp/main.js',
      env: {},
    });
  });

  it('runs any other override as an executable over stdio', () => {
    assert.deepEqual(resolveServerLaunch('/usr/local/bin/hielements-language-server', '/ext', '/ws'), {
      kind: 'executable',
      command: '/usr/local/bin/hielements-language-server',
      args: ['--stdio'],
      env: {},
    });
  });
});
