import type { Element, Program } from '../../model/types';

/** `run --dry-run` (cli.md §3 step 4): the element tree, members elided. */
export function dryRunText(program: Program): string {
  let out = 'Info Dry run - showing checks that would be executed:\n\n';
  const visit = (el: Element, indent: string): void => {
    const inner = indent + '  ';
    out += `${indent}element ${el.name.name}:\n`;
    for (const s of el.scopes) out += `${inner}scope ${s.name.name} = ...\n`;
    for (const r of el.refs) out += `${inner}ref ${r.name.name}: ${r.type.name} = ...\n`;
    for (const u of el.uses) out += `${inner}${u.source.name} uses ${u.target.map((t) => t.name).join('.')}\n`;
    for (let i = 0; i < el.checks.length; i++) out += `${inner}→ check ...\n`;
    for (const child of el.children) visit(child, inner);
  };
  for (const el of program.elements) visit(el, '');
  return out;
}
