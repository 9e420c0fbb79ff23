import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CompletionItem, Hover, Location, SemanticTokens, SemanticTokensDelta, TextEdit } from 'vscode-languageserver-protocol';
import { TestEditor, uriOf, type CheckSummary } from '../test/lsp/lspHarness';
import { formatHie } from '../src/format';
import { semanticTokens } from '../src/lsp/features/semanticTokens';
import { AnalyzedDocument } from '../src/model/analyzedDocument';
import { HieParser } from '../src/syntax/hieParser';
import { generatedHie, generatedWorkspace } from './inputs';
import { mb, median, ms, percentile, rssOf, row } from './stats';
import { typingBench } from './typingBench';

const now = (): number => Number(process.hrtime.bigint()) / 1e6;

/** Issue "language server": the server driven over stdio, as an editor does. */
export async function lspBench(only?: string): Promise<void> {
  const parts: Record<string, () => Promise<void>> = { keystrokes, editor: inProcessCpu, typing: typingBench, workspace: workspaceRuns };
  for (const [name, run] of Object.entries(parts)) if (!only || only === name) await run();
}

/** Keystroke → syntax diagnostics on a 5,000-line file. */
async function keystrokes(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hie-lsp-bench-'));
  const file = path.join(dir, 'big.hie');
  fs.copyFileSync(generatedHie(5000), file);
  const text = fs.readFileSync(file, 'utf8');
  const editor = await TestEditor.start(dir, { checks: { run: 'never' } });
  try {
    editor.open(file, text);
    await editor.waitForDiagnostics(file, (_d, v) => v === 1, 60000);
    const lines = text.split('\n');
    const samples: number[] = [];
    for (let i = 0; i < 220; i++) {
      // type one character at the start of a name somewhere in the file, then take it back
      const line = (i * 7919) % lines.length;
      const column = Math.max(0, lines[line].search(/[a-z]/));
      const insert = i % 2 === 0;
      const start = now();
      const version = insert
        ? editor.change(file, { start: { line, character: column }, end: { line, character: column } }, 'x')
        : editor.change(file, { start: { line: (((i - 1) * 7919) % lines.length), character: Math.max(0, lines[((i - 1) * 7919) % lines.length].search(/[a-z]/)) }, end: { line: (((i - 1) * 7919) % lines.length), character: Math.max(0, lines[((i - 1) * 7919) % lines.length].search(/[a-z]/)) + 1 } }, '');
      await editor.waitForDiagnostics(file, (_d, v) => v === version, 60000);
      if (i >= 20) samples.push(now() - start);
    }
    console.log(`\n5,000-line .hie file (${(text.length / 1024).toFixed(0)} KiB), ${samples.length} keystrokes`);
    row('keystroke → syntax diagnostics, median', ms(median(samples)), 'target ≤ 20 ms');
    row('keystroke → syntax diagnostics, min / p95', `${ms(Math.min(...samples))} / ${ms(percentile(samples, 95))}`);
    await tokensAndFormatting(editor, file, lines);
  } finally {
    await editor.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Semantic tokens of the whole 5,000-line file after each of 40 edits (a new model each
 * time: what the editor asks for after an edit), and formatting of the whole file (it is
 * valid, so every request lays out all 5,000 lines).
 */
async function tokensAndFormatting(editor: TestEditor, file: string, lines: string[]): Promise<void> {
  const textDocument = { uri: uriOf(file) };
  const tokens: number[] = [];
  const deltas: number[] = [];
  const formats: number[] = [];
  let count = 0;
  let previousResultId = (await editor.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument })).resultId;
  for (let i = 0; i < 40; i++) {
    // a space at the end of a line: the file stays valid (formatting really formats) and gets a new model
    const line = (i * 4001) % lines.length;
    const column = lines[line].length;
    const version = editor.change(file, { start: { line, character: column }, end: { line, character: column } }, ' ');
    await editor.waitForDiagnostics(file, (_d, v) => v === version, 60000);
    let t = now();
    const delta = await editor.request<SemanticTokensDelta>('textDocument/semanticTokens/full/delta', { textDocument, previousResultId });
    deltas.push(now() - t);
    editor.change(file, { start: { line, character: column + 1 }, end: { line, character: column + 1 } }, ' ');
    await editor.waitForDiagnostics(file, (_d, v) => v === version + 1, 60000);
    t = now();
    const result = await editor.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument });
    tokens.push(now() - t);
    previousResultId = result.resultId ?? delta.resultId;
    count = result.data.length / 5;
    t = now();
    await editor.request<TextEdit[] | null>('textDocument/formatting', { textDocument, options: { tabSize: 4, insertSpaces: true } });
    formats.push(now() - t);
    const back = editor.change(file, { start: { line, character: column }, end: { line, character: column + 2 } }, '');
    await editor.waitForDiagnostics(file, (_d, v) => v === back, 60000);
  }
  row(`semantic tokens of the whole file after an edit, median (${count} tokens)`, ms(median(tokens)), 'target ≤ 30 ms');
  row('semantic tokens, min / p95', `${ms(Math.min(...tokens))} / ${ms(percentile(tokens, 95))}`);
  row('semantic tokens as a delta after an edit (what VS Code asks), median', ms(median(deltas)));
  row('formatting of the whole file, median', ms(median(formats)), 'target ≤ 100 ms');
  row('formatting, min / p95', `${ms(Math.min(...formats))} / ${ms(percentile(formats, 95))}`);
}

