import { githubReport } from './github';
import { junitReport } from './junit';
import { sarifReport, type ToolInfo } from './sarif';
import type { SpecReport } from './report';
import type { MachineFormat } from './names';


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
