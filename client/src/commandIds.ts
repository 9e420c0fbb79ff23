/** Command ids contributed in package.json (kept free of `vscode` so tests can check the manifest). */
export const RUN_CHECKS_COMMAND = 'hielements.runChecks';
export const RESTART_SERVER_COMMAND = 'hielements.restartServer';
export const SHOW_OUTPUT_COMMAND = 'hielements.showOutput';
export const ALL_COMMANDS = [RUN_CHECKS_COMMAND, RESTART_SERVER_COMMAND, SHOW_OUTPUT_COMMAND];

/**
 * Commands only the server lists (executeCommandProvider), which the extension answers itself:
 * `hielements.trustWorkspace` (a code action on entries held back in Restricted Mode) opens
 * VS Code's Manage Workspace Trust instead of asking from the server.
 */
export const TRUST_WORKSPACE_COMMAND = 'hielements.trustWorkspace';
export const MANAGE_TRUST_COMMAND = 'workbench.trust.manage';

/** Client → server notification: the user granted workspace trust. */
export const WORKSPACE_TRUSTED_NOTIFICATION = 'hielements/workspaceTrusted';
