import { access, mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { CliError, type CliIO } from '../io';
import { osErrorText } from '../readSpec';
import { CONFIG_FILE } from '../templates/configFile';
import { projectSpec } from '../templates/projectSpec';
import { USAGE_GUIDE } from '../templates/usageGuide';

/** Letters, digits (Unicode) and `_`; the empty name passes, as in the reference. */
const PROJECT_NAME = /^[\p{Alphabetic}\p{N}_]*$/u;

/** `<DIR>/<file>` as the reference shows it (`./demo.hie`). */
const shown = (dir: string, file: string): string => (dir.endsWith('/') ? dir + file : `${dir}/${file}`);

const exists = (p: string): Promise<boolean> => access(p).then(() => true, () => false);

async function write(io: CliIO, file: string, content: string): Promise<void> {
  try {
    await writeFile(path.resolve(io.cwd, file), content, { flag: 'wx' });
  } catch (e) {
    throw new CliError(`Failed to write '${file}': ${osErrorText(e)}`);
  }
}

/** `hielements init NAME [-d DIR]` (cli.md §5). */
export async function initCommand(io: CliIO, name: string, dir = '.'): Promise<number> {
  if (!PROJECT_NAME.test(name)) throw new CliError('Project name must contain only alphanumeric characters and underscores');
  try {
    await mkdir(path.resolve(io.cwd, dir), { recursive: true });
  } catch (e) {
    throw new CliError(`Failed to create directory '${dir}': ${osErrorText(e)}`);
  }
  const spec = shown(dir, `${name}.hie`);
  if (await exists(path.resolve(io.cwd, spec))) throw new CliError(`File '${spec}' already exists`);
  const created: string[] = [];
  await write(io, spec, projectSpec(name));
  created.push(`  ${spec} - Architecture specification`);
  for (const [file, content, what] of [
    ['hielements.toml', CONFIG_FILE, 'Library configuration (plugins)'],
    ['USAGE_GUIDE.md', USAGE_GUIDE, 'Quick reference for people and AI agents'],
  ] as const) {
    const target = shown(dir, file);
    if (await exists(path.resolve(io.cwd, target))) {
      io.out(`Info '${target}' already exists, skipping\n`);
      continue;
    }
    await write(io, target, content);
    created.push(`  ${target} - ${what}`);
  }
  io.out(
    [
      `Success Initialized Hielements project '${name}'`,
      '',
      'Created files:',
      ...created,
      '',
      'Next steps:',
      `  1. Edit ${spec} to describe your architecture`,
      `  2. Run \`hielements check ${spec}\` to validate it`,
      `  3. Run \`hielements run ${spec}\` to run its checks`,
      '',
      `AI agents: read ${shown(dir, 'USAGE_GUIDE.md')} for the commands and syntax.`,
      '',
    ].join('\n'),
  );
  return 0;
}
