/** Output formats of `check` and `run` (`--format`); kept apart so parsing arguments loads no formatter. */
export const REPORT_FORMATS = ['human', 'json', 'sarif', 'junit', 'github'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Formats of `doc` (`md` is the reference's alias of `markdown`). */
export const DOC_FORMATS = ['markdown', 'md', 'json'] as const;

export type MachineFormat = 'sarif' | 'junit' | 'github';

/** The CI formats (formats/index.ts renders them; loaded only when asked for). */
export const isMachineFormat = (format: string): format is MachineFormat => format === 'sarif' || format === 'junit' || format === 'github';
