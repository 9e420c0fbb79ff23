import * as fs from 'node:fs';
import * as path from 'node:path';
import { FIXTURES, REFERENCE } from '../helpers/paths';
import { TempWorkspace } from '../helpers/cliHarness';

export const REC_JS = path.join(FIXTURES, 'plugins', 'rec.js');
export const SAMPLE_PLUGIN = path.join(REFERENCE, 'examples', 'plugins', 'sample_plugin.py');

/**
 * A workspace whose hielements.toml configures the recording plugin under `name`; it logs
 * to `log.txt` and answers per `script` (rec.js actions, see test-fixtures/plugins/rec.js).
 */
export function recWorkspace(hie: string, script: unknown = [], name = 'rec', files: Record<string, string> = {}): TempWorkspace {
  return new TempWorkspace({
    't.hie': hie,
    'src/main.py': "print('hello')",
    'script.json': JSON.stringify(script),
    'hielements.toml': `[libraries]\n${name} = { executable = "node", args = [${JSON.stringify(REC_JS)}, "log.txt", "script.json"] }\n`,
    ...files,
  });
}

/** The parsed request lines rec.js logged. */
export function requests(ws: TempWorkspace): any[] {
  const log = path.join(ws.dir, 'log.txt');
  if (!fs.existsSync(log)) return [];
  return fs.readFileSync(log, 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l));
}

/** Answer line templates for rec.js (`$ID` = the request id). */
export const answer = (result: string): string => `{"jsonrpc":"2.0","result":${result},"id":$ID}`;

/** PIDs of this process's live children (Linux /proc): no plugin may outlive a command. */
export function childPids(): number[] {
  const out: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = fs.readFileSync(`/proc/${entry}/status`, 'utf8');
      const ppid = /^PPid:\s*(\d+)$/m.exec(status);
      const state = /^State:\s*(\S)/m.exec(status);
      if (ppid && Number(ppid[1]) === process.pid && state?.[1] !== 'Z') out.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return out;
}
