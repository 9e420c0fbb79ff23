import type { FunctionDoc, LibraryDoc } from './library';

/** Catalogue format version of `hielements doc --format json`. */
export const CATALOG_VERSION = '1.0';

/**
 * Keep the libraries named in `filter` (names trimmed, exact match; undefined keeps all)
 * and sort them by name, as `hielements doc --library` does (cli.md §6).
 */
export function selectLibraries(docs: LibraryDoc[], filter: string[] | undefined): LibraryDoc[] {
  const wanted = filter?.map((n) => n.trim());
  const kept = wanted ? docs.filter((d) => wanted.includes(d.name)) : [...docs];
  return kept.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function functionMarkdown(lib: string, fn: FunctionDoc): string {
  const params = fn.parameters.map((p) => `${p.name}: ${p.param_type}`).join(', ');
  const ret = fn.return_type === '' ? '' : ` -> ${fn.return_type}`;
  let md = `#### \`${lib}.${fn.name}(${params})${ret}\`\n\n`;
  if (fn.description !== '') md += `${fn.description}\n\n`;
  if (fn.parameters.length > 0) {
    md += '**Parameters:**\n\n';
    for (const p of fn.parameters) md += `- \`${p.name}\` (${p.param_type}): ${p.description}\n`;
    md += '\n';
  }
  if (fn.example !== '') {
    md += '**Example:**\n\n```hielements\n' + fn.example + (fn.example.endsWith('\n') ? '' : '\n') + '```\n\n';
  }
  return md;
}

function libraryMarkdown(lib: LibraryDoc): string {
  let md = `## ${lib.name}\n\n`;
  if (lib.description !== '') md += `${lib.description}\n\n`;
  if (lib.version !== '') md += `**Version:** ${lib.version}\n\n`;
  if (lib.functions.length > 0) {
    md += '### Selectors\n\n';
    for (const fn of lib.functions) md += functionMarkdown(lib.name, fn);
  }
  if (lib.checks.length > 0) {
    md += '### Checks\n\n';
    for (const fn of lib.checks) md += functionMarkdown(lib.name, fn);
  }
  return md + '---\n\n';
}

/**
 * The Markdown catalogue (cli.md §6), libraries in the given order. The CLI adds one
 * newline when printing it to stdout; files get the text as is.
 */
export function renderCatalogMarkdown(docs: LibraryDoc[]): string {
  let md = '# Hielements Library Documentation\n\n';
  md += 'This catalog documents all available Hielements libraries, their selectors, and checks.\n\n';
  md += '---\n\n';
  md += '## Table of Contents\n\n';
  for (const lib of docs) md += `- [${lib.name}](#${lib.name.toLowerCase().replace(/ /g, '-')})\n`;
  md += '\n---\n\n';
  for (const lib of docs) md += libraryMarkdown(lib);
  return md;
}

/** The JSON catalogue (pretty, reference field order; an empty example is `null`). */
export function renderCatalogJson(docs: LibraryDoc[]): string {
  const fn = (f: FunctionDoc) => ({
    name: f.name,
    description: f.description,
    parameters: f.parameters.map((p) => ({ name: p.name, param_type: p.param_type, description: p.description })),
    return_type: f.return_type,
    example: f.example === '' ? null : f.example,
  });
  const catalog = {
    version: CATALOG_VERSION,
    libraries: docs.map((d) => ({
      name: d.name,
      description: d.description,
      version: d.version,
      functions: d.functions.map(fn),
      checks: d.checks.map(fn),
    })),
  };
  return JSON.stringify(catalog, null, 2);
}
