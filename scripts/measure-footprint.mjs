#!/usr/bin/env node
// The memory a running `npm start` holds: every process in its tree (npm, node, the embedded
// PostgreSQL and its backends, the private Redis).
//
//   node scripts/measure-footprint.mjs [pid] [--json]
//
// Without a pid it finds the `npm start` (or, without npm, the node running the start entrypoint)
// itself. Per process it shows RSS and PSS. Their sums mislead in opposite directions: RSS counts a
// shared page once per process that maps it (PostgreSQL's backends all map the same shared buffers
// and binary, npm and node the same node binary), and PSS splits a shared page with every process
// on the machine that maps it, so the tree's share shrinks when unrelated Node processes run. The
// footprint is therefore the tree's distinct resident pages: every physical page that any process
// of the tree maps, counted once (read from /proc/<pid>/pagemap, which gives page frame numbers to
// root only; as another user the footprint falls back to the PSS sum, and says so).
// Linux only.
import { closeSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';

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
const distinctPages = countDistinctPages(tree.map((proc) => proc.pid));
const total = {
  rssMb: round(tree.reduce((sum, proc) => sum + proc.rssKb, 0) / 1024),
  pssMb: round(tree.reduce((sum, proc) => sum + proc.pssKb, 0) / 1024),
  /** Each resident page of the tree counted once; null without the right to read page frames. */
  distinctMb: distinctPages === null ? null : round((distinctPages * 4096) / 1048576),
};
const footprintMb = total.distinctMb ?? total.pssMb;
const footprintBasis =
  total.distinctMb === null ? 'PSS sum (run as root for distinct pages)' : 'distinct pages';

if (json) {
  const rows = tree.map(({ pid, name, rssKb, pssKb }) => ({
    pid,
    name,
    rssMb: round(rssKb / 1024),
    pssMb: round(pssKb / 1024),
  }));
  console.log(JSON.stringify({ root, processes: rows, total, footprintMb, footprintBasis }, null, 2));
} else {
  console.log(`${'pid'.padStart(8)} ${'RSS MB'.padStart(8)} ${'PSS MB'.padStart(8)}  process`);
  for (const proc of tree) {
    const rss = (proc.rssKb / 1024).toFixed(1).padStart(8);
    const pss = (proc.pssKb / 1024).toFixed(1).padStart(8);
    console.log(`${String(proc.pid).padStart(8)} ${rss} ${pss}  ${proc.name}`);
  }
  console.log(
    `${'sum'.padStart(8)} ${total.rssMb.toFixed(1).padStart(8)} ${total.pssMb.toFixed(1).padStart(8)}  ${tree.length} processes`,
  );
  console.log(`footprint: ${footprintMb.toFixed(1)} MB (${footprintBasis})`);
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

/**
 * How many distinct physical pages the processes map, or null when the page frame numbers read as
 * zero (not root). Only the mapped ranges are read; absent pages have the "present" bit clear.
 */
function countDistinctPages(pids) {
  const frames = new Set();
  let sawFrame = false;
  const chunkPages = 1 << 16;
  const buffer = Buffer.alloc(chunkPages * 8);
  for (const pid of pids) {
    let fd;
    try {
      fd = openSync(`/proc/${pid}/pagemap`, 'r');
      for (const line of readFileSync(`/proc/${pid}/maps`, 'utf8').split('\n')) {
        const range = /^([0-9a-f]+)-([0-9a-f]+) /.exec(line);
        if (!range || line.endsWith('[vsyscall]')) continue;
        const first = Number.parseInt(range[1], 16) / 4096;
        const end = Number.parseInt(range[2], 16) / 4096;
        for (let page = first; page < end; page += chunkPages) {
          const count = Math.min(chunkPages, end - page);
          const read = readSync(fd, buffer, 0, count * 8, page * 8);
          for (let offset = 0; offset + 8 <= read; offset += 8) {
            const high = buffer.readUInt32LE(offset + 4);
            if ((high & 0x80000000) === 0) continue;
            const frame = (high & 0x7fffff) * 2 ** 32 + buffer.readUInt32LE(offset);
            if (frame !== 0) sawFrame = true;
            frames.add(frame);
          }
        }
      }
    } catch {
      // The process ended while it was read: what was read of it still counts.
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }
  return sawFrame ? frames.size : null;
}

function round(mb) {
  return Math.round(mb * 10) / 10;
}
