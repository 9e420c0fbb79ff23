/** Commands and notifications shared with the client (client/src/commandIds.ts, checkSummary.ts). */
export const RUN_CHECKS_COMMAND = 'hielements.runChecks';
export const CHECK_SUMMARY_NOTIFICATION = 'hielements/checkSummary';
/** Asks again whether to trust a workspace (argument: its folder); VS Code runs Manage Workspace Trust instead. */
export const TRUST_WORKSPACE_COMMAND = 'hielements.trustWorkspace';
/** Client → server: the user granted workspace trust in the editor (VS Code's onDidGrantWorkspaceTrust). */
export const WORKSPACE_TRUSTED_NOTIFICATION = 'hielements/workspaceTrusted';

export interface CheckSummary {
  passed: number;
  failed: number;
  errors: number;
  total: number;
  /** Files whose totals come from a run before their latest edits (0: all current). */
  outdated: number;
}
