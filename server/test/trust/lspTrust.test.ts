import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CodeAction, MessageActionItem, ShowMessageRequestParams, TextEdit } from 'vscode-languageserver-protocol';
import { essentials, REC_JS, REPO_ROOT, TestEditor, until, uriOf } from '../lsp/lspHarness';

/**
 * Workspace trust over the protocol (trust.md §2), like an editor other than VS Code: nothing
 * runs before the answer, Allow runs the plugin, the answer is remembered (outside the workspace)
 * by the next session, a changed command asks again, "Don't allow" keeps it stopped, and the
 * code action asks again. Every session uses a temporary XDG_CONFIG_HOME.
 */

/** A promise the test resolves by hand: an answer the user gives when the test says so. */
function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void } {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const ASK = { checks: { run: 'onType', debounceMs: 20 }, workspaceTrusted: undefined };
const FAIL_RAN = '{"jsonrpc":"2.0","result":{"Fail":"the plugin ran"},"id":$ID}';

describe('trust: the language server asks before running a workspace\'s commands', function () {
  this.timeout(120_000);
  let ws: string;
  let configHome: string;
  let hie: string;
  let toml: string;
  const editors: TestEditor[] = [];
  const rec = (log: string) => `[libraries]\nrec = { executable = ${JSON.stringify(process.execPath)}, args = [${JSON.stringify(REC_JS)}, ${JSON.stringify(log)}, "script.json"] }\n`;

  async function start(answer: (p: ShowMessageRequestParams) => Promise<MessageActionItem | null> | MessageActionItem | null, options: Record<string, unknown> = ASK): Promise<TestEditor> {
    // external plugins run in the project folder: rec.js finds script.json there
    const editor = await TestEditor.start(ws, options, 'stdio', { configHome, answer });
    editors.push(editor);
    return editor;
  }

  before(() => {
    ws = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'hie-trust-ws-')));
    configHome = fs.mkdtempSync(path.join(os.tmpdir(), 'hie-trust-config-'));
    hie = path.join(ws, 'checks.hie');
    toml = path.join(ws, 'hielements.toml');
    fs.writeFileSync(path.join(ws, 'script.json'), JSON.stringify([FAIL_RAN]));
    fs.writeFileSync(hie, 'import rec\nelement app:\n    check rec.anything()\n');
    fs.writeFileSync(toml, rec('log1.txt'));
  });
  const cleanups: Array<() => void> = [];
  afterEach(async () => {
    await Promise.all(editors.splice(0).map((e) => e.stop()));
    cleanups.splice(0).forEach((c) => c());
  });
  after(() => {
    fs.rmSync(ws, { recursive: true, force: true });
    fs.rmSync(configHome, { recursive: true, force: true });
  });

  const ran = (log: string) => fs.existsSync(path.join(ws, log));
  const checkDiagnostic = (editor: TestEditor) => editor.waitForDiagnostics(hie, (ds) => ds.some((d) => d.code === 'E800'));

  it('asks first, naming the workspace, the library and the exact command line; runs nothing before the answer; runs it after Allow', async () => {
    const answer = deferred<MessageActionItem | null>();
    const editor = await start(() => answer.promise);
    await editor.waitFor('the trust question', () => editor.messageRequests.length > 0);
    const question = editor.messageRequests[0];
    assert.equal(
      question.message,
      `The workspace ${ws} wants to run programs as Hielements plugins, with your permissions: library \`rec\` runs \`${process.execPath} ${REC_JS} log1.txt script.json\`. Allow this workspace? (You will be asked again if these entries change.)`,
    );
    assert.deepEqual(question.actions, [{ title: 'Allow' }, { title: "Don't allow" }]);
    // until the answer: not started, a warning on its entry, the check says why
    const tomlDs = await editor.waitForDiagnostics(toml, (ds) => ds.length > 0);
    assert.deepEqual(tomlDs.map(essentials), [
      {
        range: [1, 0, 1, 3],
        severity: 2,
        code: 'W526',
        message: "External library 'rec' was not started: this workspace is not trusted, and it would run a program it names. Trust the workspace to start it",
      },
    ]);
    const hieDs = await editor.waitForDiagnostics(hie, (ds) => ds.length > 0);
    assert.deepEqual(hieDs.map(essentials), [{ range: [2, 10, 2, 24], severity: 1, code: 'E533', message: "External library 'rec' was not started: this workspace is not trusted" }]);
    assert.equal(ran('log1.txt'), false, 'the plugin ran before the answer');
    answer.resolve({ title: 'Allow' });
    const ds = await checkDiagnostic(editor);
    assert.deepEqual(ds.map(essentials), [{ range: [2, 4, 2, 24], severity: 1, code: 'E800', message: 'the plugin ran' }]);
    assert.equal(ran('log1.txt'), true);
    await editor.waitForDiagnostics(toml, (d) => d.length === 0);
    // remembered outside the workspace, nothing written into it
    const stored = JSON.parse(fs.readFileSync(path.join(configHome, 'hielements', 'trust.json'), 'utf8'));
    assert.equal(stored.workspaces[ws].answer, 'allow');
    assert.deepEqual(fs.readdirSync(ws).sort(), ['checks.hie', 'hielements.toml', 'log1.txt', 'script.json']);
  });

  it('a second session remembers the answer: no question, the plugin runs', async () => {
    fs.rmSync(path.join(ws, 'log1.txt'));
    const editor = await start(() => assert.fail('asked again'));
    await checkDiagnostic(editor);
    assert.equal(ran('log1.txt'), true);
    assert.deepEqual(editor.messageRequests, []);
  });

  it('a changed command asks again and runs nothing before the answer; "Don\'t allow" keeps it stopped; the code action asks again', async () => {
    const answers: Array<ReturnType<typeof deferred<MessageActionItem | null>>> = [deferred(), deferred()];
    const editor = await start(() => answers[editor.messageRequests.length - 1].promise);
    await checkDiagnostic(editor);
    fs.writeFileSync(toml, rec('log2.txt'));
    editor.fileChanged(toml, 2);
    await editor.waitFor('the question about the new command', () => editor.messageRequests.length === 1);
    assert.match(editor.messageRequests[0].message, /runs `.* log2\.txt script\.json`/);
    await editor.waitForDiagnostics(hie, (ds) => ds.some((d) => d.code === 'E533'));
    assert.equal(ran('log2.txt'), false, 'the changed command ran before the answer');
    answers[0].resolve({ title: "Don't allow" });
    await until('the answer to be remembered', () => JSON.parse(fs.readFileSync(path.join(configHome, 'hielements', 'trust.json'), 'utf8')).workspaces[ws].answer === 'deny');
    const tomlDs = await editor.waitForDiagnostics(toml, (ds) => ds.some((d) => d.code === 'W526'));
    assert.equal(ran('log2.txt'), false);
    // the entry's warning offers to ask again
    editor.open(toml, fs.readFileSync(toml, 'utf8'), 'toml');
    const actions = await editor.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: uriOf(toml) },
      range: { start: { line: 1, character: 1 }, end: { line: 1, character: 1 } },
      context: { diagnostics: tomlDs },
    });
    assert.deepEqual(actions.map((a) => [a.title, a.command?.command, a.command?.arguments]), [['Trust this workspace…', 'hielements.trustWorkspace', [ws]]]);
    const executed = editor.request('workspace/executeCommand', actions[0].command);
    await editor.waitFor('the question asked again', () => editor.messageRequests.length === 2);
    answers[1].resolve({ title: 'Allow' });
    await executed;
    await until('the plugin to run', () => ran('log2.txt'));
    await checkDiagnostic(editor);
  });

  it('untrusted by the client (VS Code Restricted Mode): never asks; built-in shadowing is an error, WASM write is withheld; trust granted by the client loads them', async () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'hie-trust-limited-')));
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const wasm = path.join(REPO_ROOT, 'plugins', 'examples', 'as-size', 'size.wasm');
    const text = `[libraries]\nfiles = { executable = "definitely-not-run" }\nsize = { path = ${JSON.stringify(wasm)}, capabilities = { fs = "write", env = ["HOME"] } }\n`;
    fs.writeFileSync(path.join(dir, 'hielements.toml'), text);
    fs.writeFileSync(path.join(dir, 'a.hie'), "import size\nelement app:\n    check files.exists(files.folder_selector('.'), 'a.hie')\n");
    const tomlFile = path.join(dir, 'hielements.toml');
    const editor = await TestEditor.start(dir, { checks: { run: 'onType', debounceMs: 20 }, workspaceTrusted: false }, 'stdio', { configHome, answer: () => assert.fail('asked') });
    editors.push(editor);
    const limited = await editor.waitForDiagnostics(tomlFile, (ds) => ds.some((d) => d.code === 'E532'));
    assert.deepEqual(limited.map((d) => [d.code, d.severity, d.message, d.range.start.line]), [
      ['E532', 1, "Library 'files' is not loaded: it would replace the built-in library 'files', and this workspace is not trusted", 1],
      ['W527', 4, 'Library \'size\' runs with less than it is granted, because this workspace is not trusted: `fs = "write"` is served as "read", and its environment variables are not passed', 2],
    ]);
    // the built-in answers the check
    await editor.waitForDiagnostics(path.join(dir, 'a.hie'), (ds) => ds.length === 0);
    void editor.connection.sendNotification('hielements/workspaceTrusted', {});
    const trusted = await editor.waitForDiagnostics(tomlFile, (ds) => ds.some((d) => d.code === 'W525'));
    assert.deepEqual(trusted.map((d) => [d.code, d.message]), [
      ['W525', "Library 'files' replaces the built-in library 'files': every files.* call in .hie files goes to this plugin"],
      ['W531', 'library `size` cannot read environment variables (it imports no environment functions): `HOME` in `capabilities.env` is unused'],
    ]);
    // the quick-fix renames the entry, so .hie files use the built-in again
    editor.open(tomlFile, text, 'toml');
    const actions = await editor.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: uriOf(tomlFile) },
      range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } },
      context: { diagnostics: trusted },
    });
    assert.deepEqual(actions.map((a) => a.title), ['Rename library files to files_plugin (files.* calls then use the built-in)']);
    const edits = actions[0].edit!.changes![uriOf(tomlFile)] as TextEdit[];
    assert.deepEqual(edits, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 5 } }, newText: 'files_plugin' }]);
    assert.equal(editor.messageRequests.length, 0);
  });
});
