import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TempWorkspace } from '../helpers/cliHarness';
import { REFERENCE, REPO_ROOT } from '../helpers/paths';
import { answer, childPids, recWorkspace, requests, SAMPLE_PLUGIN } from './pluginSupport';
import { hie, resultLines, summaryLine } from './runSupport';

/** conformance.md §8 (X-01..X-11), end to end through `hielements run`/`check`/`doc`. */
describe('conformance: external plugins through the CLI (X-01..X-11)', function () {
  this.timeout(30000);
  const SRC = "    scope src = files.folder_selector('src')";
  const SRC_SCOPE = { Scope: { kind: { Folder: 'src' }, paths: ['./src/main.py'], resolved: true } };

  afterEach(() => assert.deepEqual(childPids(), [], 'a plugin process outlived the command'));

  it('X-01 request framing, ids per process, library.call for selectors', async () => {
    const ws = recWorkspace(hie('import rec', 'element e:', SRC, '    check rec.ok(src)', '    check rec.ok(src)', '    element c:', "        scope x = rec.sel('a')"));
    try {
      const r = await ws.cli('run', 't.hie');
      const [first, second, third] = requests(ws);
      assert.deepEqual(first, { jsonrpc: '2.0', method: 'library.check', params: { args: [SRC_SCOPE], function: 'ok', workspace: '.' }, id: 1 });
      assert.deepEqual(Object.keys(first), ['jsonrpc', 'method', 'params', 'id']);
      assert.deepEqual(Object.keys(first.params), ['args', 'function', 'workspace']);
      assert.equal(second.id, 2);
      assert.deepEqual(third, { jsonrpc: '2.0', method: 'library.call', params: { args: [{ String: 'a' }], function: 'sel', workspace: '.' }, id: 3 });
      assert.equal(summaryLine(r.stdout), 'Summary: 2 total, 2 passed, 0 failed, 0 errors');
    } finally {
      ws.dispose();
    }
  });

  it('X-02 value encoding', async () => {
    const ws = recWorkspace(hie('element e:', "    check rec.f('test', 42, 2.5, true, [1, 'a'])"));
    try {
      await ws.cli('run', 't.hie');
      assert.deepEqual(requests(ws)[0].params.args, [{ String: 'test' }, { Int: 42 }, { Float: 2.5 }, true, { List: [{ Int: 1 }, { String: 'a' }] }]);
    } finally {
      ws.dispose();
    }
  });

  it('X-03 call results become values; a bare array is an error', async () => {
    const ws = recWorkspace(hie('element e:', SRC, '    check files.exists(src, rec.name())', '    check files.exists(src, rec.name())'), [answer('{"String":"main.py"}'), answer('[1]')]);
    try {
      const lines = resultLines((await ws.cli('run', 't.hie')).stdout);
      assert.equal(lines[0], 'PASS e :: files.exists(src, rec.name())');
      assert.equal(lines[1], 'ERROR e :: files.exists(src, rec.name())');
      assert.ok(lines[2].startsWith('--> Cannot convert JSON to Value'), lines[2]);
    } finally {
      ws.dispose();
    }
  });

  it('X-04 check results', async () => {
    const answers = ['{"Pass": null}', '{"Fail": "Something went wrong"}', '{"Error": "boom"}', '{"result":"fail"}', '"ok"', '"nope"', 'true'];
    const ws = recWorkspace(hie('element e:', ...answers.map(() => '    check rec.c()')), answers.map(answer));
    try {
      const r = await ws.cli('run', 't.hie');
      const lines = resultLines(r.stdout);
      assert.deepEqual(lines.slice(0, 10), [
        'PASS e :: rec.c()',
        'FAIL e :: rec.c()',
        '--> Something went wrong',
        'ERROR e :: rec.c()',
        '--> boom',
        'FAIL e :: rec.c()',
        '--> Check failed',
        'PASS e :: rec.c()',
        'FAIL e :: rec.c()',
        '--> nope',
      ]);
      assert.equal(lines[10], 'ERROR e :: rec.c()');
      assert.ok(lines[11].startsWith('--> Cannot convert JSON to CheckResult'), lines[11]);
    } finally {
      ws.dispose();
    }
  });

  it('X-05 error responses, empty results, a plugin that exits without answering', async () => {
    const script = ['{"jsonrpc":"2.0","error":{"code":-32000,"message":"bad"},"id":$ID}', answer('null'), { exit: 0 }];
    const ws = recWorkspace(hie('element e:', '    check rec.a()', '    check rec.b()', '    check rec.c()'), script);
    try {
      const lines = resultLines((await ws.cli('run', 't.hie')).stdout);
      assert.deepEqual(lines.slice(0, 5), ['ERROR e :: rec.a()', '--> bad', 'ERROR e :: rec.b()', '--> External process returned empty result', 'ERROR e :: rec.c()']);
      assert.ok(lines[5].startsWith('--> Failed to parse response:'), lines[5]);
    } finally {
      ws.dispose();
    }
  });

  it('plugin stderr reaches our stderr (line by line, named), stdout stays the report', async () => {
    const ws = recWorkspace(hie('element e:', '    check rec.ok()'), [{ stderr: 2048, then: { delayMs: 100, then: answer('{"Pass": null}') } }]);
    try {
      const r = await ws.cli('run', 't.hie');
      assert.deepEqual(resultLines(r.stdout), ['PASS e :: rec.ok()']);
      assert.ok(r.stderr.includes('e'.repeat(1023)), r.stderr.slice(0, 200));
      assert.ok(r.stderr.split('\n')[0].includes('rec'), r.stderr.slice(0, 200));
    } finally {
      ws.dispose();
    }
  });

  it('a broken hielements.toml is reported on stderr; the run goes on with the built-ins', async () => {
    const ws = new TempWorkspace({ 't.hie': hie('element e:', SRC, "    check files.exists(src, 'main.py')"), 'src/main.py': '', 'hielements.toml': '[libraries\n' });
    try {
      const r = await ws.cli('run', 't.hie');
      assert.deepEqual(resultLines(r.stdout), ["PASS e :: files.exists(src, 'main.py')"]);
      assert.match(r.stderr, /^warning\[E511\]: Failed to parse config file: .*\n {2}--> hielements\.toml:1:\d+\n$/);
      assert.equal(r.exit, 0);
    } finally {
      ws.dispose();
    }
  });

  it('X-06 spawn failure', async () => {
    const ws = new TempWorkspace({ 't.hie': hie('element e:', '    check ghost.x()'), 'hielements.toml': '[libraries]\nghost = { executable = "./does-not-exist" }\n' });
    try {
      const lines = resultLines((await ws.cli('run', 't.hie')).stdout);
      assert.equal(lines[0], 'ERROR e :: ghost.x()');
      assert.ok(lines[1].startsWith("--> Failed to start external library 'ghost': "), lines[1]);
    } finally {
      ws.dispose();
    }
  });

  describe('X-07/X-08 the sample plugin (python3)', () => {
    const toml = `[libraries]\nsample = { executable = "python3", args = [${JSON.stringify(SAMPLE_PLUGIN)}] }\n`;
    const example = fs.readFileSync(path.join(REFERENCE, 'examples', 'plugin_example.hie'), 'utf8');
    const sampleWorkspace = (files: Record<string, string>) => new TempWorkspace({ 'hielements.toml': toml, 't.hie': example, ...files });

    it('X-07 plugin_example.hie: check without warnings, run passes', async () => {
      const ws = sampleWorkspace({ 'plugins/a.txt': 'a' });
      try {
        assert.equal((await ws.cli('check', 't.hie')).stdout, 'Finished `t.hie` validated successfully\n');
        const r = await ws.cli('run', 't.hie');
        assert.deepEqual(resultLines(r.stdout), [
          'PASS plugin_example :: sample.always_pass()',
          'PASS plugin_example :: sample.file_count_check(src, 10)',
          "PASS plugin_example.builtin_example :: files.exists(docs, 'hielements.toml')",
        ]);
        assert.equal(summaryLine(r.stdout), 'Summary: 3 total, 3 passed, 0 failed, 0 errors');
        assert.equal(r.exit, 0);
      } finally {
        ws.dispose();
      }
    });

    it('X-07 with 11 files the count check fails; always_fail and unknown checks', async () => {
      const files: Record<string, string> = {};
      for (let i = 0; i < 11; i++) files[`plugins/f${i}.txt`] = 'x';
      const ws = sampleWorkspace(files);
      try {
        const lines = resultLines((await ws.cli('run', 't.hie')).stdout);
        assert.deepEqual(lines.slice(1, 3), ['FAIL plugin_example :: sample.file_count_check(src, 10)', '--> Too many files: 11 > 10']);
        ws.write({ 't.hie': hie('element e:', "    check sample.always_fail('x')", '    check sample.nope()') });
        assert.deepEqual(resultLines((await ws.cli('run', 't.hie')).stdout), [
          "FAIL e :: sample.always_fail('x')",
          '--> x',
          'ERROR e :: sample.nope()',
          '--> Unknown check: nope',
        ]);
      } finally {
        ws.dispose();
      }
    });

    // Deliberate difference (plugin host): without `library.doc` the names and version come
    // from `library.metadata` when the plugin answers it, as sample_plugin.py does.
    it('X-08 doc falls back for plugins without library.doc (metadata used)', async () => {
      const ws = sampleWorkspace({});
      try {
        const r = await ws.cli('doc', '--library', 'sample');
        assert.ok(r.stdout.includes('## sample\n'), r.stdout);
        assert.ok(r.stdout.includes('External library: python3\n'), r.stdout);
        assert.ok(r.stdout.includes('**Version:** 1.0.0\n'), r.stdout);
        assert.ok(r.stdout.includes('#### `sample.simple_selector()`\n'), r.stdout);
        assert.ok(!r.stdout.includes('## files'), r.stdout);
        assert.equal(r.exit, 0);
      } finally {
        ws.dispose();
      }
    });
  });

  it('X-09 plugins replace built-ins: the selector answer feeds the check', async () => {
    const scopeAnswer = answer(JSON.stringify(SRC_SCOPE));
    const ws = recWorkspace(hie('element e:', SRC, "    check files.exists(src, 'main.py')"), [scopeAnswer, answer('{"Fail": "from the plugin"}')], 'files');
    try {
      const r = await ws.cli('run', 't.hie');
      const [call, check] = requests(ws);
      assert.deepEqual(call, { jsonrpc: '2.0', method: 'library.call', params: { args: [{ String: 'src' }], function: 'folder_selector', workspace: '.' }, id: 1 });
      assert.deepEqual(check, { jsonrpc: '2.0', method: 'library.check', params: { args: [SRC_SCOPE, { String: 'main.py' }], function: 'exists', workspace: '.' }, id: 2 });
      assert.deepEqual(resultLines(r.stdout), ["FAIL e :: files.exists(src, 'main.py')", '--> from the plugin']);
    } finally {
      ws.dispose();
    }
  });

  it('X-09 an invalid selector answer leaves the scope undefined (no check request)', async () => {
    const ws = recWorkspace(hie('element e:', SRC, "    check files.exists(src, 'main.py')"), [answer('{"Pass": null}')], 'files');
    try {
      const r = await ws.cli('run', 't.hie');
      assert.deepEqual(resultLines(r.stdout), ["ERROR e :: files.exists(src, 'main.py')", '--> Undefined identifier: src']);
      assert.equal(requests(ws).length, 1);
    } finally {
      ws.dispose();
    }
  });

  it('X-10 relative executables resolve against the current directory', async () => {
    const ws = new TempWorkspace({
      'ws/t.hie': hie('element e:', '    check x.f()'),
      'ws/hielements.toml': '[libraries]\nx = { executable = "./plug.sh" }\n',
      'ws/plug.sh': '#!/bin/sh\nread line\necho \'{"jsonrpc":"2.0","result":{"Pass":null},"id":1}\'\n',
    });
    try {
      fs.chmodSync(path.join(ws.dir, 'ws/plug.sh'), 0o755);
      const lines = resultLines((await ws.cli('run', 'ws/t.hie')).stdout);
      assert.equal(lines[0], 'ERROR e :: x.f()');
      assert.ok(lines[1].startsWith("--> Failed to start external library 'x': "), lines[1]);
      const inside = await ws.cli('run', 't.hie');
      assert.equal(inside.exit, 2); // sanity: the spec is only under ws/
    } finally {
      ws.dispose();
    }
  });

  it('X-11 a WASM library that cannot load is an unknown library (reason on stderr)', async () => {
    const ws = new TempWorkspace({ 't.hie': hie('element e:', '    check ts.f()'), 'hielements.toml': '[libraries]\nts = { type = "wasm", path = "lib/ts.wasm" }\n' });
    try {
      const r = await ws.cli('run', 't.hie');
      assert.deepEqual(resultLines(r.stdout), ['ERROR e :: ts.f()', '--> Unknown library: ts']);
      assert.match(r.stderr, /^warning\[E526\]: .*\n {2}--> hielements\.toml:2:\d+\n$/);
    } finally {
      ws.dispose();
    }
  });

  it('WASM plugins run sandboxed through the CLI; a missing fs grant is named on stderr', async () => {
    const wasm = (rel: string) => JSON.stringify(path.join(REPO_ROOT, 'plugins', 'examples', rel));
    const ws = new TempWorkspace({
      'src/main.rs': 'fn main() {}\n// TODO: x\n',
      'src/lib.rs': 'ok\n',
      'hielements.toml': [
        '[libraries]',
        `todos = { path = ${wasm('c-todos/todos.wasm')}, capabilities = { fs = "read" } }`,
        `size = { path = ${wasm('as-size/size.wasm')}, capabilities = { fs = "read" } }`,
        `nofs = { path = ${wasm('c-todos/todos.wasm')} }`,
        '',
      ].join('\n'),
      't.hie': hie('element e:', SRC, '    check todos.none_in(src)', '    check size.max_lines(src, 1)', '    check size.max_lines(src, 5)', '    check nofs.none_in(src)'),
    });
    try {
      const r = await ws.cli('run', 't.hie');
      assert.deepEqual(resultLines(r.stdout), [
        'FAIL e :: todos.none_in(src)',
        '--> src/main.rs has 1 TODO line',
        'FAIL e :: size.max_lines(src, 1)',
        "--> File 'src/main.rs' has 2 lines (max 1)",
        'PASS e :: size.max_lines(src, 5)',
        'ERROR e :: nofs.none_in(src)',
        '--> cannot read src/lib.rs',
      ]);
      const doc = await ws.cli('doc', '--library', 'todos,size', '--format', 'json');
      assert.deepEqual(
        JSON.parse(doc.stdout).libraries.map((l: any) => [l.name, l.functions.map((f: any) => f.name), l.checks.map((f: any) => f.name)]),
        [
          ['size', ['lines'], ['max_lines']],
          ['todos', ['count'], ['none_in']],
        ],
      );
      assert.equal(
        r.stderr,
        'warning: library `nofs` imports `path_open` but has no file access: grant `capabilities.fs = "read"`\n' +
          'warning: library `nofs` was denied read access to `src/lib.rs`: grant `capabilities.fs = "read"`\n',
      );
    } finally {
      ws.dispose();
    }
  });
});
