#!/usr/bin/env node
// The memory a running `npm start` holds: every process in its tree (npm, node, the embedded
// PostgreSQL and its backends, the private Redis), each with its RSS and its PSS.
//
//   node scripts/measure-footprint.mjs [pid] [--json]
//
// Without a pid it finds the `npm start` (or, without npm, the node running the start entrypoint)
// itself. The total is the sum of PSS, not RSS: PostgreSQL's backends all map the same shared
// buffers and binaries, and RSS would count those pages once per backend; PSS splits each shared
// page between the processes that map it, so the sum is what the tree really costs the machine.
// Linux only (reads /proc); needs the right to read the processes' smaps (root, or the same user).
import { readdirSync, readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const json = args.includes('--json');
const given = args.find((arg) => /^\d+$/.test(arg));

const processes = listProcesses();
const root = given ? Number(given) : findStart(processes);
if (root === undefined) {
  console.error('No running `npm start` found; pass its pid.');
  process.exit(1);
}
const tree = [root, ...descendants(root, processes)]
  .map((pid) => processes.get(pid))
  .filter((proc) => proc !== undefined)
  .map((proc) => ({ ...proc, ...memory(proc.pid) }));
const total = {
  rssMb: round(tree.reduce((sum, proc) => sum + proc.rssKb, 0) / 1024),
  pssMb: round(tree.reduce((sum, proc) => sum + proc.pssKb, 0) / 1024),
};

if (json) {
  const rows = tree.map(({ pid, name, rssKb, pssKb }) => ({
    pid,
    name,
    rssMb: round(rssKb / 1024),
    pssMb: round(pssKb / 1024),
  }));
  console.log(JSON.stringify({ root, processes: rows, total }, null, 2));
} else {
  console.log(`${'pid'.padStart(8)} ${'RSS MB'.padStart(8)} ${'PSS MB'.padStart(8)}  process`);
  for (const proc of tree) {
    const rss = (proc.rssKb / 1024).toFixed(1).padStart(8);
    const pss = (proc.pssKb / 1024).toFixed(1).padStart(8);
    console.log(`${String(proc.pid).padStart(8)} ${rss} ${pss}  ${proc.name}`);
  }
  console.log(
    `${'total'.padStart(8)} ${total.rssMb.toFixed(1).padStart(8)} ${total.pssMb.toFixed(1).padStart(8)}  ${tree.length} processes (the footprint is the PSS total)`,
  );
}

/** Every process on the machine: pid, parent and a short name (its command line, cut). */
function listProcesses() {
  const all = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name in `stat` is in parentheses and may hold spaces: the parent pid follows the last ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean);
      const name =
        cmdline.length > 0 ? cmdline.join(' ') : stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      all.set(Number(entry), {
        pid: Number(entry),
        ppid,
        name: name.length > 90 ? `${name.slice(0, 87)}...` : name,
      });
    } catch {
      // The process ended while the list was read.
    }
  }
  return all;
}

/** The outermost process running Tandem's start entrypoint: `npm start` when npm started it. */
function findStart(all) {
  const starts = [...all.values()].filter((proc) => /entrypoints\/start\.(ts|js)\b/.test(proc.name));
  for (const proc of starts) {
    const parent = all.get(proc.ppid);
    if (parent && /^npm start\b|npm-cli\.js start\b/.test(parent.name)) return parent.pid;
  }
  return starts[0]?.pid;
}

function descendants(pid, all) {
  const children = [...all.values()].filter((proc) => proc.ppid === pid).map((proc) => proc.pid);
  return children.flatMap((child) => [child, ...descendants(child, all)]);
}

/** RSS and PSS in kB from smaps_rollup (kernel 4.14 and later). */
function memory(pid) {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const field = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(rollup)?.[1] ?? 0);
    return { rssKb: field('Rss'), pssKb: field('Pss') };
  } catch {
    return { rssKb: 0, pssKb: 0 };
  }
}

function round(mb) {
  return Math.round(mb * 10) / 10;
}
