import type { Element, Program } from '../model/types';

/** Path of a child: `parent.child` (language.md §7.1). */
export const childPath = (parent: string, name: string): string => (parent === '' ? name : `${parent}.${name}`);

/** Pre-order position of the last element whose path is `path` (-1 when none). */
export function lastPreorderIndexOf(program: Program, path: string): number {
  return lastPreorderIndexWhere(program, (_el, p) => p === path);
}

/** Pre-order position of the last element satisfying `test` (-1 when none). */
export function lastPreorderIndexWhere(program: Program, test: (el: Element, path: string) => boolean): number {
  let index = -1;
  let last = -1;
  const visit = (el: Element, parent: string): void => {
    index++;
    const p = childPath(parent, el.name.name);
    if (test(el, p)) last = index;
    for (const child of el.children) visit(child, p);
  };
  for (const el of program.elements) visit(el, '');
  return last;
}
