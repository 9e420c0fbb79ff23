import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

/** Tokenizes text with the extension's TextMate grammar (syntaxes/hielements.tmLanguage.json), as VS Code does. */

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..'); // server/out/test/grammar → repo
export const GRAMMAR_FILE = path.join(REPO_ROOT, 'syntaxes', 'hielements.tmLanguage.json');

export interface Token {
  line: number;
  text: string;
  /** Outermost first, e.g. ['source.hielements', 'keyword.declaration.element.hielements']. */
  scopes: string[];
}

let grammar: Promise<vsctm.IGrammar> | undefined;

async function loadGrammar(): Promise<vsctm.IGrammar> {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName: string) =>
      scopeName === 'source.hielements'
        ? vsctm.parseRawGrammar(fs.readFileSync(GRAMMAR_FILE, 'utf8'), GRAMMAR_FILE)
        : null,
  });
  const g = await registry.loadGrammar('source.hielements');
  if (!g) throw new Error(`cannot load ${GRAMMAR_FILE}`);
  return g;
}

export async function tokenize(source: string): Promise<Token[]> {
  grammar ??= loadGrammar();
  const g = await grammar;
  const tokens: Token[] = [];
  let stack = vsctm.INITIAL;
  source.split('\n').forEach((lineText, line) => {
    const result = g.tokenizeLine(lineText, stack);
    for (const t of result.tokens) {
      tokens.push({ line, text: lineText.slice(t.startIndex, Math.min(t.endIndex, lineText.length)), scopes: t.scopes });
    }
    stack = result.ruleStack;
  });
  return tokens;
}
