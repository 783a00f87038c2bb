// What the benchmarks share: wrangler run to its end, `wrangler dev` started and waited for, and
// the rows of the Markdown tables they print.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const WRANGLER = 'node_modules/wrangler/bin/wrangler.js';

/** Runs a wrangler command and returns what it printed; throws with its output when it fails. */
export function wrangler(args: string[]): string {
  const result = spawnSync(process.execPath, [WRANGLER, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`wrangler ${args.join(' ')}:\n${result.stdout}${result.stderr}`);
  return result.stdout;
}

/**
 * Starts `wrangler dev` with these arguments on 127.0.0.1:`port`, in a process group of its own
 * (stop it with `process.kill(-server.pid, 'SIGTERM')`), once `path` answers.
 */
export async function startWranglerDev(args: string[], port: number, path = '/api/health'): Promise<ChildProcess> {
  const server = spawn(
    process.execPath,
    [WRANGLER, 'dev', ...args, '--ip', '127.0.0.1', '--port', String(port), '--show-interactive-dev-session=false'],
    {
      stdio: 'ignore',
      detached: true,
      env: {
        ...process.env,
        // A dev registry of its own: in the shared one, a queue without a local consumer forwards
        // each message to any other `wrangler dev` on the machine that consumes a queue of its name.
        WRANGLER_REGISTRY_PATH: mkdtempSync(join(tmpdir(), 'wrangler-registry-')),
        // No local trace capture (on by default since wrangler 4.118): it records every invocation's
        // spans, binding calls included, into a local store on the Worker's own thread, a tracer
        // no deployment runs there. A bench measures the Worker, not the tracer.
        X_LOCAL_OBSERVABILITY: 'false',
      },
    },
  );
  for (let i = 0; i < 200; i++) {
    try {
      await fetch(`http://127.0.0.1:${port}${path}`);
      return server;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  process.kill(-server.pid!, 'SIGTERM');
  throw new Error(`wrangler dev ${args.join(' ')} did not start`);
}

/**
 * The CPU time, in ms, used so far by the busiest workerd process of a `wrangler dev` group: the
 * one that runs the Worker and local D1, almost all of it on one thread, so the CPU it spends per
 * request bounds the requests per second. (Another workerd proxies requests to it; node runs
 * wrangler.) Read from Linux's /proc, it hardly moves when other work shares the machine, unlike
 * requests per second, so it compares two Workers on a busy machine too.
 */
export function runtimeCpuMs(server: ChildProcess): number {
  let busiest = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // ended meanwhile
    }
    const command = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    // Fields after the command's closing parenthesis: pgrp is the 3rd, utime the 12th, stime the 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (command !== 'workerd' || Number(fields[2]) !== server.pid) continue;
    busiest = Math.max(busiest, (Number(fields[11]) + Number(fields[12])) * 10); // USER_HZ is 100 on Linux
  }
  return busiest;
}

/** One row of a Markdown table: `| a | b |`. */
export const tableRow = (cells: unknown[]): string => `| ${cells.join(' | ')} |`;
