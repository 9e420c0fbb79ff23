/** Commands and notifications shared with the client (client/src/commandIds.ts, checkSummary.ts). */
export const RUN_CHECKS_COMMAND = 'hielements.runChecks';
export const CHECK_SUMMARY_NOTIFICATION = 'hielements/checkSummary';

export interface CheckSummary {
  passed: number;
  failed: number;
  errors: number;
  total: number;
  /** Files whose totals come from a run before their latest edits (0: all current). */
  outdated: number;
}
