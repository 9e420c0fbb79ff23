/**
 * Plugin processes run in a process group of their own (POSIX), so that stopping a plugin
 * also stops every process it started — a background child, a grandchild holding the
 * stdout pipe (trust.md §4). Groups still alive when this process exits, or is asked to
 * stop by SIGINT/SIGTERM/SIGHUP, are killed first. A child that leaves the group on purpose
 * (setsid) escapes: a documented limit.
 */

/** Own process group on POSIX; Windows has no process groups (the child itself is killed). */
export const USE_PROCESS_GROUPS = process.platform !== 'win32';

const liveGroups = new Set<number>();
let hooksInstalled = false;

/** SIGKILL the group led by `pid` (or the process alone without groups); true if anything was signalled. */
export function killGroup(pid: number): boolean {
  try {
    process.kill(USE_PROCESS_GROUPS ? -pid : pid, 'SIGKILL');
    return true;
  } catch {
    return false; // ESRCH: nothing left
  }
}

function killAll(): void {
  for (const pid of liveGroups) killGroup(pid);
  liveGroups.clear();
}

const STOP_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** On a stop signal: kill the plugins' groups, then let the signal do what it would have done. */
function onStopSignal(signal: NodeJS.Signals): void {
  killAll();
  if (process.listenerCount(signal) > 1) return; // someone else handles it (and decides how to exit)
  for (const s of STOP_SIGNALS) process.removeListener(s, onStopSignal);
  process.kill(process.pid, signal);
}

function installHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', killAll);
  // detached groups no longer receive the terminal's Ctrl-C: forward the stop ourselves
  for (const s of STOP_SIGNALS) process.on(s, onStopSignal);
}

/** A group to kill when this process exits (until `release`). */
export function trackGroup(pid: number): void {
  installHooks();
  liveGroups.add(pid);
}

/** The group was killed (or is known to be empty). */
export function releaseGroup(pid: number): void {
  liveGroups.delete(pid);
}
