/**
 * Libraries resolve the workspace string against the process's current directory (like
 * the reference). When the CLI runs in-process for another directory (tests, an embedding
 * host), the run happens inside that directory and the previous one is restored after.
 */
export async function inDirectory<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  const previous = safeCwd();
  if (previous === dir) return fn();
  process.chdir(dir);
  try {
    return await fn();
  } finally {
    if (previous !== undefined) process.chdir(previous);
  }
}

function safeCwd(): string | undefined {
  try {
    return process.cwd();
  } catch {
    return undefined; // the current directory was deleted
  }
}
