import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze } from '../../src/model/analyze';
import type { Program } from '../../src/model/types';
import { HieParser } from '../../src/syntax/hieParser';
import { LibraryError, LibraryRegistry, type CallContext, type CheckOutcome, type Library } from '../../src/libraries/library';
import { createBuiltinLibraries } from '../../src/libraries/builtin';
import type { Value } from '../../src/eval/values';

let parser: HieParser | undefined;

/** The model of a `.hie` text (diagnostics ignored). */
export async function programOf(text: string): Promise<Program> {
  parser ??= await HieParser.create();
  const tree = parser.parse(text);
  try {
    return analyze(tree, text, { knownLibraries: new Set() }).program;
  } finally {
    tree.delete();
  }
}

export interface Recorded {
  kind: 'call' | 'check';
  fn: string;
  args: Value[];
  ctx: CallContext;
}

/**
 * A scripted library `t`: selector `t.value(x)` returns x, `t.fail(...)` throws a
 * LibraryError about its second argument, `t.boom()` throws a TypeError; checks
 * `t.ok()` pass, `t.no(msg)` fail, `t.arg2(a, b)` throws about argument 2.
 */
export function testLibrary(recorded: Recorded[] = [], hooks: { onCall?: (fn: string) => Promise<void> } = {}): Library {
  return {
    name: 't',
    kind: 'builtin',
    async call(fn, args, ctx) {
      recorded.push({ kind: 'call', fn, args, ctx });
      await hooks.onCall?.(fn);
      if (fn === 'value') return args[0];
      if (fn === 'fail') throw new LibraryError('E900', 'fail requires a number as second argument');
      if (fn === 'boom') throw new TypeError('cannot read x of undefined');
      throw new LibraryError('E901', `Unknown function: t.${fn}`);
    },
    async check(fn, args, ctx): Promise<CheckOutcome> {
      recorded.push({ kind: 'check', fn, args, ctx });
      await hooks.onCall?.(fn);
      if (fn === 'ok') return { status: 'pass' };
      if (fn === 'no') return { status: 'fail', message: args[0]?.type === 'string' ? args[0].value : 'no' };
      if (fn === 'arg2') throw Object.assign(new LibraryError('E902', 'bad value'), { argumentIndex: 1 });
      throw new LibraryError('E903', `Unknown check function: t.${fn}`);
    },
    async doc() {
      return { name: 't', description: '', version: '', functions: [], checks: [] };
    },
  };
}

export function registryWith(...libs: Library[]): LibraryRegistry {
  const registry = new LibraryRegistry();
  for (const lib of [...createBuiltinLibraries(), ...libs]) registry.register(lib);
  return registry;
}

export function tempWorkspace(files: Record<string, string>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'hie-eval-')));
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  }
  return dir;
}
