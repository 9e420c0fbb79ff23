import { TempWorkspace, type CliResult } from '../helpers/cliHarness';

/** The default workspace of conformance.md §5. */
export const MAIN_PY = { 'src/main.py': "print('hello')" };

/** `hielements <args>` in a fresh temporary workspace holding `t.hie` = `hie` and `files`. */
export async function runIn(hie: string, files: Record<string, string> = MAIN_PY, ...args: string[]): Promise<CliResult> {
  const ws = new TempWorkspace({ 't.hie': hie, ...files });
  try {
    return await ws.cli(...(args.length > 0 ? args : ['run', 't.hie']));
  } finally {
    ws.dispose();
  }
}

/** Result lines (`PASS|FAIL|ERROR …` and `--> …`) of a human run report, trimmed. */
export function resultLines(stdout: string): string[] {
  return stdout
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^(PASS|FAIL|ERROR) /.test(l) || l.startsWith('--> '));
}

export function summaryLine(stdout: string): string | undefined {
  return stdout.split('\n').find((l) => l.startsWith('Summary: '));
}

/** An indented `.hie` body written as lines. */
export const hie = (...lines: string[]): string => lines.join('\n') + '\n';
