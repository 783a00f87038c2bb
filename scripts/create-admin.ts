// Creates a platform admin in the deployed (remote) D1 database:
//   ADMIN_PASSWORD='a long passphrase' npm run create-admin -- you@example.org
// Arguments after the email go to `wrangler d1 execute` instead of --remote: `--local` (and
// `--persist-to DIR`) set up a local database from zero, as the browser tests do. DATABASE names
// another city's D1 binding (wrangler.toml's CITIES), e.g. DATABASE=DB_JINAN; the default is DB.
import { spawnSync } from 'node:child_process';
import { hashPassword } from '../worker/lib/password.ts';

const email = process.argv[2]?.trim().toLowerCase();
const password = process.env.ADMIN_PASSWORD ?? '';
if (!email || !/^[^@\s]+@[^@\s]+$/.test(email) || password.length < 10) {
  console.error("usage: ADMIN_PASSWORD='at least 10 characters' npm run create-admin -- you@example.org");
  process.exit(2);
}

const hash = await hashPassword(password);
const sql = `INSERT INTO staff (id, email, password_hash, role)
  VALUES ('${crypto.randomUUID()}', '${email.replace(/'/g, "''")}', '${hash}', 'admin')`;
const where = process.argv.length > 3 ? process.argv.slice(3) : ['--remote'];
const database = process.env.DATABASE ?? 'DB';
const result = spawnSync('wrangler', ['d1', 'execute', database, ...where, '--command', sql], { stdio: 'inherit' });
process.exit(result.status ?? 1);
