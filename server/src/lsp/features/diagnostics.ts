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
  /** .hie: the sandbox denied an access while evaluating this check, which passed anyway. */
  capabilityDenied: 'W532',
  /** .hie: a check that did not pass after the sandbox denied one of its accesses (one diagnostic for both). */
  checkDenied: 'E802',
  /** .hie: a scope whose selector matched no files in the last run (the reference accepts empty scopes: a warning). */
  emptyScope: 'W533',
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

/**
 * The run-time denials of one check and the check's own outcome as ONE diagnostic: that the
 * sandbox denied the access, under which capability (`granted`: the library's `capabilities.fs`),
 * what grant would allow it, and, when the check did not pass, its message. An error on the
 * check (or the argument at fault) when it did not pass; a warning when it passed anyway.
 */
export function denialDiagnostic(result: CheckResult, findings: CapabilityFinding[], granted: string | undefined): Diagnostic {
  const [first] = findings;
  const { outcome } = result;
  let message = deniedText(first, granted);
  if (findings.length > 1) message += ` (and ${findings.length - 1} more denied access${findings.length === 2 ? '' : 'es'})`;
  if (outcome.status === 'fail') message += `. The check failed: ${outcome.message}`;
  if (outcome.status === 'error') message += `. The check errored${outcome.code ? ` (${outcome.code})` : ''}: ${outcome.message}`;
  const passed = outcome.status === 'pass';
  return {
    range: toRange(outcome.status === 'error' ? (result.errorSpan ?? result.check.span) : result.check.span),
    severity: passed ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error,
    code: passed ? LSP_CODES.capabilityDenied : LSP_CODES.checkDenied,
    source: SOURCE,
    message,
    data: { finding: first } satisfies CapabilityData,
  };
}

/** `Access denied: library `size` may not read `src/main.rs` (capabilities.fs = "none"): grant …`. */
function deniedText(finding: CapabilityFinding, granted: string | undefined): string {
  const access = finding.access;
  if (!access) return `Access denied: ${finding.message}`;
  const what = `Access denied: library \`${finding.library}\` may not ${finding.needed ?? 'read'} \`${access.target}\``;
  if (access.outside) return `${what}: it is outside the workspace, which no capability grants`;
  if (access.final) return `${what}: ${access.final}`;
  return `${what} under capabilities.fs = "${granted ?? 'none'}": grant \`capabilities.fs = "${finding.needed}"\` in hielements.toml`;
}

/** A scope whose selector matched nothing in the last run: a warning on the selector. */
export function emptyScopeDiagnostic(scopePath: string, selector: Span, selectorText: string): Diagnostic {
  return {
    range: toRange(selector),
    severity: DiagnosticSeverity.Warning,
    code: LSP_CODES.emptyScope,
    source: SOURCE,
    message: `Scope \`${scopePath}\` matched no files: \`${selectorText}\` selects nothing (checks on it see an empty scope)`,
  };
}
