import * as path from 'node:path';

/**
 * How to start the language server: the bundled `dist/server.js` (default), or the override from
 * `hielements.server.path` — a `.js` file is run with Node over IPC, anything else is an executable
 * spoken to over stdio.
 */
export type ServerLaunch =
  | { kind: 'module'; modulePath: string; env: Record<string, string> }
  | { kind: 'executable'; command: string; args: string[]; env: Record<string, string> };

/** Tells the bundled server where its .wasm files are (see client/build/bundle.js). */
export const WASM_DIR_ENV = 'HIELEMENTS_WASM_DIR';

/** Port for `--inspect` when the extension runs in development mode (.vscode/launch.json attaches here). */
export const DEBUG_PORT = 6009;

export function resolveServerLaunch(serverPathSetting: string, extensionDir: string, workspaceDir?: string): ServerLaunch {
  if (serverPathSetting === '') {
    const dist = path.join(extensionDir, 'dist');
    return { kind: 'module', modulePath: path.join(dist, 'server.js'), env: { [WASM_DIR_ENV]: dist } };
  }
  const resolved = path.isAbsolute(serverPathSetting)
    ? serverPathSetting
    : path.resolve(workspaceDir ?? extensionDir, serverPathSetting);
  if (/\.(c|m)?js$/.test(resolved)) return { kind: 'module', modulePath: resolved, env: {} };
  return { kind: 'executable', command: resolved, args: ['--stdio'], env: {} };
}
