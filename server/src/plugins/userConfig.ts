import * as os from 'node:os';
import * as path from 'node:path';

/**
 * The user's Hielements configuration directory: `$XDG_CONFIG_HOME/hielements` (an absolute
 * XDG_CONFIG_HOME only, as the XDG spec says), else `~/.config/hielements`. Trust answers live
 * there (trust/store.ts), so no plugin may ever write it (plugins/wasm/protectedPaths.ts), even
 * when a workspace happens to contain it.
 */
export function userConfigDirectory(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_CONFIG_HOME;
  const base = xdg && path.isAbsolute(xdg) ? xdg : path.join(os.homedir(), '.config');
  return path.join(base, 'hielements');
}
