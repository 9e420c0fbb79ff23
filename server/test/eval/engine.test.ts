import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { evaluate } from '../../src/eval/engine';
import type { EvalOptions } from '../../src/eval/types';
import { FileIndex } from '../../src/workspace/fileIndex';
import { programOf, registryWith, tempWorkspace, testLibrary, type Recorded } from './support';

describe('evaluate (language.md §7)', () => {
  let dir: string;
  before(() => (dir = tempWorkspace({ 'src/main.py': "print('hello')", 'src/b.py': '' })));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const options = (recorded: Recorded[] = [], extra: Partial<EvalOptions> = {}): EvalOptions => ({
    workspace: dir,
    index: new FileIndex(dir),
    registry: registryWith(testLibrary(recorded)),
    file: 'spec.hie',
    ...extra,
  });

  const SPEC = [
    'element a:',
    "    scope src = files.folder_selector('src')",
    "    check files.exists(src, 'main.py')",
    '    element b:',
    "        scope n = t.value(3)",
    '        check t.ok(n, 2.5, [1, "x"], true)',
    'element c:',
    "    check t.no('nope')",
    '',
  ].join('\n');

  it('pre-order: scopes, checks, children; one table; summary', async () => {
    const events: string[] = [];
    const result = await evaluate(await programOf(SPEC), options([], { onScope: (e) => events.push(`scope ${e.elementPath}.${e.name}`), onResult: (r) => events.push(`check ${r.elementPath} ${r.text}`) }));
    assert.deepEqual(events, [
      'scope a.src',
      "check a files.exists(src, 'main.py')",
      'scope a.b.n',
      "check a.b t.ok(n, 2.5, [1, 'x'], true)",
      "check c t.no('nope')",
    ]);
    assert.deepEqual(result.summary, { total: 3, passed: 2, failed: 1, errors: 0, skipped: 0 });
    assert.deepEqual(result.results.map((r) => r.outcome), [{ status: 'pass' }, { status: 'pass' }, { status: 'fail', message: 'nope' }]);
    const src = result.scopes[0].outcome;
    assert.ok(src.kind === 'value' && src.value.type === 'scope');
    assert.deepEqual(src.value.paths, [`${dir}/src/b.py`, `${dir}/src/main.py`]);
    assert.equal(result.results[0].element.name.name, 'a');
  });

  it('values: Int, Float, List, Bool reach the library; CallContext carries workspace, index, origin', async () => {
    const recorded: Recorded[] = [];
    const opts = options(recorded);
    await evaluate(await programOf(SPEC), opts);
    const ok = recorded.find((r) => r.fn === 'ok')!;
    assert.deepEqual(ok.args, [
      { type: 'int', value: 3 },
      { type: 'float', value: 2.5 },
      { type: 'list', items: [{ type: 'int', value: 1 }, { type: 'string', value: 'x' }] },
      { type: 'bool', value: true },
    ]);
    assert.equal(ok.ctx.workspace, dir);
    assert.equal(ok.ctx.index, opts.index);
    assert.deepEqual(ok.ctx.origin, { file: 'spec.hie', elementPath: 'a.b', text: "t.ok(n, 2.5, [1, 'x'], true)" });
    const value = recorded.find((r) => r.fn === 'value')!;
    assert.deepEqual(value.ctx.origin, { file: 'spec.hie', elementPath: 'a.b', text: 't.value(3)' });
  });

  describe('errors and their spans', () => {
    const run = async (checks: string[], scopes: string[] = []) => {
      const text = ['element e:', ...scopes.map((s) => `    scope ${s}`), ...checks.map((c) => `    check ${c}`), ''].join('\n');
      const result = await evaluate(await programOf(text), options());
      const spanText = (i: number): string | undefined => {
        const s = result.results[i].errorSpan;
        return s && text.slice(s.startIndex, s.endIndex);
      };
      return { result, spanText, outcomes: result.results.map((r) => r.outcome) };
    };

    it('undefined identifier (also inside a nested call) → that identifier', async () => {
      const { outcomes, spanText } = await run(["files.exists(files.folder_selector(nope), 'x')", 'files.exists(src, nope2)']);
      assert.deepEqual(outcomes[0], { status: 'error', message: 'Undefined identifier: nope', code: 'E200' });
      assert.equal(spanText(0), 'nope');
      assert.equal(spanText(1), 'src');
    });

    it('a library error naming an argument → that argument (message ordinal or argumentIndex)', async () => {
      const { outcomes, spanText } = await run(["files.exists('.', 'x')", 'files.exists(t.fail(1, 22), 2)', 't.arg2(1, [2])']);
      assert.deepEqual(outcomes[0], { status: 'error', message: 'exists requires a scope as first argument', code: 'E110' });
      assert.equal(spanText(0), "'.'");
      assert.deepEqual(outcomes[1], { status: 'error', message: 'fail requires a number as second argument', code: 'E900' });
      assert.equal(spanText(1), '22');
      assert.deepEqual(outcomes[2], { status: 'error', message: 'bad value', code: 'E902' });
      assert.equal(spanText(2), '[2]');
    });

    it('no argument named (or a missing one) → the whole call', async () => {
      const { outcomes, spanText } = await run(["files.nope(src, 'x')", 'files.exists(src)'], ["src = files.folder_selector('src')"]);
      assert.equal(outcomes[0].status === 'error' && outcomes[0].message, 'Unknown check function: files.nope');
      assert.equal(spanText(0), "files.nope(src, 'x')");
      assert.equal(spanText(1), 'files.exists(src)');
    });

    it('E201/E202/E203/E204/E205 codes and spans', async () => {
      const { outcomes, spanText } = await run(["files.exists(a.b, 'x')", "files.exists(x.y.z, 'x')", 'docker.f(1)', 'true', 'a.b.c()']);
      assert.deepEqual(outcomes.map((o) => (o.status === 'error' ? [o.code, o.message] : o)), [
        ['E201', 'Member access a.b cannot be evaluated directly'],
        ['E202', 'Undefined reference: x.y.z'],
        ['E203', 'Unknown library: docker'],
        ['E204', 'Check must be a function call'],
        ['E205', 'Expected library.function'],
      ]);
      assert.deepEqual([0, 1, 2, 3, 4].map(spanText), ['a.b', 'x.y.z', 'docker', 'true', 'a.b.c']);
    });

    it('an unexpected exception in a library is an Error result, not a crash', async () => {
      const { outcomes, result } = await run(['files.exists(s, 1)'], ['s = t.boom()']);
      assert.deepEqual(outcomes[0], { status: 'error', message: 'Undefined identifier: s', code: 'E200' });
      assert.deepEqual(result.scopes[0].outcome, { kind: 'error', message: 'cannot read x of undefined' });
    });

    it('a library returning a malformed value or result gives an Error, not a corrupt table', async () => {
      const bad = { ...testLibrary(), name: 'bad', call: async () => undefined as never, check: async () => ({ status: 'maybe' }) as never };
      const text = 'element e:\n    scope s = bad.sel()\n    check bad.c()\n';
      const result = await evaluate(await programOf(text), { ...options(), registry: registryWith(bad) });
      assert.deepEqual(result.scopes[0].outcome, { kind: 'error', message: "Library 'bad' returned an invalid value from sel" });
      assert.deepEqual(result.results[0].outcome, { status: 'error', message: "Library 'bad' returned an invalid result from c" });
    });

    it('a failing scope is left undefined; an unbounded one is reported', async () => {
      const result = await evaluate(await programOf("element e:\n    scope s = docker.x()\n    scope u\n"), options());
      assert.deepEqual(result.scopes.map((s) => s.outcome), [{ kind: 'error', message: 'Unknown library: docker', code: 'E203' }, { kind: 'unbounded' }]);
    });
  });

  it('filter and limit (language.md §7.6)', async () => {
    const program = await programOf(SPEC);
    const filtered = await evaluate(program, options([], { filter: 'a.b' }));
    assert.deepEqual(filtered.results.map((r) => r.elementPath), ['a.b']);
    assert.deepEqual(filtered.summary, { total: 1, passed: 1, failed: 0, errors: 0, skipped: 2 });
    const limited = await evaluate(program, options([], { limit: 1 }));
    assert.deepEqual(limited.summary, { total: 1, passed: 1, failed: 0, errors: 0, skipped: 0 });
    assert.deepEqual(limited.scopes.map((s) => s.name), ['src']); // a.b is abandoned, scopes included
    const none = await evaluate(program, options([], { limit: 0 }));
    assert.deepEqual([none.results.length, none.scopes.length], [0, 0]);
  });

  it('onlyElement: the scopes before it, its own checks, nothing after', async () => {
    const recorded: Recorded[] = [];
    const result = await evaluate(await programOf(SPEC), options(recorded, { onlyElement: 'a.b' }));
    assert.deepEqual(result.results.map((r) => r.text), ["t.ok(n, 2.5, [1, 'x'], true)"]);
    assert.deepEqual(result.scopes.map((s) => `${s.elementPath}.${s.name}`), ['a.src', 'a.b.n']);
    assert.deepEqual(result.summary, { total: 1, passed: 1, failed: 0, errors: 0, skipped: 0 });
    assert.ok(!recorded.some((r) => r.fn === 'no'));
    const top = await evaluate(await programOf(SPEC), options([], { onlyElement: 'c' }));
    assert.deepEqual(top.results.map((r) => r.elementPath), ['c']);
    const missing = await evaluate(await programOf(SPEC), options([], { onlyElement: 'zzz' }));
    assert.deepEqual([missing.results.length, missing.scopes.length], [0, 0]);
  });

  it('onlyChecks: only the listed checks run, nothing else is counted, the walk stops after their last element', async () => {
    const program = await programOf(SPEC);
    const recorded: Recorded[] = [];
    const inner = program.elements[0].children[0].checks[0];
    const result = await evaluate(program, options(recorded, { onlyChecks: new Set([inner]) }));
    assert.deepEqual(result.results.map((r) => `${r.elementPath} ${r.text}`), ["a.b t.ok(n, 2.5, [1, 'x'], true)"]);
    assert.deepEqual(result.scopes.map((s) => `${s.elementPath}.${s.name}`), ['a.src', 'a.b.n']);
    assert.deepEqual(result.summary, { total: 1, passed: 1, failed: 0, errors: 0, skipped: 0 });
    assert.ok(!recorded.some((r) => r.fn === 'no'), 'c is never visited');
    const two = await evaluate(program, options([], { onlyChecks: new Set([program.elements[0].checks[0], program.elements[1].checks[0]]) }));
    assert.deepEqual(two.results.map((r) => r.elementPath), ['a', 'c']);
    const withElement = await evaluate(program, options([], { onlyElement: 'a', onlyChecks: new Set([inner]) }));
    assert.deepEqual(withElement.results, []);
    const none = await evaluate(program, options([], { onlyChecks: new Set() }));
    assert.deepEqual([none.results.length, none.scopes.length], [0, 0]);
  });

  it('cancellation: rejects with an AbortError at the next step, and during a library call', async () => {
    const program = await programOf(SPEC);
    const before = new AbortController();
    before.abort();
    await assert.rejects(evaluate(program, options([], { signal: before.signal })), { name: 'AbortError' });

    const during = new AbortController();
    const results: string[] = [];
    const lib = testLibrary([], { onCall: async (fn) => void (fn === 'value' && during.abort()) });
    await assert.rejects(
      evaluate(program, { ...options(), registry: registryWith(lib), signal: during.signal, onResult: (r) => results.push(r.text) }),
      { name: 'AbortError' },
    );
    assert.deepEqual(results, ["files.exists(src, 'main.py')"]);
  });

  it('duplicate element paths overwrite each other; the later scope wins for later readers', async () => {
    const text = "element a:\n    scope s = t.value('one')\nelement a:\n    scope s = t.value('two')\nelement b:\n    check t.no(s)\n";
    const result = await evaluate(await programOf(text), options());
    assert.deepEqual(result.results[0].outcome, { status: 'fail', message: 'two' });
  });
});
