import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as fc from 'fast-check';
import type { CodeLens, Diagnostic, DocumentSymbol, Location } from 'vscode-languageserver-protocol';
import { AnalyzedDocument } from '../../src/model/analyzedDocument';
import { definition } from '../../src/lsp/features/definition';
import { references } from '../../src/lsp/features/references';
import { Resolver } from '../../src/lsp/navigation/resolver';
import { codeLenses } from '../../src/lsp/features/codeLens';
import { toLspDiagnostic } from '../../src/lsp/features/diagnostics';
import { documentSymbols } from '../../src/lsp/features/symbols';
import type { HieFile } from '../../src/lsp/workspaceState';
import { HieParser } from '../../src/syntax/hieParser';
import { REFERENCE } from '../helpers/paths';
import { TestEditor, uriOf } from './lspHarness';
import { RandomTypist } from './randomTypist';

const CONTENT_MODIFIED = -32801;
const KNOWN = { knownLibraries: new Set(['files', 'python', 'rust']) };

type Request = 'textDocument/documentSymbol' | 'textDocument/definition' | 'textDocument/references' | 'textDocument/codeLens';
const REQUESTS: Request[] = ['textDocument/documentSymbol', 'textDocument/definition', 'textDocument/references', 'textDocument/codeLens'];

/**
 * Issue "keeps up with real typing": random bursts of keystrokes interleaved with requests,
 * all sent without waiting, as a fast typist's editor does. Every answer must be about the
 * text the request was sent for — equal to what a fresh analysis of that text answers — or
 * ContentModified (newer edits were queued behind it); publications never go back to an
 * older version, and the last one equals the diagnostics of a fresh analysis of the final text.
 */
describe('lsp: bursts of edits and requests (property)', function () {
  this.timeout(600_000);
  let parser: HieParser;
  let dir: string;
  let editor: TestEditor;
  const base = fs.readFileSync(path.join(REFERENCE, 'hielements.hie'), 'utf8');

  before(async () => {
    parser = await HieParser.create();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hie-lsp-bursts-'));
    const ready = path.join(dir, 'ready.hie');
    fs.writeFileSync(ready, 'element ready:\n    scope s = files.folder_selector(\'.\')\n');
    editor = await TestEditor.start(dir, { checks: { run: 'never' } });
    // the workspace is loaded (its files published): nothing from the start can interleave later
    await editor.waitForDiagnostics(ready, () => true, 60000);
  });
  after(async () => {
    await editor.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** What a fresh analysis of `text` (in `file`) answers to a request (as it comes out of JSON). */
  async function expected(file: string, text: string, method: Request, params: { position?: { line: number; character: number } }): Promise<unknown> {
    const doc = new AnalyzedDocument(parser, text, KNOWN);
    try {
      // a spec of its own (`ready.hie` declares nothing it could resolve to); the workspace has no code for library calls to locate
      const project = { root: dir, documentedLibraries: async () => new Map() };
      const hie = { uri: uriOf(file), path: file, doc, spec: true, revision: 0, project } as unknown as HieFile;
      const resolver = new Resolver(() => [hie]);
      const answer = await {
        'textDocument/documentSymbol': () => documentSymbols(doc.analysis.program),
        'textDocument/definition': () => definition(resolver, hie, params.position!),
        'textDocument/references': () => references(resolver, hie, params.position!, true),
        'textDocument/codeLens': () => codeLenses(hie),
      }[method]();
      return JSON.parse(JSON.stringify(answer));
    } finally {
      doc.dispose();
    }
  }

  it('every answer is about the text its request was sent for; the last publication equals a fresh analysis', async () => {
    let run = 0;
    let answered = 0;
    let modified = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.array(fc.record({ edits: fc.nat(40), request: fc.constantFrom(...REQUESTS), at: fc.double({ min: 0, max: 1, noNaN: true }), pause: fc.boolean() }), { minLength: 3, maxLength: 12 }),
        async (seed, steps) => {
          run++;
          // a document of its own per run: nothing of an earlier run can be mistaken for this one's
          const file = path.join(dir, `spec-${run}.hie`);
          const typist = new RandomTypist(base, seed);
          editor.open(file, base);
          let version = 1;
          const answers: Promise<void>[] = [];
          try {
            for (const step of steps) {
              for (let i = 0; i < step.edits; i++) {
                const edit = typist.next();
                version = editor.change(file, edit.range, edit.text);
              }
              const text = typist.text;
              const line = Math.floor(step.at * typist.lineCount);
              const params = { textDocument: { uri: uriOf(file) }, position: { line, character: typist.int(typist.line(line).length + 1) }, context: { includeDeclaration: true } };
              const sentAt = version;
              const answer =
                editor.request<DocumentSymbol[] | Location | Location[] | CodeLens[] | null>(step.request, params).then(
                  async (answer): Promise<boolean> => {
                    answered++;
                    assert.deepEqual(answer, await expected(file, text, step.request, params), `${step.request} sent at version ${sentAt} (run ${run})`);
                    return true;
                  },
                  (e: { code?: number }): boolean => {
                    if (e.code !== CONTENT_MODIFIED) throw e;
                    modified++;
                    return false;
                  },
                );
              answers.push(answer.then(() => undefined));
              // sometimes the typist pauses until the answer comes: nothing newer was queued, so it is a real one
              if (step.pause) assert.ok(await answer, `${step.request} after a pause was answered ContentModified (run ${run})`);
            }
            await Promise.all(answers);
            const final = version;
            const ds = await editor.waitForDiagnostics(file, (_d, v) => v === final, 60000);
            const fresh = new AnalyzedDocument(parser, typist.text, KNOWN);
            try {
              assert.deepEqual(ds, JSON.parse(JSON.stringify(fresh.analysis.diagnostics.map(toLspDiagnostic))) as Diagnostic[], `final diagnostics (run ${run})`);
            } finally {
              fresh.dispose();
            }
            // the harness records every publication as `<file> v<version> [codes]`
            const versions = editor.history
              .map((h) => (h.startsWith(`${path.basename(file)} v`) ? /^\S+ v(\d+) /.exec(h) : null))
              .filter((m): m is RegExpExecArray => m !== null)
              .map((m) => Number(m[1]));
            assert.deepEqual(versions, [...versions].sort((a, b) => a - b), `publications went back to an older version: ${versions}`);
          } finally {
            editor.close(file);
          }
        },
      ),
      { numRuns: 25, seed: 20261206, endOnFailure: true },
    );
    console.log(`      ${answered} requests answered, ${modified} ContentModified over ${run} runs`);
    // the property means something only if both kinds of answers happened
    assert.ok(answered > 20, `only ${answered} requests answered`);
    assert.ok(modified > 0, 'no request was answered ContentModified');
  });
});
