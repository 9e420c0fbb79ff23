import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { hostileWorkspace, survivors, type HostileWorkspace } from '../plugins/external/hostileSupport';
import { essentials, TestEditor, uriOf } from './lspHarness';

/**
 * trust.md §4 in the language server: hostile external plugins (test-fixtures/plugins/hostile)
 * cannot attach a stale answer to the wrong check, cannot make a diagnostic grow without bound,
 * and leave no process behind once the server stops.
 */
describe('lsp: hostile external plugins', function () {
  this.timeout(120_000);
  let ws: HostileWorkspace;
  let editor: TestEditor | undefined;

  async function start(plugin: string, args: string[] = []): Promise<string> {
    ws = hostileWorkspace(plugin, args);
    process.env.HIE_HOSTILE_PIDS = path.join(ws.dir, 'pids.txt'); // inherited by the server, then by its plugins
    editor = await TestEditor.start(ws.dir, { checks: { run: 'onType', debounceMs: 20 }, plugins: { timeoutMs: 30_000 } });
    return path.join(ws.dir, 'a.hie');
  }
  afterEach(async () => {
    delete process.env.HIE_HOSTILE_PIDS;
    await editor?.stop();
    editor = undefined;
    ws.dispose();
  });

  const verdictRows = (ds: { range: { start: { line: number } }; code?: string | number }[]) => ds.map((d) => [d.range.start.line, d.code]);

  it('reproduction: a stale second answer never becomes the answer to the next check (ids are matched)', async () => {
    const hie = await start('two-lines.js');
    const ds = await editor!.waitForDiagnostics(hie, (d) => d.length > 0);
    assert.deepEqual(ds.map(essentials), [
      { range: [2, 4, 2, 21], severity: 1, code: 'E800', message: 'two-lines says no' },
      { range: [5, 4, 5, 21], severity: 1, code: 'E800', message: 'two-lines says no' },
    ]);
  });

  it('reproduction: a 50 MB reply becomes a short error naming the limit, and hovers are still answered', async () => {
    const hie = await start('huge-reply.js');
    const ds = await editor!.waitForDiagnostics(hie, (d) => d.length === 4, 60_000);
    const limit = 'Failed to read from external process: the reply is larger than the limit of 1 MiB (1048576 bytes); the process was stopped';
    assert.deepEqual(verdictRows(ds), [[2, 'E505'], [3, 'E505'], [4, 'E505'], [5, 'E505']]);
    assert.ok(ds.every((d) => d.message === limit), String(ds[0].message).slice(0, 300));
    const hover = await editor!.request<Hover>('textDocument/hover', { textDocument: { uri: uriOf(hie) }, position: { line: 2, character: 8 } });
    assert.ok(hover === null || typeof (hover.contents as MarkupContent).value === 'string');
  });

  it('a long check message reaches the diagnostic cut to 2000 characters with an ellipsis', async () => {
    const hie = await start('huge-reply.js', ['100000']);
    const ds = await editor!.waitForDiagnostics(hie, (d) => d.length === 4, 60_000);
    assert.deepEqual(ds.map((d) => d.message), Array(4).fill(`${'x'.repeat(2000)}…`));
  });

  it('a stderr flood is bounded in the server log, with one notice', async () => {
    const hie = await start('stderr-flood.js');
    await editor!.waitForDiagnostics(hie, (d) => d.length === 2);
    await editor!.waitFor('the flood notice', () => editor!.logs.some((l) => l.includes('over the limit')), 30_000);
    const flood = editor!.logs.filter((l) => l.includes('flood flood'));
    assert.ok(flood.length <= 200 && flood.join('\n').length < 80 * 1024, `${flood.length} lines logged`);
    assert.equal(editor!.logs.filter((l) => l.includes('over the limit')).length, 1);
  });

  for (const plugin of ['linger-thread.py', 'live-child.js', 'grandchildren.js']) {
    it(`reproduction: ${plugin} leaves no process behind once the server stops`, async () => {
      const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'hie-desc-'));
      const descendants = path.join(folder, 'pids.txt');
      try {
        const hie = await start(plugin, plugin === 'grandchildren.js' ? [descendants] : []);
        await editor!.waitForDiagnostics(hie, (d) => d.length === 2);
        await editor!.stop();
        editor = undefined;
        const recorded = plugin === 'grandchildren.js' ? fs.readFileSync(descendants, 'utf8').split('\n').filter((l) => l !== '').map(Number) : [];
        assert.deepEqual(await survivors([...ws.pids(), ...recorded]), []);
      } finally {
        fs.rmSync(folder, { recursive: true, force: true });
      }
    });
  }
});
