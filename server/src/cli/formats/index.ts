import { githubReport } from './github';
import { junitReport } from './junit';
import { sarifReport, type ToolInfo } from './sarif';
import type { SpecReport } from './report';

export type MachineFormat = 'sarif' | 'junit' | 'github';

export const isMachineFormat = (format: string): format is MachineFormat => format === 'sarif' || format === 'junit' || format === 'github';

/** The CI formats, shared by `check` (diagnostics only) and `run`. */
export function machineReport(format: MachineFormat, report: SpecReport, tool: ToolInfo): string {
  switch (format) {
    case 'sarif':
      return sarifReport(report, tool) + '\n';
    case 'junit':
      return junitReport(report);
    case 'github':
      return githubReport(report);
  }
}

export type { SpecReport, ToolInfo };
