import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CompletionItem, Hover } from 'vscode-languageserver-protocol';
import { TestEditor, uriOf, type CheckSummary } from '../test/lsp/lspHarness';
import { generatedHie, generatedWorkspace } from './inputs';
import { mb, median, ms, percentile, rssOf, row } from './stats';
import { typingBench } from './typingBench';

const now = (): number => Number(process.hrtime.bigint()) / 1e6;

/** Issue "language server": the server driven over stdio, as an editor does. */
export async function lspBench(only?: string): Promise<void> {
  const parts: Record<string, () => Promise<void>> = { keystrokes, typing: typingBench, workspace: workspaceRuns };
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
    row('keystroke → syntax diagnostics, p95', ms(percentile(samples, 95)));
  } finally {
    await editor.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
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
