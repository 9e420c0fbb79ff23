import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { HieDiagnostic, Severity } from '../../diagnostics/diagnostic';
import type { CheckResult } from '../../eval/types';
import type { CapabilityFinding } from '../../plugins/types';
import { entryNameSpan } from '../../plugins/config';
import type { Span } from '../../syntax/span';
import { toRange } from '../positions';

/** Codes of the diagnostics only the language server produces. */
export const LSP_CODES = {
  /** A check ran and failed: on the check. */
  checkFailed: 'E800',
  /** A check errored without a library code: on the argument at fault, else the check. */
  checkError: 'E801',
  /** hielements.toml: a WASM plugin imports what its capabilities do not grant. */
  capabilityMissing: 'W530',
  /** hielements.toml: a granted capability the plugin cannot use. */
  capabilityUnused: 'W531',
  /** .hie: the sandbox denied an access while evaluating this check. */
  capabilityDenied: 'W532',
} as const;

export const SOURCE = 'hielements';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toLspDiagnostic(d: HieDiagnostic): Diagnostic {
  return { range: toRange(d.span), severity: SEVERITY[d.severity], code: d.code, source: SOURCE, message: d.message };
}

/**
 * A failing check: a squiggle on the check; an errored one: on the argument at fault. A failure
 * listed in the project's baseline (`baseline` names it) is information, not an error.
 */
export function checkDiagnostic(result: CheckResult, baseline?: string): Diagnostic | undefined {
  const { outcome } = result;
  if (outcome.status === 'pass') return undefined;
  // a pattern's check runs once per implementing element: say for which one
  const message = result.elementPath.includes('#') ? `${result.elementPath}: ${outcome.message}` : outcome.message;
  if (outcome.status === 'fail') {
    if (baseline !== undefined) {
      const known = `${message} (known failure, listed in the baseline ${baseline})`;
      return { range: toRange(result.check.span), severity: DiagnosticSeverity.Information, code: LSP_CODES.checkFailed, source: SOURCE, message: known };
    }
    return { range: toRange(result.check.span), severity: DiagnosticSeverity.Error, code: LSP_CODES.checkFailed, source: SOURCE, message };
  }
  return {
    range: toRange(result.errorSpan ?? result.check.span),
    severity: DiagnosticSeverity.Error,
    code: outcome.code ?? LSP_CODES.checkError,
    source: SOURCE,
    message,
  };
}

/** Data attached to capability diagnostics so that code actions find their finding again. */
export interface CapabilityData {
  finding: CapabilityFinding;
}

/** A static capability finding on the library's entry in hielements.toml. */
export function findingDiagnostic(configText: string, finding: CapabilityFinding): Diagnostic {
  const unused = finding.kind === 'unused';
  return {
    range: toRange(entryNameSpan(configText, finding.library)),
    severity: unused ? DiagnosticSeverity.Hint : DiagnosticSeverity.Warning,
    code: unused ? LSP_CODES.capabilityUnused : LSP_CODES.capabilityMissing,
    source: SOURCE,
    message: finding.message,
    data: { finding } satisfies CapabilityData,
  };
}

/** A run-time denial, on the check whose evaluation caused it. */
export function denialDiagnostic(span: Span, finding: CapabilityFinding): Diagnostic {
  return {
    range: toRange(span),
    severity: DiagnosticSeverity.Warning,
    code: LSP_CODES.capabilityDenied,
    source: SOURCE,
    message: finding.message,
    data: { finding } satisfies CapabilityData,
  };
}
