// Linux /proc readings for the benchmark: CPU time and resident memory of a process tree (the
// headless Chromium a benchmark launched, with all its renderer, GPU and utility processes).
import { readdirSync, readFileSync } from 'node:fs';

interface ProcessUsage {
  readonly parentPid: number;
  readonly cpuTicks: number;
  readonly rssBytes: number;
}

function processTable(): Map<number, ProcessUsage> {
  const pageSize = 4096;
  const table = new Map<number, ProcessUsage>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // the process ended meanwhile
    }
    // Fields after the parenthesised command name: state(3) ppid(4) … utime(14) stime(15) … rss(24, pages).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    table.set(Number(entry), { parentPid: Number(fields[1]), cpuTicks: Number(fields[11]) + Number(fields[12]), rssBytes: Number(fields[21]) * pageSize });
  }
  return table;
}

function treeMembers(rootPid: number): [number, ProcessUsage][] {
  const table = processTable();
  const members: [number, ProcessUsage][] = [];
  for (const [pid, usage] of table) {
    for (let current: number | undefined = pid; current !== undefined && current > 1; current = table.get(current)?.parentPid) {
      if (current === rootPid) {
        members.push([pid, usage]);
        break;
      }
    }
  }
  return members;
}

function treeTotal(rootPid: number, pick: (usage: ProcessUsage) => number): number {
  return treeMembers(rootPid).reduce((sum, [, usage]) => sum + pick(usage), 0);
}

/** Resident memory of the tree by Chromium process type (--type=renderer, gpu-process, …; 'browser' for the rest). */
export function processTreeRssByType(rootPid: number): Record<string, number> {
  const byType: Record<string, number> = {};
  for (const [pid, usage] of treeMembers(rootPid)) {
    let type = 'browser';
    try {
      // Chromium retitles its children, so their command line is one space-separated string.
      const typeArg = /--type=(\S+)/.exec(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
      if (typeArg) type = typeArg[1];
    } catch {
      continue;
    }
    byType[type] = (byType[type] ?? 0) + usage.rssBytes;
  }
  return byType;
}

/** Linux: CPU seconds (user + system) used so far by a process and all its descendants. */
export function processTreeCpuSeconds(rootPid: number): number {
  const ticksPerSecond = 100; // USER_HZ on Linux
  return treeTotal(rootPid, (usage) => usage.cpuTicks) / ticksPerSecond;
}

/** Linux: resident memory of a process and its descendants (shared pages counted in each: for growth, not for totals). */
export function processTreeRssBytes(rootPid: number): number {
  return treeTotal(rootPid, (usage) => usage.rssBytes);
}

/** The pid of the Chromium browser process started with this fake-webcam file (its command line names it). */
export function browserPid(clipPath: string): number | null {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const commandLine = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (commandLine.some((arg) => arg === `--use-file-for-fake-video-capture=${clipPath}`) && !commandLine.some((arg) => arg.startsWith('--type='))) return Number(entry);
    } catch {
      // the process ended meanwhile
    }
  }
  return null;
}
