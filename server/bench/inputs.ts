import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';

/** Bench inputs come from the shared generators (../shared/bench), cached under bench/.data. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const SHARED = process.env.HIELEMENTS_SHARED ?? path.resolve(REPO_ROOT, '..', 'shared');
export const DATA = path.join(REPO_ROOT, 'bench', '.data');

function generate(output: string, args: string[], generator: string): string {
  if (!existsSync(output)) {
    mkdirSync(DATA, { recursive: true });
    execFileSync(process.execPath, [path.join(SHARED, 'bench', generator), output, ...args], { stdio: 'ignore' });
  }
  return output;
}

export const generatedHie = (lines = 5000): string => generate(path.join(DATA, `gen-${lines}.hie`), ['--lines', String(lines)], 'gen-hie.js');

export const concatenatedReference = (copies = 200): string =>
  generate(path.join(DATA, `reference-x${copies}.hie`), ['--concat', path.join(SHARED, 'reference', 'hielements.hie'), '--copies', String(copies)], 'gen-hie.js');

export const generatedWorkspace = (): string => generate(path.join(DATA, 'workspace'), [], 'gen-workspace.js');
