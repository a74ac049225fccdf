/**
 * The processes a command started, found through /proc (Linux), to check that none outlives it.
 * A process is named by its pid and start time, so a pid reused later is not mistaken for it.
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcessId {
  pid: number;
  /** Clock ticks since boot when it started (field 22 of /proc/<pid>/stat). */
  startTime: string;
  command: string;
}

interface Stat {
  ppid: number;
  startTime: string;
  state: string;
}

function stat(pid: number): Stat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid ..."; comm may hold spaces and parentheses.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0]!, ppid: Number(fields[1]), startTime: fields[19]! };
  } catch {
    return undefined;
  }
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return '';
  }
}

/** `root` and every process below it, however deep (servers in their own process group too). */
export function processTree(root: number): ProcessId[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const s = stat(pid);
    if (s) children.set(s.ppid, [...(children.get(s.ppid) ?? []), pid]);
  }
  const found: ProcessId[] = [];
  const visit = (pid: number) => {
    const s = stat(pid);
    if (!s) return;
    found.push({ pid, startTime: s.startTime, command: commandLine(pid) });
    for (const child of children.get(pid) ?? []) visit(child);
  };
  visit(root);
  return found;
}

/** The processes of `tree` still running (zombies count as gone). */
export function stillRunning(tree: readonly ProcessId[]): ProcessId[] {
  return tree.filter((p) => {
    const s = stat(p.pid);
    return s !== undefined && s.startTime === p.startTime && s.state !== 'Z' && s.state !== 'X';
  });
}
