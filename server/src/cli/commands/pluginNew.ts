import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { CliError, type CliIO } from '../io';
import { osErrorText } from '../readSpec';
import { listTemplates, renderTemplate, substitute } from '../plugin/templates';

/** A library name as .hie files use it; lowercase so that it is also a valid npm and crate name. */
const PLUGIN_NAME = /^[a-z][a-z0-9_]*$/;

/** `hielements plugin new NAME --template T [-d DIR]`: a standalone plugin project. */
export async function pluginNewCommand(io: CliIO, name: string, templateName: string | undefined, dir: string | undefined): Promise<number> {
  const templates = await listTemplates();
  const known = templates.map((t) => t.name).join(', ');
  if (!PLUGIN_NAME.test(name)) throw new CliError(`plugin name '${name}' must start with a lowercase letter and contain only lowercase letters, digits and _ (it is the library name in .hie files)`);
  if (templateName === undefined) throw new CliError(`choose a template with --template: ${known}`);
  const template = templates.find((t) => t.name === templateName);
  if (!template) throw new CliError(`unknown template '${templateName}' (known: ${known})`);
  const target = dir ?? name;
  const abs = path.resolve(io.cwd, target);
  const existing = await fsp.readdir(abs).catch(() => undefined);
  if (existing && existing.length > 0) throw new CliError(`'${target}' already exists and is not empty`);
  const files = await renderTemplate(template, name);
  try {
    for (const [rel, data] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
      const file = path.join(abs, rel);
      await fsp.mkdir(path.dirname(file), { recursive: true });
      await fsp.writeFile(file, data, { flag: 'wx' });
    }
  } catch (e) {
    throw new CliError(`Failed to write the project in '${target}': ${osErrorText(e)}`);
  }
  const artefact = template.artefact ? ` (${substitute(template.artefact, name)})` : '';
  io.out(
    [
      `Success Created plugin \`${name}\` from template ${template.name} in ${target}/ (${files.size} files)`,
      '',
      'Next steps:',
      `  cd ${target}`,
      ...(template.toolchain.includes('npm install') ? ['  npm install'] : []),
      `  npm run build    ${template.toolchain}${artefact}`,
      '  npm test         run fixture/checks.hie with hielements and compare with fixture/expected.json',
      '',
      'README.md says how the plugin reads files, which capabilities it needs and how to debug a denied access.',
      '',
    ].join('\n'),
  );
  return 0;
}
