import { existsSync, promises as fsp } from 'node:fs';
import * as path from 'node:path';

/**
 * The plugin project templates (`server/plugin-templates/`): plain files read at run time
 * from the package's folder, so the compiled CLI and a bundled one both find them.
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

/** The templates folder: the nearest `plugin-templates/` above this module. */
export function templatesRoot(from = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, ROOT_NAME);
    if (existsSync(path.join(candidate, '_common'))) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`the plugin templates (${ROOT_NAME}/) are not installed next to hielements`);
  }
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
