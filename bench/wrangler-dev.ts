// What the benchmarks share: wrangler run to its end, and `wrangler dev` started and waited for.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';

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
