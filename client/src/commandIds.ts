/** Command ids contributed in package.json (kept free of `vscode` so tests can check the manifest). */
export const RUN_CHECKS_COMMAND = 'hielements.runChecks';
export const RESTART_SERVER_COMMAND = 'hielements.restartServer';
export const SHOW_OUTPUT_COMMAND = 'hielements.showOutput';
export const ALL_COMMANDS = [RUN_CHECKS_COMMAND, RESTART_SERVER_COMMAND, SHOW_OUTPUT_COMMAND];
