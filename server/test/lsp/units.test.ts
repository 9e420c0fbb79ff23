import * as assert from 'node:assert/strict';
import { affectedElements, summarize } from '../../src/lsp/checkRunner';
import { CheckScheduler } from '../../src/lsp/checkScheduler';
import { applyChange } from '../../src/lsp/documentSync';
import { findingFixTitle } from '../../src/lsp/features/codeActions';
import { lensTitle } from '../../src/lsp/features/codeLens';
import { denialDiagnostic } from '../../src/lsp/features/diagnostics';
import type { CapabilityFinding } from '../../src/plugins/types';
import { completionContext } from '../../src/lsp/features/completion';
import { signature } from '../../src/lsp/libraryDocs';
import { DEFAULT_SETTINGS, parseSettings, settingsFromConfigurationChange } from '../../src/lsp/settings';
import type { CheckResult, ScopeEvaluation } from '../../src/eval/types';
import type { CheckRecord } from '../../src/lsp/workspaceState';
import { EMPTY_SPAN } from '../../src/syntax/span';

describe('lsp units', () => {
  describe('settings', () => {
    it('reads initializationOptions and didChangeConfiguration, keeping previous values for bad input', () => {
      const s = parseSettings({ checks: { run: 'onSave' }, plugins: { timeoutMs: 2000 } });
      assert.deepEqual(s, { checks: { run: 'onSave', debounceMs: 300, patterns: false }, plugins: { timeoutMs: 2000 }, files: { exclude: [] } });
      assert.deepEqual(parseSettings({ checks: { run: 'sometimes', patterns: 'yes' }, plugins: { timeoutMs: -1 } }, s), s);
      assert.equal(parseSettings({ checks: { patterns: true } }, s).checks.patterns, true);
      assert.deepEqual(settingsFromConfigurationChange({ settings: { hielements: { checks: { run: 'never' } } } }, s).checks.run, 'never');
      assert.deepEqual(settingsFromConfigurationChange({ settings: null }, s), s);
      assert.deepEqual(parseSettings(undefined), DEFAULT_SETTINGS);
      assert.deepEqual(parseSettings({ files: { exclude: ['examples', 3, ' ', '**/drafts/**'] } }, s).files, { exclude: ['examples', '**/drafts/**'] });
      assert.deepEqual(parseSettings({ files: { exclude: 'x' } }, parseSettings({ files: { exclude: ['a'] } })).files, { exclude: ['a'] });
    });
  });

  describe('completion context', () => {
    it('tells members, patterns, keywords and expressions apart', () => {
      assert.deepEqual(completionContext('    check files.', 'element'), { kind: 'member', library: 'files', isCheck: true });
      assert.deepEqual(completionContext("    scope s = rust.mod", 'element'), { kind: 'member', library: 'rust', isCheck: false });
      assert.deepEqual(completionContext('element x implements a, ', 'top'), { kind: 'pattern' });
      assert.deepEqual(completionContext('    re', 'pattern'), { kind: 'keyword', keywords: ['scope', 'ref', 'check', 'element', 'requires', 'allows', 'forbids'] });
      assert.deepEqual(completionContext('    check files.exists(', 'element'), { kind: 'expression' });
      assert.deepEqual(completionContext("    check files.exists(src, 'a", 'element'), { kind: 'none' });
    });
  });

  describe('titles and signatures', () => {
    it('names quick-fixes after the capability they change', () => {
      const base = { library: 'deps', message: '' };
      assert.equal(findingFixTitle({ ...base, kind: 'missing', capability: 'fs', needed: 'read' }), 'Grant capabilities.fs = "read" to deps');
      assert.equal(findingFixTitle({ ...base, kind: 'denied', capability: 'fs', needed: 'write' }), 'Grant capabilities.fs = "write" to deps');
      assert.equal(findingFixTitle({ ...base, kind: 'missing', capability: 'env', needed: 'CI' }), 'Grant capabilities.env "CI" to deps');
      assert.equal(findingFixTitle({ ...base, kind: 'unused', capability: 'fs' }), 'Remove capabilities.fs from deps');
      assert.equal(findingFixTitle({ ...base, kind: 'unused', capability: 'env', needed: 'HOME' }), 'Remove "HOME" from capabilities.env of deps');
    });

    it('formats code lens titles and signatures', () => {
      assert.equal(lensTitle(0, [], false), 'no checks');
      assert.equal(lensTitle(3, [], false), '3 checks (not run)');
      assert.equal(lensTitle(4, ['pass', 'pass', 'fail', 'error'], true), '✓ 2 passed  ✗ 1 failed  ⚠ 1 error');
      assert.equal(
        signature('files', { name: 'exists', description: '', example: '', return_type: 'CheckResult', parameters: [{ name: 'scope', param_type: 'Scope', description: '' }] }),
        'files.exists(scope: Scope) -> CheckResult',
      );
      assert.equal(signature('x', { name: 'f', description: '', example: '', return_type: '', parameters: [] }), 'x.f()');
    });
  });

  it('a denied access is one diagnostic: an error with the check\'s message when it did not pass, a warning when it passed', () => {
    const denied = (target: string, outside = false): CapabilityFinding => ({
      library: 'deps', kind: 'denied', capability: 'fs', needed: 'read', message: `m ${target}`, access: { target, outside },
    });
    const result = (outcome: CheckResult['outcome']): CheckResult => ({ elementPath: 'app', text: 't', check: { span: EMPTY_SPAN }, outcome }) as unknown as CheckResult;
    const failed = denialDiagnostic(result({ status: 'fail', message: 'no Cargo.toml' }), [denied('Cargo.toml'), denied('a'), denied('b')], 'none');
    assert.deepEqual([failed.severity, failed.code, failed.message], [
      1, 'E802', 'Access denied: library `deps` may not read `Cargo.toml` under capabilities.fs = "none": grant `capabilities.fs = "read"` in hielements.toml (and 2 more denied accesses). The check failed: no Cargo.toml',
    ]);
    const passed = denialDiagnostic(result({ status: 'pass' }), [denied('../secret', true)], 'read');
    assert.deepEqual([passed.severity, passed.code, passed.message], [2, 'W532', 'Access denied: library `deps` may not read `../secret`: it is outside the workspace, which no capability grants']);
    assert.deepEqual((passed.data as { finding: CapabilityFinding }).finding.access, { target: '../secret', outside: true });
  });

  it('applies LSP range changes to a plain text (hielements.toml buffers)', () => {
    const text = 'a = 1\nb = 2\n';
    assert.equal(applyChange(text, { start: { line: 1, character: 4 }, end: { line: 1, character: 5 } }, '3'), 'a = 1\nb = 3\n');
    assert.equal(applyChange(text, { start: { line: 0, character: 5 }, end: { line: 1, character: 0 } }, ''), 'a = 1b = 2\n');
    assert.equal(applyChange(text, { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } }, 'c'), 'a = 1\nb = 2\nc');
  });

  describe('affected elements', () => {
    const scopeEval = (elementPath: string, paths: string[], kind: 'Folder' | 'Glob' = 'Folder'): ScopeEvaluation => ({
      elementPath,
      name: 's',
      span: EMPTY_SPAN,
      outcome: { kind: 'value', value: { type: 'scope', kind: kind === 'Folder' ? { Folder: 'x' } : { Glob: 'x' }, paths, resolved: true } },
    });
    const result = (elementPath: string, inline = false): CheckResult =>
      ({
        elementPath,
        check: { span: EMPTY_SPAN, expression: { kind: 'call', span: EMPTY_SPAN, callee: { kind: 'identifier', name: 'f', span: EMPTY_SPAN }, args: inline ? [{ kind: 'call', span: EMPTY_SPAN, callee: { kind: 'identifier', name: 'g', span: EMPTY_SPAN }, args: [] }] : [] } },
        outcome: { status: 'pass' },
      }) as unknown as CheckResult;
    const record = (scopes: ScopeEvaluation[], results: CheckResult[]): CheckRecord => ({ revision: 1, generation: 1, scopes, results, summary: summarize(results) });

    it('are the elements whose scopes cover the file, and their descendants', () => {
      const r = record([scopeEval('a', ['/w/src/x.py']), scopeEval('b', ['/w/lib/y.py'])], [result('a'), result('a.c'), result('b')]);
      assert.deepEqual(affectedElements(r, '/w/src/x.py', '/w'), ['a', 'a.c']);
      assert.deepEqual(affectedElements(r, '/w/other.txt', '/w'), []);
    });

    it('include glob scopes and inline selectors; unknown without a record or with a failed scope', () => {
      const r = record([scopeEval('g', [], 'Glob')], [result('g'), result('i', true), result('n')]);
      assert.deepEqual(affectedElements(r, '/w/new.py', '/w'), ['g', 'i']);
      assert.equal(affectedElements(undefined, '/w/a', '/w'), undefined);
      const failed: ScopeEvaluation = { elementPath: 'a', name: 's', span: EMPTY_SPAN, outcome: { kind: 'error', message: 'x' } };
      assert.equal(affectedElements(record([failed], []), '/w/a', '/w'), undefined);
    });
  });

  describe('check scheduler', () => {
    const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

    it('debounces: only the last of several requests runs', async () => {
      const runs: string[] = [];
      const s = new CheckScheduler(async (key) => void runs.push(key), () => undefined);
      for (let i = 0; i < 5; i++) s.schedule('a', 20);
      await tick(5);
      assert.deepEqual(runs, []);
      await s.idle('a');
      assert.deepEqual(runs, ['a']);
    });

    it('a newer request aborts the run in flight, and the next run starts after it unwound', async () => {
      const events: string[] = [];
      let n = 0;
      const s = new CheckScheduler(async (_key, signal) => {
        const id = ++n;
        events.push(`start ${id}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 50);
          signal.addEventListener('abort', () => {
            clearTimeout(timer);
            events.push(`abort ${id}`);
            resolve();
          });
        });
        events.push(`end ${id}`);
      }, () => undefined);
      const first = s.runNow('a');
      await tick(5);
      const second = s.runNow('a');
      await Promise.all([first, second]);
      assert.deepEqual(events, ['start 1', 'abort 1', 'end 1', 'start 2', 'end 2']);
    });

    it('reports errors of runs that were not cancelled', async () => {
      const errors: unknown[] = [];
      const s = new CheckScheduler(async () => {
        throw new Error('boom');
      }, (_k, e) => errors.push(e));
      await s.runNow('a');
      assert.equal((errors[0] as Error).message, 'boom');
    });
  });
});