/** CPU time of the process (all threads), in ms: unlike wall time, barely moved by other processes' load. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * The same work in process, measured in CPU time (the machine is shared: wall-clock medians
 * above include waiting for a core): after an edit, the incremental analysis a keystroke
 * costs, the semantic tokens of the whole file, and formatting it.
 */
async function inProcessCpu(): Promise<void> {
  const text = fs.readFileSync(generatedHie(5000), 'utf8');
  const lines = text.split('\n');
  const doc = new AnalyzedDocument(await HieParser.create(), text, { knownLibraries: new Set(['files', 'python', 'rust']) });
  void doc.analysis;
  const analysis: number[] = [];
  const tokens: number[] = [];
  const formats: number[] = [];
  for (let i = 0; i < 60; i++) {
    const line = (i * 4001) % lines.length;
    const column = lines[line].length;
    doc.applyChanges([{ range: { start: { line, character: column }, end: { line, character: column } }, text: ' ' }]);
    let t = cpuMs();
    const { program, diagnostics } = doc.analysis;
    analysis.push(cpuMs() - t);
    t = cpuMs();
    semanticTokens(program, doc.text, doc.lineIndex);
    tokens.push(cpuMs() - t);
    t = cpuMs();
    formatHie({ text: doc.text, tree: doc.tree, diagnostics });
    formats.push(cpuMs() - t);
    doc.applyChanges([{ range: { start: { line, character: column }, end: { line, character: column + 1 } }, text: '' }]);
  }
  doc.dispose();
  console.log('\nthe same file in process, CPU time per edit (60 edits)');
  row('incremental analysis (what a keystroke costs), median', ms(median(analysis)));
  row('semantic tokens of the whole file, median', ms(median(tokens)), 'target ≤ 30 ms');
  row('formatting of the whole file, median', ms(median(formats)), 'target ≤ 100 ms');
}

