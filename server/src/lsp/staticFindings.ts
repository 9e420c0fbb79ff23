import type { HieDiagnostic } from '../diagnostics/diagnostic';
import type { Analysis } from '../model/analyze';
import { StaticChecker, type StaticOptions, type StaticResult } from '../staticCheck/checker';
import { toDiagnostic, type Finding } from '../staticCheck/findings';
import type { StaticLibraries } from '../staticCheck/libraries';
import { reportable } from '../staticCheck/reportable';
import type { HieFile } from './workspaceState';

/** A document's static checker and its last result (computed for one analysis, libraries and options). */
export class DocumentStatics {
  private readonly checker = new StaticChecker();
  private last: { analysis: Analysis; libraries: StaticLibraries; patternChecks: boolean; result: StaticResult; shown?: Finding[]; diagnostics?: HieDiagnostic[] } | undefined;

  result(analysis: Analysis, libraries: StaticLibraries, options: StaticOptions): StaticResult {
    return this.current(analysis, libraries, options).result;
  }

  /** The findings shown with the analysis' own diagnostics (staticCheck/reportable.ts). */
  shown(analysis: Analysis, libraries: StaticLibraries, options: StaticOptions): readonly Finding[] {
    const last = this.current(analysis, libraries, options);
    last.shown ??= reportable(last.result.findings, analysis.program, analysis.diagnostics);
    return last.shown;
  }

  diagnostics(analysis: Analysis, libraries: StaticLibraries, options: StaticOptions): HieDiagnostic[] {
    const last = this.current(analysis, libraries, options);
    last.diagnostics ??= this.shown(analysis, libraries, options).map(toDiagnostic);
    return last.diagnostics;
  }

  private current(analysis: Analysis, libraries: StaticLibraries, options: StaticOptions) {
    const patternChecks = options.patternChecks === true;
    const last = this.last;
    if (last && last.analysis === analysis && last.libraries === libraries && last.patternChecks === patternChecks) return last;
    this.last = { analysis, libraries, patternChecks, result: this.checker.check(analysis.program, libraries, { patternChecks }) };
    return this.last;
  }
}

/** The static result of a file as it is now. */
export function staticResult(file: HieFile, options: StaticOptions): StaticResult {
  return file.statics.result(file.doc.analysis, file.project.staticLibraries, options);
}

export function staticDiagnostics(file: HieFile, options: StaticOptions): HieDiagnostic[] {
  return file.statics.diagnostics(file.doc.analysis, file.project.staticLibraries, options);
}

/** The static findings shown for a file as it is now (with their fixes). */
export function shownFindings(file: HieFile, options: StaticOptions): readonly Finding[] {
  return file.statics.shown(file.doc.analysis, file.project.staticLibraries, options);
}
