import type { Severity } from '../diagnostics/diagnostic';
import type { Span } from '../syntax/span';
import type { TopLevelItem } from './build';
import type { Element, RequirementElementBody } from './types';

type Report = (severity: Severity, code: string, message: string, span: Span) => void;

/** E014/E015: unbounded scopes and refs are only allowed in pattern context (one finding per element). */
export function unboundedPlaceholders(item: TopLevelItem, report: Report): void {
  const visitElement = (element: Element): void => {
    if (!element.inPattern) {
      const scope = element.scopes.find((s) => s.expression === null);
      const ref = element.refs.find((r) => r.expression === null);
      if (scope) {
        const n = scope.name.name;
        report('error', 'E014', `Unbounded scope '${n}' is only allowed in templates, not in regular elements. Provide an expression: \`scope ${n} = <expression>\``, scope.span);
      } else if (ref) {
        const n = ref.name.name;
        report('error', 'E015', `Unbounded ref '${n}' is only allowed in templates, not in regular elements. Provide an expression: \`ref ${n}: <Type> = <expression>\``, ref.span);
      }
    }
    element.children.forEach(visitElement);
  };
  const visitBody = (body: RequirementElementBody | null): void => body?.elements.forEach(visitElement);
  if (item.kind === 'element') visitElement(item.item);
  if (item.kind === 'pattern') {
    item.item.elements.forEach(visitElement);
    for (const requirement of item.item.requirements) {
      if (requirement.component.kind === 'element') visitBody(requirement.component.body);
    }
  }
}
