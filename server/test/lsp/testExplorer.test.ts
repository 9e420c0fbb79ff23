import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CancellationTokenSource, type CodeLens } from 'vscode-languageserver-protocol';
import { REC_JS, TestEditor, uriOf, type CheckSummary } from './lspHarness';

interface Item {
  id: string;
  kind: string;
  label: string;
  uri: string;
  range?: { start: { line: number; character: number }; end: { line: number; character: number } };
  children: Item[];
}
interface Result {
  id: string;
  status: string;
  message?: string;
  uri: string;
  range?: Item['range'];
}

const ARCH = [
  'import rec',
  '',
  'element app:',
  "    scope src = files.folder_selector('src')",
  "    check files.exists(src, 'main.rs')",
  "    check files.exists(src, 'missing.rs')",
  "    check rec.probe('app')",
  '    element core:',
  "        check rec.probe('core')",
  "        check files.exists(src, 'main.rs')",
  'element other:',
  "    check rec.probe('other')",
  "    check rec.probe('other')",
  '',
].join('\n');

/** `[line, character, line, character]` */
const r = (item: { range?: Item['range'] }): number[] | undefined => item.range && [item.range.start.line, item.range.start.character, item.range.end.line, item.range.end.character];
/** The tree as `kind label [range]` lines, indented. */
function outline(items: Item[], depth = 0): string[] {
  return items.flatMap((i) => [`${'  '.repeat(depth)}${i.kind} ${i.label}${i.range ? ` ${JSON.stringify(r(i))}` : ''}`, ...outline(i.children, depth + 1)]);
}