/** Go to definition from `rust.struct_exists('…')` in arch.hie into the Rust sources: first request, then warm. */
async function definitionIntoSource(editor: TestEditor, arch: string, lines: string[]): Promise<void> {
  const checkLine = lines.findIndex((l) => /rust\.struct_exists\('/.test(l));
  if (checkLine < 0) return;
  const at = { textDocument: { uri: uriOf(arch) }, position: { line: checkLine, character: lines[checkLine].indexOf("struct_exists('") + 16 } };
  let t = now();
  const first = await editor.request<Location[] | null>('textDocument/definition', at);
  row(`definition into Rust source, first request (${first?.length ?? 0} declarations)`, ms(now() - t));
  const warm: number[] = [];
  for (let i = 0; i < 30; i++) {
    t = now();
    await editor.request<Location[] | null>('textDocument/definition', at);
    warm.push(now() - t);
  }
  row('definition into Rust source, warm, median', ms(median(warm)), 'target ≤ 20 ms');
  row('definition into Rust source, warm, min / p95', `${ms(Math.min(...warm))} / ${ms(percentile(warm, 95))}`);
}

/** Open → first check diagnostics, hover/completion during a long evaluation, a changed file → update, memory. */
async function workspaceRuns(): Promise<void> {
  const workspace = generatedWorkspace();
  const arch = path.join(workspace, 'arch.hie');
  console.log(`\ngenerated workspace (5,000 Rust + 2,000 Python files, 300 checks): ${workspace}`);

  const started = now();
  const editor = await TestEditor.start(workspace, { checks: { run: 'onSave', debounceMs: 0 } });
  try {
    const first = await editor.waitFor('first check summary', () => editor.summaries.at(-1), 300000);
    const openMs = now() - started;
    row('initialize → first check diagnostics (whole workspace)', ms(openMs));
    row('  summary', `${first.passed}✓ ${first.failed}✗ ${first.errors}⚠`);
    row('server memory (RSS) after open and first run', mb(rssOf(editor.child.pid)));

    // a save that changes one Rust file a scope covers → updated diagnostics
    const rustFile = findRust(path.join(workspace, 'crates'));
    const original = fs.readFileSync(rustFile, 'utf8');
    const count = editor.summaries.length;
    const t0 = now();
    fs.writeFileSync(rustFile, `${original}\n// touched by the lsp bench\n`);
    editor.fileChanged(rustFile, 2);
    await editor.waitFor('update', () => editor.summaries.length > count, 300000);
    row('changed Rust file (didChangeWatchedFiles) → updated check diagnostics', ms(now() - t0));
    fs.writeFileSync(rustFile, original);
    editor.fileChanged(rustFile, 2);
    await editor.waitFor('restore', () => editor.summaries.length > count + 1, 300000);

    // hover and completion while the full evaluation runs
    editor.open(arch);
    const lines = fs.readFileSync(arch, 'utf8').split('\n');
    const checkLine = lines.findIndex((l) => l.includes('check files.exists('));
    const hoverAt = { textDocument: { uri: uriOf(arch) }, position: { line: checkLine, character: lines[checkLine].indexOf('exists') + 2 } };
    const completeAt = { textDocument: { uri: uriOf(arch) }, position: { line: checkLine, character: lines[checkLine].indexOf('files.') + 6 } };
    const hovers: number[] = [];
    const completions: number[] = [];
    let evalMs = 0;
    for (let round = 0; round < 3; round++) {
      // the whole workspace "changed": the file index and the libraries' caches start cold
      editor.fileChanged(workspace, 2);
      let running = true;
      const runStart = now();
      const run = editor.request<CheckSummary>('workspace/executeCommand', { command: 'hielements.runChecks', arguments: [] }).then(() => {
        running = false;
        evalMs = now() - runStart;
      });
      while (running) {
        let t = now();
        await editor.request<Hover>('textDocument/hover', hoverAt);
        if (running) hovers.push(now() - t);
        t = now();
        await editor.request<CompletionItem[]>('textDocument/completion', completeAt);
        if (running) completions.push(now() - t);
      }
      await run;
    }
    row('cold full evaluation via hielements.runChecks (last of 3)', ms(evalMs));
    row(`hover during evaluation, median (${hovers.length} samples)`, ms(median(hovers)));
    row('hover during evaluation, p95', ms(percentile(hovers, 95)), 'target ≤ 50 ms');
    row(`completion during evaluation, median (${completions.length} samples)`, ms(median(completions)));
    row('completion during evaluation, p95', ms(percentile(completions, 95)), 'target ≤ 50 ms');
    await definitionIntoSource(editor, arch, lines);
    row('server memory (RSS) at the end', mb(rssOf(editor.child.pid)));
  } finally {
    await editor.stop();
  }
}

function findRust(dir: string): string {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const found = findRust(full);
      if (found) return found;
    } else if (entry.name === 'lib.rs') return full;
  }
  return '';
}
