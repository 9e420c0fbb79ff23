import { existsSync, promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { assetPath } from '../../runtime/assets';

/**
 * The plugin project templates (`server/plugin-templates/`): plain files read at run time
 * (a runtime asset: the npm package and the extension copy them next to their bundle).
 * `_common/` goes into every project, then the template's own folder over it; `wit/` too
 * when the template's `template.json` asks for it.
 */

export interface TemplateInfo {
  name: string;
  /** One line for `plugin new --help`. */
  summary: string;
  /** What `npm run build` calls, for the next steps. */
  toolchain: string;
  /** Copy the WIT package (`wit/`) into the project. */
  wit?: boolean;
  /** The built artefact, with `__NAME__` for the plugin name. */
  artefact?: string;
}

const ROOT_NAME = 'plugin-templates';

/** The templates folder, read in place or next to a bundle (runtime/assets.ts). */
export function templatesRoot(): string {
  const root = assetPath(ROOT_NAME);
  if (!existsSync(path.join(root, '_common'))) throw new Error(`the plugin templates (${ROOT_NAME}/) are not installed next to hielements (${root})`);
  return root;
}

export async function listTemplates(root = templatesRoot()): Promise<TemplateInfo[]> {
  const out: TemplateInfo[] = [];
  for (const entry of (await fsp.readdir(root, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    const file = path.join(root, entry.name, 'template.json');
    if (!entry.isDirectory() || !existsSync(file)) continue;
    out.push({ ...(JSON.parse(await fsp.readFile(file, 'utf8')) as Omit<TemplateInfo, 'name'>), name: entry.name });
  }
  return out;
}

/** Text of every file of a project made from `template` for plugin `name`, by relative path. */
export async function renderTemplate(template: TemplateInfo, name: string, root = templatesRoot()): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  const sources = [path.join(root, '_common'), path.join(root, template.name)];
  if (template.wit) await collect(path.join(root, 'wit'), 'wit', files);
  for (const dir of sources) await collect(dir, '', files);
  files.delete('template.json');
  const out = new Map<string, Buffer>();
  for (const [rel, data] of files) {
    const target = rel === 'gitignore' ? '.gitignore' : substitute(rel, name);
    out.set(target, data.includes(0) ? data : Buffer.from(substitute(data.toString('utf8'), name), 'utf8'));
  }
  return out;
}

/** `__NAME__` is the library name used in .hie files, `__PACKAGE__` the npm package name. */
export const substitute = (text: string, name: string): string => text.split('__NAME__').join(name).split('__PACKAGE__').join(name.replace(/_/g, '-'));

async function collect(dir: string, prefix: string, into: Map<string, Buffer>): Promise<void> {
  for (const entry of await fsp.readdir(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await collect(full, rel, into);
    else if (entry.isFile()) into.set(rel, await fsp.readFile(full));
  }
}