describe('lsp: Test Explorer (files → elements → checks; runs only what was asked)', function () {
  this.timeout(40000);
  let root: string;
  let editor: TestEditor;
  let arch: string;
  let other: string;
  let A: string;
  const probes = (): string[] => {
    const log = fs.existsSync(path.join(root, 'log.txt')) ? fs.readFileSync(path.join(root, 'log.txt'), 'utf8') : '';
    return [...log.matchAll(/"args":\[(.*?)\],"function":"probe"/g)].map((m) => {
      const [arg] = JSON.parse(`[${m[1]}]`) as unknown[];
      return typeof arg === 'object' && arg !== null && 'String' in arg ? String(arg.String) : String(arg);
    });
  };
  const run = (params: unknown, source?: CancellationTokenSource): Promise<{ results: Result[] }> =>
    (source ? editor.connection.sendRequest('hielements/runTests', params, source.token) : editor.connection.sendRequest('hielements/runTests', params)) as Promise<{ results: Result[] }>;
  const short = (results: Result[]): string[] => results.map((x) => `${x.id.slice(A.length)} ${x.status}`);

  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'hie-lsp-tests-'));
    fs.mkdirSync(path.join(root, 'src'));
    fs.mkdirSync(path.join(root, 'drafts'));
    fs.writeFileSync(path.join(root, 'src', 'main.rs'), 'fn main() {}\n');
    fs.writeFileSync(path.join(root, 'script.json'), JSON.stringify({ steps: [], otherwise: { delayMs: 120, then: '{"jsonrpc":"2.0","result":{"Pass":null},"id":$ID}' } }));
    fs.writeFileSync(
      path.join(root, 'hielements.toml'),
      `exclude = ["drafts"]\n[libraries.rec]\nexecutable = ${JSON.stringify(process.execPath)}\nargs = ${JSON.stringify([REC_JS, path.join(root, 'log.txt'), path.join(root, 'script.json')])}\n`,
    );
    arch = path.join(root, 'arch.hie');
    other = path.join(root, 'b.hie');
    fs.writeFileSync(arch, ARCH);
    fs.writeFileSync(other, "element b:\n    check files.exists(files.folder_selector('src'), 'main.rs')\n");
    fs.writeFileSync(path.join(root, 'drafts', 'd.hie'), "element d:\n    check files.exists(files.folder_selector('src'), 'x')\n");
    A = uriOf(arch);
    editor = await TestEditor.start(root, { checks: { run: 'never' } });
  });
  after(async () => {
    await editor.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('lists the specs as files → elements → checks, with ranges; repeated check texts get distinct ids', async () => {
    // the specs are found after initialize
    let listed: Item[] = [];
    for (let i = 0; i < 100 && listed.length < 2; i++) {
      listed = (await editor.request<{ files: Item[] }>('hielements/listTests', {})).files;
      if (listed.length < 2) await new Promise((res) => setTimeout(res, 100));
    }
    assert.deepEqual(outline(listed), [
      'file arch.hie',
      '  element app [2,0,10,0]',
      "    check files.exists(src, 'main.rs') [4,4,4,38]",
      "    check files.exists(src, 'missing.rs') [5,4,5,41]",
      "    check rec.probe('app') [6,4,6,26]",
      '    element core [7,4,10,0]',
      "      check rec.probe('core') [8,8,8,31]",
      "      check files.exists(src, 'main.rs') [9,8,9,42]",
      '  element other [10,0,13,0]',
      "    check rec.probe('other') [11,4,11,28]",
      "    check rec.probe('other') [12,4,12,28]",
      'file b.hie',
      '  element b [0,0,2,0]',
      "    check files.exists(files.folder_selector('src'), 'main.rs') [1,4,1,63]",
    ]);
    assert.equal(listed[0].id, A);
    assert.deepEqual(listed[0].children[1].children.map((c) => c.id.slice(A.length)), ["#other#rec.probe('other')", "#other#rec.probe('other')#2"]);
    assert.ok(listed.every((f) => f.uri === f.id));
  });

  it('runs one check, and only that check', async () => {
    const { results } = await run({ include: [`${A}#app.core#rec.probe('core')`] });
    assert.deepEqual(results, [{ id: `${A}#app.core#rec.probe('core')`, status: 'passed', uri: A, range: { start: { line: 8, character: 8 }, end: { line: 8, character: 31 } } }]);
    assert.deepEqual(probes(), ['core']);
  });

  it('runs an element (its checks and its descendants\') minus the excluded items, with messages and locations', async () => {
    const { results } = await run({ include: [`${A}#app`], exclude: [`${A}#app#rec.probe('app')`] });
    assert.deepEqual(short(results), [
      "#app#files.exists(src, 'main.rs') passed",
      "#app#files.exists(src, 'missing.rs') failed",
      "#app.core#rec.probe('core') passed",
      "#app.core#files.exists(src, 'main.rs') passed",
    ]);
    assert.deepEqual([results[1].message, r(results[1])], ["File 'missing.rs' does not exist in folder 'src'", [5, 4, 5, 41]]);
    assert.deepEqual(probes(), ['core', 'core']);
    // the failing check is a Problem too
    assert.deepEqual((editor.diagnosticsOf(arch) ?? []).map((d) => [d.code, d.range.start.line]), [['E800', 5]]);
  });

  it('runs everything with $/progress (begin, end), and the status bar summary', async () => {
    const before = editor.progress.length;
    const { results } = await run({});
    assert.equal(results.length, 8);
    assert.deepEqual(results.filter((x) => x.status !== 'passed').map((x) => x.id.slice(A.length)), ["#app#files.exists(src, 'missing.rs')"]);
    const kinds = editor.progress.slice(before).map((p) => (p as { value: { kind: string } }).value.kind);
    assert.equal(kinds[0], 'begin');
    assert.equal(kinds.at(-1), 'end');
    const begin = (editor.progress[before] as { value: { title: string; cancellable: boolean } }).value;
    assert.deepEqual([begin.title, begin.cancellable], ['Hielements: running 8 checks', true]);
    await editor.waitFor('the summary', () => editor.summaries.at(-1)?.total === 8);
    assert.deepEqual(editor.summaries.at(-1), { passed: 7, failed: 1, errors: 0, total: 8, outdated: 0 });
  });

  it('a cancelled run stops: the checks not reached are skipped', async () => {
    const source = new CancellationTokenSource();
    const before = probes().length;
    const pending = run({ include: [`${A}#other`, `${A}#app`] }, source);
    for (let i = 0; i < 500 && probes().length === before; i++) await new Promise((res) => setTimeout(res, 10));
    source.cancel();
    const { results } = await pending;
    assert.equal(results.length, 7);
    assert.ok(probes().length - before < 3, `the run stopped: ${probes().slice(before).join(', ')}`);
    const skipped = results.filter((x) => x.status === 'skipped');
    assert.ok(skipped.length >= 4, short(results).join('\n'));
    assert.ok(skipped.every((x) => x.message === 'Not run: the run was cancelled'), JSON.stringify(skipped));
  });

  it('cancelling the progress (window/workDoneProgress/cancel) stops the run too', async () => {
    const before = probes().length;
    const tokens = editor.progressTokens.length;
    const pending = run({ include: [`${A}#other`, `${A}#app`] });
    await editor.waitFor('the progress', () => editor.progressTokens.length > tokens, 5000);
    for (let i = 0; i < 500 && probes().length === before; i++) await new Promise((res) => setTimeout(res, 10));
    void editor.connection.sendNotification('window/workDoneProgress/cancel', { token: editor.progressTokens.at(-1) });
    const { results } = await pending;
    assert.ok(probes().length - before < 3, `the run stopped: ${probes().slice(before).join(', ')}`);
    assert.ok(results.filter((x) => x.status === 'skipped').length >= 4, short(results).join('\n'));
  });

  it('code lenses: results per element and a Run lens per check that runs just that check', async () => {
    const lenses = await editor.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: A } });
    assert.deepEqual(
      lenses.map((l) => [l.range.start.line, l.command?.title]),
      [[2, '✓ 2 passed  ✗ 1 failed'], [4, '▶ Run'], [5, '▶ Run'], [6, '▶ Run'], [7, '✓ 2 passed'], [8, '▶ Run'], [9, '▶ Run'], [10, '✓ 2 passed'], [11, '▶ Run'], [12, '▶ Run']],
    );
    const runOther2 = lenses[9].command!;
    assert.deepEqual(runOther2.arguments, [A, { testId: `${A}#other#rec.probe('other')#2` }]);
    const before = probes().length;
    const summary = await editor.request<CheckSummary>('workspace/executeCommand', { command: runOther2.command, arguments: runOther2.arguments });
    assert.deepEqual(summary, { passed: 1, failed: 0, errors: 0, total: 1 });
    assert.deepEqual(probes().slice(before), ['other']);
  });

  it('sends the tree of an edited file when it changes (not for an edit that leaves it as it is), and removes files that leave the specs', async () => {
    editor.open(arch);
    const notes = editor.testsChanged as { files: Item[]; removed: string[] }[];
    const at = ARCH.split('\n')[3].indexOf("src')") + 3;
    editor.change(arch, { start: { line: 3, character: at }, end: { line: 3, character: at } }, 'x');
    await new Promise((res) => setTimeout(res, 500));
    assert.equal(notes.length, 0, 'editing a scope changes no test');
    editor.change(arch, { start: { line: 12, character: 28 }, end: { line: 12, character: 28 } }, "\n    check rec.probe('new')");
    await editor.waitFor('a testsChanged', () => notes.length > 0, 5000);
    assert.deepEqual(notes[0].removed, []);
    assert.deepEqual(outline(notes[0].files).slice(-4), [
      '  element other [10,0,14,0]',
      "    check rec.probe('other') [11,4,11,28]",
      "    check rec.probe('other') [12,4,12,28]",
      "    check rec.probe('new') [13,4,13,26]",
    ]);
    fs.writeFileSync(path.join(root, 'hielements.toml'), fs.readFileSync(path.join(root, 'hielements.toml'), 'utf8').replace('exclude = ["drafts"]', 'exclude = ["b.hie"]'));
    editor.fileChanged(path.join(root, 'hielements.toml'), 2);
    await editor.waitFor('b.hie removed, d.hie added', () => notes.some((n) => n.removed.includes(uriOf(other))) && notes.some((n) => n.files.some((f) => f.label === 'drafts/d.hie')), 10000);
  });

  it('a background run that takes long shows $/progress too (a short one shows none)', async () => {
    void editor.connection.sendNotification('workspace/didChangeConfiguration', { settings: { hielements: { checks: { run: 'onType', debounceMs: 20 } } } });
    const before = editor.progress.length;
    const probesText = Array.from({ length: 12 }, (_, i) => `\n    check rec.probe('slow${i}')`).join('');
    editor.change(arch, { start: { line: 13, character: 26 }, end: { line: 13, character: 26 } }, probesText);
    const begin = await editor.waitFor('a progress', () => editor.progress.slice(before).find((p) => (p as { value: { kind: string } }).value.kind === 'begin'), 15000);
    assert.equal((begin as { value: { title: string } }).value.title, 'Hielements: checking arch.hie');
    await editor.waitFor('its end', () => editor.progress.slice(before).some((p) => (p as { value: { kind: string } }).value.kind === 'end'), 15000);
  });
});
