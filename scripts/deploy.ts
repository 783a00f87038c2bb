// `npm run deploy -- staging|production`: build the web app, apply the migrations to that
// environment's remote D1, then deploy the Worker. Migrations go first so the new code never
// meets an old schema; for the minute in between, the running code meets the new one, so a
// release adds tables and columns and leaves drops for a later release.
// Without an argument it deploys to staging; production must be named.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const WRANGLER = 'node_modules/wrangler/bin/wrangler.js';
const ENVIRONMENTS = ['staging', 'production'];

const target = process.argv[2] ?? 'staging';
if (!ENVIRONMENTS.includes(target) || process.argv.length > 3) {
  console.error('usage: npm run deploy -- [staging|production]   (staging when none is given)');
  process.exit(2);
}

// wrangler.toml's placeholder ids would fail later with a less helpful message.
const config = readFileSync('wrangler.toml', 'utf8');
const section = config.slice(config.indexOf(`[[env.${target}.d1_databases]]`));
if (/database_id = "REPLACE-WITH-/.test(section.slice(0, section.indexOf('\n[', 1)))) {
  console.error(`wrangler.toml: set env.${target}'s database_id first (npx wrangler d1 create lifeline-${target}).`);
  process.exit(2);
}

function step(title: string, command: string, args: string[]) {
  console.log(`\n▶ ${title}`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`✗ ${title} failed; nothing after it ran.`);
    process.exit(result.status ?? 1);
  }
}

console.log(`Deploying Lifeline to ${target} (Worker lifeline-${target}, D1 lifeline-${target}).`);
step('Build the web app', process.execPath, ['node_modules/vite/bin/vite.js', 'build']);
// wrangler lists the migrations it will apply and asks before it does (in CI it just applies).
step(`Apply migrations to the ${target} database`, process.execPath, [
  WRANGLER,
  'd1',
  'migrations',
  'apply',
  'DB',
  '--remote',
  '--env',
  target,
]);
step(`Deploy the Worker to ${target}`, process.execPath, [WRANGLER, 'deploy', '--env', target]);
console.log(`\n✓ ${target} deployed.`);
