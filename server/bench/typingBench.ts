import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Hover } from 'vscode-languageserver-protocol';
import { TestEditor, uriOf } from '../test/lsp/lspHarness';
import { RandomTypist } from '../test/lsp/randomTypist';
import { generatedHie } from './inputs';
import { mb, median, ms, percentile, rssOf, row } from './stats';

const now = (): number => Number(process.hrtime.bigint()) / 1e6;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const SEED = 12;
/** Keystrokes typed one at a time, each waiting for its diagnostics. */
const KEYSTROKES = 400;
/** Edits at 33 per second (one every 30 ms), with a hover every 100. */
const PACED = 1000;
const PACE_MS = 30;
/** Edits sent back to back, with a hover every 100, then hovers one after the other. */
const BURST = 3000;
const HOVER_EVERY = 100;
const HOVERS_AFTER = 10;
/** Keystrokes after the burst, on a text full of errors. */
const AFTER = 30;

/**
 * Issue "keeps up with real typing": random one-character edits at random places of a
 * 5,000-line spec, over stdio. Every phase continues on the same text, so errors accumulate.
 */
export async function typingBench(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hie-typing-bench-'));
  const file = path.join(dir, 'big.hie');
  const text = fs.readFileSync(generatedHie(5000), 'utf8');
  fs.writeFileSync(file, text);
  const typist = new RandomTypist(text, SEED);
  const editor = await TestEditor.start(dir, { checks: { run: 'never' } });
  const hoverAt = () => ({ textDocument: { uri: uriOf(file) }, position: typist.hoverTarget() });
  /** One keystroke, waiting for the diagnostics of its version. */
  const keystroke = async (): Promise<number> => {
    const edit = typist.next();
    const start = now();
    const version = editor.change(file, edit.range, edit.text);
    await editor.waitForDiagnostics(file, (_d, v) => v === version, 60000);
    return now() - start;
  };
  try {
    editor.open(file, text);
    await editor.waitForDiagnostics(file, (_d, v) => v === 1, 60000);
    console.log(`\nrandom typing (seed ${SEED}) on the 5,000-line .hie file: letters, spaces, : ( ) quotes, line breaks, backspaces`);

    const samples: number[] = [];
    for (let i = 0; i < KEYSTROKES; i++) samples.push(await keystroke());
    const first = samples.slice(0, 30);
    const last = samples.slice(-30);
    row(`keystroke → diagnostics, median (${KEYSTROKES} keystrokes)`, ms(median(samples)));
    row('keystroke → diagnostics, p95', ms(percentile(samples, 95)), 'target ≤ 30 ms');
    row('  first 30 edits: median / p95', `${ms(median(first))} / ${ms(percentile(first, 95))}`);
    row('  last 30 edits: median / p95', `${ms(median(last))} / ${ms(percentile(last, 95))}`, 'target: median ≤ 20 ms');
    row('  syntax diagnostics in the file after them', String(editor.diagnosticsOf(file)?.length ?? 0));

    // 33 edits per second: a hover every 100 edits, edits keep coming while it waits
    const paced: Promise<Timed>[] = [];
    const t0 = now();
    let version = 0;
    for (let i = 1; i <= PACED; i++) {
      const due = t0 + i * PACE_MS;
      if (due > now()) await sleep(due - now());
      const edit = typist.next();
      version = editor.change(file, edit.range, edit.text);
      if (i % HOVER_EVERY === 0) paced.push(timed(editor, hoverAt()));
    }
    const pacedHovers = await Promise.all(paced);
    await editor.waitForDiagnostics(file, (_d, v) => v === version, 60000);
    const pacedMs = pacedHovers.map((h) => h.ms);
    row(`hover at 33 edits/s, median (${pacedMs.length} hovers, ${PACED} edits)`, ms(median(pacedMs)), 'target ≤ 100 ms');
    row('hover at 33 edits/s, max', ms(Math.max(...pacedMs)));
    row('  answered / ContentModified (newer edits were queued)', answered(pacedHovers));

    // 3,000 edits back to back, a hover every 100 of them, then hovers one after the other
    const rssBefore = rssOf(editor.child.pid);
    const during: Promise<Timed>[] = [];
    const burstStart = now();
    for (let i = 1; i <= BURST; i++) {
      const edit = typist.next();
      version = editor.change(file, edit.range, edit.text);
      if (i % HOVER_EVERY === 0) during.push(timed(editor, hoverAt()));
    }
    const final = version;
    const afterBurst: Timed[] = [];
    for (let i = 0; i < HOVERS_AFTER; i++) afterBurst.push(await timed(editor, hoverAt()));
    await editor.waitForDiagnostics(file, (_d, v) => v === final, 120000);
    const settled = now() - burstStart;
    const duringHovers = await Promise.all(during);
    const rssAfter = rssOf(editor.child.pid);
    const afterMs = afterBurst.map((h) => h.ms);
    row(`${BURST}-edit burst → diagnostics of the last version`, ms(settled));
    row(`hover sent right after the burst (waits for the ${BURST} edits)`, ms(afterMs[0]), 'target ≤ 1000 ms');
    row(`hovers after the burst, median / max (${afterBurst.length})`, `${ms(median(afterMs))} / ${ms(Math.max(...afterMs))}`, 'target: max ≤ 1000 ms');
    row('  answered / ContentModified', answered(afterBurst));
    row(`hovers during the burst (every ${HOVER_EVERY} edits), median / max`, `${ms(median(duringHovers.map((h) => h.ms)))} / ${ms(Math.max(...duringHovers.map((h) => h.ms)))}`);
    row('  answered / ContentModified (newer edits were queued)', answered(duringHovers));
    row('server RSS before / after the burst', `${mb(rssBefore)} / ${mb(rssAfter)}`);
    row('server RSS growth over the burst', mb(rssAfter - rssBefore), 'target ≤ 150 MB');

    const after: number[] = [];
    for (let i = 0; i < AFTER; i++) after.push(await keystroke());
    row(`keystroke → diagnostics after the burst, median / p95 (${AFTER})`, `${ms(median(after))} / ${ms(percentile(after, 95))}`);
    row('  syntax diagnostics in the file after them', String(editor.diagnosticsOf(file)?.length ?? 0));
  } finally {
    await editor.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

interface Timed {
  ms: number;
  /** Answered ContentModified (LSP): newer changes of the document were queued behind the request. */
  modified: boolean;
}

async function timed(editor: TestEditor, params: unknown): Promise<Timed> {
  const start = now();
  try {
    await editor.request<Hover>('textDocument/hover', params);
    return { ms: now() - start, modified: false };
  } catch (e) {
    if ((e as { code?: number }).code !== CONTENT_MODIFIED) throw e;
    return { ms: now() - start, modified: true };
  }
}

const CONTENT_MODIFIED = -32801;

const answered = (hovers: readonly Timed[]): string => `${hovers.filter((h) => !h.modified).length} / ${hovers.filter((h) => h.modified).length}`;
