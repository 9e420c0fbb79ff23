import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ExternalLibrary } from '../../../src/plugins/external/externalLibrary';
import { LibraryError } from '../../../src/libraries/library';
import { scope, str, int, bool, type Value } from '../../../src/eval/values';
import { REC_JS, ctx, isRunning, loggedLines, recScript, tempDir } from './fixtureSupport';

const libs: ExternalLibrary[] = [];
function rec(script: unknown, opts: { name?: string; timeoutMs?: number; log?: (m: string) => void } = {}): { lib: ExternalLibrary; log: string } {
  const dir = tempDir();
  const [log, file] = recScript(dir, script);
  const lib = new ExternalLibrary({ name: opts.name ?? 'rec', program: process.execPath, args: [REC_JS, log, file], timeoutMs: opts.timeoutMs ?? 3000, log: opts.log });
  libs.push(lib);
  return { lib, log };
}

async function until(cond: () => boolean): Promise<void> {
  while (!cond()) await new Promise((r) => setTimeout(r, 10));
}

async function rejection(p: Promise<unknown>): Promise<LibraryError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof LibraryError, `expected LibraryError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected a rejection');
}

describe('ExternalLibrary (JSON-RPC over stdio)', function () {
  afterEach(async () => {
    await Promise.all(libs.splice(0).map((l) => l.dispose()));
  });

  it('X-01: frames library.check / library.call requests byte-exact, ids 1, 2, … and spawns lazily', async () => {
    const { lib, log } = rec(['{"jsonrpc":"2.0","result":{"Pass":null},"id":$ID}']);
    assert.equal(lib.pid, undefined, 'no process before the first call');
    const src = scope({ Folder: 'src' }, ['./src/main.py']);
    assert.deepEqual(await lib.check('ok', [src], ctx('.')), { status: 'pass' });
    assert.equal(typeof lib.pid, 'number');
    await lib.check('ok', [src], ctx('.')).catch(() => undefined);
    await lib.call('sel', [str('x')], ctx('ws')).catch(() => undefined);
    assert.deepEqual(loggedLines(log), [
      '{"jsonrpc":"2.0","method":"library.check","params":{"args":[{"Scope":{"kind":{"Folder":"src"},"paths":["./src/main.py"],"resolved":true}}],"function":"ok","workspace":"."},"id":1}',
      '{"jsonrpc":"2.0","method":"library.check","params":{"args":[{"Scope":{"kind":{"Folder":"src"},"paths":["./src/main.py"],"resolved":true}}],"function":"ok","workspace":"."},"id":2}',
      '{"jsonrpc":"2.0","method":"library.call","params":{"args":[{"String":"x"}],"function":"sel","workspace":"ws"},"id":3}',
    ]);
  });

  it('X-02: encodes argument values with the tagged encoding', async () => {
    const { lib, log } = rec([]);
    const list: Value = { type: 'list', items: [int(1), str('a')] };
    await lib.check('f', [str('test'), int(42), { type: 'float', value: 2.5 }, bool(true), list, { type: 'null' }, { type: 'float', value: 3 }], ctx());
    const sent = JSON.parse(loggedLines(log)[0]);
    assert.deepEqual(sent.params.args, [{ String: 'test' }, { Int: 42 }, { Float: 2.5 }, true, { List: [{ Int: 1 }, { String: 'a' }] }, null, { Float: 3 }]);
    assert.ok(loggedLines(log)[0].includes('{"Float":3.0}'), 'integral floats keep .0 like serde_json');
  });

  it('X-03: decodes call results; a bare array is E508', async () => {
    const { lib } = rec([
      '{"jsonrpc":"2.0","result":{"String":"main.py"},"id":1}',
      '{"jsonrpc":"2.0","result":[1],"id":2}',
      '{"jsonrpc":"2.0","result":{"List":[1,2.0,"s",true,null,{"Int":7}]},"id":3}',
    ]);
    assert.deepEqual(await lib.call('name', [], ctx()), str('main.py'));
    const err = await rejection(lib.call('name', [], ctx()));
    assert.equal(err.code, 'E508');
    assert.match(err.message, /^Cannot convert JSON to Value: /);
    assert.deepEqual(await lib.call('name', [], ctx()), {
      type: 'list',
      items: [int(1), { type: 'float', value: 2 }, str('s'), bool(true), { type: 'null' }, int(7)],
    });
  });

  it('X-04: decodes check results', async () => {
    const answers = ['{"Pass": null}', '{"Fail": "Something went wrong"}', '{"Error": "boom"}', '{"result":"fail"}', '"ok"', '"nope"', 'true'];
    const { lib } = rec(answers.map((a) => `{"jsonrpc":"2.0","result":${a},"id":$ID}`));
    const got = [];
    for (let i = 0; i < answers.length; i++) got.push(await lib.check('c', [], ctx()));
    assert.deepEqual(got.slice(0, 6), [
      { status: 'pass' },
      { status: 'fail', message: 'Something went wrong' },
      { status: 'error', message: 'boom' },
      { status: 'fail', message: 'Check failed' },
      { status: 'pass' },
      { status: 'fail', message: 'nope' },
    ]);
    const last = got[6];
    assert.equal(last.status, 'error');
    assert.ok(last.status === 'error' && last.message.startsWith('Cannot convert JSON to CheckResult') && last.code === 'E509');
  });

  it('X-05: error responses, empty results, and a plugin that exits without answering', async () => {
    const { lib } = rec(['{"jsonrpc":"2.0","error":{"code":-32000,"message":"bad"},"id":1}', '{"jsonrpc":"2.0","result":null,"id":2}', { exit: 0 }]);
    assert.deepEqual(await lib.check('c', [], ctx()), { status: 'error', message: 'bad', code: 'E-32000' });
    assert.deepEqual(await lib.check('c', [], ctx()), { status: 'error', message: 'External process returned empty result', code: 'E507' });
    const third = await lib.check('c', [], ctx());
    assert.ok(third.status === 'error' && third.code === 'E506');
    assert.match(third.status === 'error' ? third.message : '', /^Failed to parse response: EOF while parsing a value at line 1 column 0\. Response was: $/);
    const callErr = await rejection(rec(['{"jsonrpc":"2.0","error":{"code":-32601,"message":"Unknown method"},"id":1}']).lib.call('f', [], ctx()));
    assert.equal(callErr.code, 'E-32601');
    assert.equal(callErr.message, 'Unknown method');
  });

  it('X-06: spawn failure is E500 and the next call tries again', async () => {
    const lib = new ExternalLibrary({ name: 'ghost', program: './does-not-exist', args: [] });
    libs.push(lib);
    const out = await lib.check('x', [], ctx());
    assert.ok(out.status === 'error' && out.code === 'E500');
    assert.match(out.status === 'error' ? out.message : '', /^Failed to start external library 'ghost': .*ENOENT/);
    const err = await rejection(lib.call('x', [], ctx()));
    assert.equal(err.code, 'E500');
  });

  it('X-09: a plugin named like a built-in serves selector and check, scope passed back verbatim', async () => {
    const scopeAnswer = '{"jsonrpc":"2.0","result":{"Scope":{"kind":{"Folder":"src"},"paths":["src/main.py"],"resolved":true}},"id":1}';
    const { lib, log } = rec([scopeAnswer, '{"jsonrpc":"2.0","result":{"Pass":null},"id":2}'], { name: 'files' });
    const src = await lib.call('folder_selector', [str('src')], ctx());
    assert.deepEqual(src, scope({ Folder: 'src' }, ['src/main.py']));
    assert.deepEqual(await lib.check('exists', [src, str('main.py')], ctx()), { status: 'pass' });
    assert.deepEqual(
      loggedLines(log).map((l) => JSON.parse(l)),
      [
        { jsonrpc: '2.0', method: 'library.call', params: { args: [{ String: 'src' }], function: 'folder_selector', workspace: '.' }, id: 1 },
        {
          jsonrpc: '2.0',
          method: 'library.check',
          params: { args: [{ Scope: { kind: { Folder: 'src' }, paths: ['src/main.py'], resolved: true } }, { String: 'main.py' }], function: 'exists', workspace: '.' },
          id: 2,
        },
      ],
    );
    const bad = rec(['{"jsonrpc":"2.0","result":{"Pass":null},"id":1}'], { name: 'files' }).lib;
    assert.equal((await rejection(bad.call('folder_selector', [str('src')], ctx()))).code, 'E508');
  });

  it('X-10: a relative executable resolves against the current directory, not the workspace', async () => {
    const ws = tempDir();
    fs.writeFileSync(path.join(ws, 'plug.sh'), '#!/bin/sh\nread line\nexit 0\n', { mode: 0o755 });
    const lib = new ExternalLibrary({ name: 'x', program: './plug.sh', args: [] });
    libs.push(lib);
    const out = await lib.check('f', [], ctx(ws));
    assert.ok(out.status === 'error' && out.message.startsWith("Failed to start external library 'x': "));
    const inWs = new ExternalLibrary({ name: 'x', program: './plug.sh', args: [], cwd: ws });
    libs.push(inWs);
    const started = await inWs.check('f', [], ctx(ws));
    assert.ok(started.status === 'error' && started.code === 'E506', 'with cwd = ws it starts (and exits without answering)');
  });

  describe('misbehaving plugins', () => {
    it('times out a hanging plugin (E530), kills it, and restarts on the next call with id 1', async () => {
      // long enough for the restarted plugin to boot on a loaded machine
      const { lib, log } = rec([{ hang: true }, '{"jsonrpc":"2.0","result":"ok","id":$ID}'], { timeoutMs: 2000 });
      const out = await lib.check('slow', [], ctx());
      assert.deepEqual(out, {
        status: 'error',
        code: 'E530',
        message: "External library 'rec' did not answer library.check 'slow' within 2000 ms; the process was stopped",
      });
      assert.equal(lib.pid, undefined);
      const lines = loggedLines(log);
      assert.deepEqual(await lib.check('again', [], ctx()), { status: 'pass' }); // "ok" is a pass
      assert.equal(JSON.parse(loggedLines(log).slice(lines.length)[0]).id, 1);
    });

    it('honours an abort signal: E531, process killed, next call restarts', async () => {
      const { lib, log } = rec({ steps: [{ hang: true }], otherwise: '{"jsonrpc":"2.0","result":{"Pass":null},"id":$ID}' });
      const ac = new AbortController();
      const pending = lib.check('slow', [], ctx('.', ac.signal));
      await until(() => loggedLines(log).length === 1); // the plugin has the request
      ac.abort();
      const out = await pending;
      assert.ok(out.status === 'error' && out.code === 'E531');
      assert.equal(lib.pid, undefined);
      assert.deepEqual(await lib.check('next', [], ctx()), { status: 'pass' });
      const pre = new AbortController();
      pre.abort();
      assert.equal((await rejection(lib.call('x', [], ctx('.', pre.signal)))).code, 'E531');
    });

    it('a call cancelled while queued behind a slow one leaves at once; the slow one is unaffected', async () => {
      const { lib, log } = rec({ steps: [{ delayMs: 400, then: '{"jsonrpc":"2.0","result":{"Fail":"slow"},"id":$ID}' }], otherwise: '{"jsonrpc":"2.0","result":{"Pass":null},"id":$ID}' });
      const slow = lib.check('slow', [], ctx());
      let slowDone = false;
      void slow.then(() => (slowDone = true));
      const ac = new AbortController();
      const queued = lib.check('queued', [], ctx('.', ac.signal));
      await until(() => loggedLines(log).length === 1);
      ac.abort();
      const q = await queued;
      assert.ok(q.status === 'error' && q.code === 'E531');
      assert.equal(slowDone, false, 'the cancelled call did not wait for the slow one');
      assert.deepEqual(await slow, { status: 'fail', message: 'slow' });
      assert.deepEqual(await lib.check('after', [], ctx()), { status: 'pass' });
      assert.deepEqual(loggedLines(log).map((l) => JSON.parse(l).params.function), ['slow', 'after']);
    });

    it('a plugin crashing mid-answer gives E506 with the partial line, and is restarted', async () => {
      const { lib } = rec({ steps: [{ crash: '{"jsonrpc":"2.0","res' }], otherwise: '{"jsonrpc":"2.0","result":{"Pass":null},"id":$ID}' });
      const out = await lib.check('c', [], ctx());
      assert.ok(out.status === 'error' && out.code === 'E506');
      assert.equal(out.status === 'error' && out.message, 'Failed to parse response: EOF while parsing a string at line 1 column 21. Response was: {"jsonrpc":"2.0","res');
      assert.deepEqual(await lib.check('c', [], ctx()), { status: 'pass' });
    });

    it('a garbage line is E506; the process is restarted so the next answer is in step', async () => {
      const { lib, log } = rec({ steps: ['Hello from plugin!'], otherwise: '{"jsonrpc":"2.0","result":{"Pass":null},"id":$ID}' });
      const out = await lib.check('c', [], ctx());
      assert.deepEqual(out, { status: 'error', code: 'E506', message: 'Failed to parse response: expected value at line 1 column 1. Response was: Hello from plugin!' });
      assert.deepEqual(await lib.check('c', [], ctx()), { status: 'pass' });
      assert.deepEqual(loggedLines(log).map((l) => JSON.parse(l).id), [1, 1]);
    });

    it('reassembles a response written in pieces and skips blank lines', async () => {
      const { lib } = rec([{ chunks: ['\n', '  \n{"jsonrpc":"2.0",', '"result":{"Fail":"pie', 'ces ✓"},"id":1}\n'], delayMs: 30 }]);
      assert.deepEqual(await lib.check('c', [], ctx()), { status: 'fail', message: 'pieces ✓' });
    });

    it('takes the first of several lines written at once and drops the surplus', async () => {
      const logs: string[] = [];
      const { lib } = rec(
        [{ lines: ['{"jsonrpc":"2.0","result":{"Fail":"first"},"id":1}', '{"jsonrpc":"2.0","result":{"Fail":"second"},"id":1}'] }, '{"jsonrpc":"2.0","result":{"Fail":"third"},"id":2}'],
        { log: (m) => logs.push(m) },
      );
      assert.deepEqual(await lib.check('c', [], ctx()), { status: 'fail', message: 'first' });
      assert.deepEqual(await lib.check('c', [], ctx()), { status: 'fail', message: 'third' });
      assert.ok(logs.some((m) => m.startsWith('[rec] ignored output outside a request: {"jsonrpc":"2.0","result":{"Fail":"second"}')));
    });

    it('reads a response just under the 1 MiB limit', async () => {
      const { lib } = rec([{ huge: 1_000_000 }]);
      const v = await lib.call('big', [], ctx());
      assert.equal(v.type, 'string');
      assert.equal(v.type === 'string' && v.value.length, 1_000_000);
    });

    it('refuses a reply over the limit (E505, naming the limit) without keeping it, and stops the process', async () => {
      const { lib } = rec([{ huge: 1_100_000 }, '{"jsonrpc":"2.0","result":{"Pass":null},"id":$ID}']);
      const err = await rejection(lib.call('big', [], ctx()));
      assert.equal(err.code, 'E505');
      assert.equal(err.message, 'Failed to read from external process: the reply is larger than the limit of 1 MiB (1048576 bytes); the process was stopped');
      assert.deepEqual(await lib.check('c', [], ctx()), { status: 'pass' });
      const dir = tempDir();
      const [log, file] = recScript(dir, [{ huge: 200_000 }]);
      const small = new ExternalLibrary({ name: 'big', program: process.execPath, args: [REC_JS, log, file], maxLineBytes: 100_000 });
      libs.push(small);
      assert.equal((await rejection(small.call('big', [], ctx()))).message, 'Failed to read from external process: the reply is larger than the limit of 100000 bytes; the process was stopped');
    });

    it('drains a stderr flood without blocking, forwarding a bounded amount with one notice', async () => {
      const logs: string[] = [];
      const { lib } = rec([{ stderr: 8_000_000, then: '{"jsonrpc":"2.0","result":{"Pass":null},"id":$ID}' }], { log: (m) => logs.push(m) });
      assert.deepEqual(await lib.check('c', [], ctx()), { status: 'pass' });
      await lib.dispose();
      const forwarded = logs.filter((m) => m.startsWith('[rec] eee')).map((m) => m.slice('[rec] '.length) + '\n');
      assert.ok(forwarded.length > 0 && forwarded.join('').length <= 64 * 1024, `forwarded ${forwarded.join('').length} bytes`);
      assert.deepEqual(logs.filter((m) => m.includes('limit')), ['[rec] (stderr output over the limit of 200 lines or 64 KiB: the rest is dropped)']);
    });

    it('serialises concurrent calls (one request at a time)', async () => {
      const { lib, log } = rec({ steps: [], otherwise: { delayMs: 20, then: '{"jsonrpc":"2.0","result":{"Fail":"$ID"},"id":$ID}' } });
      const outs = await Promise.all([1, 2, 3].map(() => lib.check('c', [], ctx())));
      assert.deepEqual(outs, [1, 2, 3].map((n) => ({ status: 'fail', message: String(n) })));
      assert.deepEqual(loggedLines(log).map((l) => JSON.parse(l).id), [1, 2, 3]);
    });
  });

  describe('doc()', () => {
    it('uses library.doc in a temporary process', async () => {
      const docAnswer = {
        jsonrpc: '2.0',
        id: 1,
        result: {
          name: 'rec',
          description: 'Recorder',
          version: '2.1.0',
          functions: [{ name: 'sel', description: 'Select', parameters: [{ name: 'p', description: 'path' }], return_type: 'Scope', example: 'rec.sel("x")' }],
          checks: [{ name: 'ok' }],
        },
      };
      const { lib, log } = rec([JSON.stringify(docAnswer)]);
      assert.deepEqual(await lib.doc(), {
        name: 'rec',
        description: 'Recorder',
        version: '2.1.0',
        functions: [{ name: 'sel', description: 'Select', parameters: [{ name: 'p', param_type: 'any', description: 'path' }], return_type: 'Scope', example: 'rec.sel("x")' }],
        // no `parameters`: named, not described (the static checker does not count its arguments)
        checks: [{ name: 'ok', description: '', parameters: [], return_type: '', example: '', parametersKnown: false }],
      });
      assert.deepEqual(loggedLines(log), ['{"jsonrpc":"2.0","method":"library.doc","params":{},"id":1}']);
      assert.equal(lib.pid, undefined, 'the doc process is not the call process');
    });

    it('falls back to library.metadata, then to the reference entry', async () => {
      const { lib, log } = rec([
        '{"jsonrpc":"2.0","error":{"code":-32601,"message":"Unknown method: library.doc"},"id":1}',
        '{"jsonrpc":"2.0","result":{"name":"rec","version":"1.0.0","functions":["sel"],"checks":["ok"]},"id":2}',
      ]);
      const doc = await lib.doc();
      assert.equal(doc.version, '1.0.0');
      assert.equal(doc.description, `External library: ${process.execPath}`);
      assert.deepEqual(doc.functions.map((f) => f.name), ['sel']);
      assert.equal(JSON.parse(loggedLines(log)[1]).method, 'library.metadata');
      assert.equal(loggedLines(log)[1], '{"jsonrpc":"2.0","method":"library.metadata","id":2}');
      const none = rec(['garbage']).lib;
      assert.deepEqual(await none.doc(), { name: 'rec', description: `External library: ${process.execPath}`, version: '0.1.0', functions: [], checks: [] });
      const ghost = new ExternalLibrary({ name: 'ghost', program: './does-not-exist' });
      assert.deepEqual(await ghost.doc(), { name: 'ghost', description: 'External library: ./does-not-exist', version: '0.1.0', functions: [], checks: [] });
    });
  });

  it('dispose() closes stdin, then kills a plugin that ignores it; no process is left; the library restarts afterwards', async () => {
    const polite = rec([]).lib;
    const stubborn = rec([]).lib;
    await polite.check('c', [], ctx());
    await stubborn.check('c', [], ctx());
    const pids = [polite.pid!, stubborn.pid!];
    process.kill(pids[1], 'SIGSTOP'); // a stopped process cannot react to EOF: dispose must kill it
    await Promise.all([polite.dispose(), stubborn.dispose()]);
    for (const pid of pids) assert.equal(isRunning(pid), false, `pid ${pid} still running`);
    assert.deepEqual(await polite.check('c', [], ctx()), { status: 'pass' });
  });
});
