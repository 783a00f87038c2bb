// Migrations that rebuild or shrink a table, run over a populated database as a deployment runs
// them: a database migrated up to just before the migration, rows written the way the Worker of
// that time wrote them, then the remaining migrations. No row may be lost, and every foreign key
// must still hold (sign-ups point at teams, whose table a rebuild drops and recreates). The tests
// of this file run in order, on one database, as the migrations do.
import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';

const db = env.MIGRATION_TEST_DB;
const migrations = env.TEST_MIGRATIONS;

/** The migrations before the one named (by its name, not its number, which may change at a merge). */
function migrationsBefore(name: string) {
  const index = migrations.findIndex((migration) => migration.name.endsWith(`_${name}.sql`));
  if (index < 0) throw new Error(`no migration named ${name}`);
  return migrations.slice(0, index);
}

const run = (query: string, ...values: unknown[]) =>
  db
    .prepare(query)
    .bind(...values)
    .run();
const rows = async (query: string) => (await db.prepare(query).all<Record<string, unknown>>()).results;

/** How many rows each table holds (D1's and SQLite's own tables aside). */
async function rowCounts() {
  const tables = await rows(
    `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'
     AND name <> 'd1_migrations' ORDER BY name`,
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    counts[String(name)] = Number((await rows(`SELECT count(*) AS n FROM "${String(name)}"`))[0]!.n);
  }
  return counts;
}

const teams = () =>
  rows(`SELECT id, code, slot_id, contact_person_id, organization, contact_name, contact_phone, seats, join_until,
          status, closed_at, created_at FROM registration_groups ORDER BY id`);
const signUps = () =>
  rows('SELECT id, slot_id, person_id, code, status, name, group_id, arrival FROM registrations ORDER BY id');

describe('migrating a populated database', () => {
  it('keeps every team and the sign-ups in their seats when the teams table is rebuilt', async () => {
    await applyD1Migrations(db, migrationsBefore('organizers_hold_team_seats'));
    const day = Date.UTC(2026, 11, 20, 1);
    await run(`INSERT INTO organizations (id, name) VALUES ('org', '聊城市中心血站')`);
    await run(`INSERT INTO campaigns (id, organization_id, kind, title, starts_on, ends_on, status)
               VALUES ('drive', 'org', 'blood_drive', '献血', '2026-12-01', '2026-12-31', 'published')`);
    await run(
      `INSERT INTO sessions (id, campaign_id, starts_at, ends_at, venue, address) VALUES ('s', 'drive', ?, ?, '站', '路')`,
      day,
      day + 3_600_000,
    );
    await run(`INSERT INTO slots (id, session_id, role, capacity) VALUES ('slot', 's', '献血者', 50)`);
    for (let i = 0; i < 6; i++) await run('INSERT INTO people (id, phone) VALUES (?, ?)', `p${i}`, `1390000000${i}`);
    // An open team with two members in its seats, and a team closed at its joining time with one.
    await run(
      `INSERT INTO registration_groups (id, code, slot_id, contact_person_id, organization, contact_name,
                 contact_phone, seats, join_until, status)
               VALUES ('open-team', 'OPENTEAM', 'slot', 'p0', '某公司', '王经理', '13900000000', 5, ?, 'open'),
                      ('closed-team', 'CLOSEDTM', 'slot', 'p1', '某学校', '李老师', '13900000001', 3, ?, 'closed')`,
      day - 86_400_000,
      day - 86_400_000,
    );
    const signUp = (id: string, person: string, status: string, group: string | null, arrival: number) =>
      run(
        `INSERT INTO registrations (id, slot_id, person_id, code, status, name, group_id, arrival)
         VALUES (?, 'slot', ?, ?, ?, '某人', ?, ?)`,
        id,
        person,
        `CODE000${arrival}`,
        status,
        group,
        arrival,
      );
    await signUp('r1', 'p2', 'confirmed', 'open-team', 1);
    await signUp('r2', 'p3', 'checked_in', 'open-team', 2);
    await signUp('r3', 'p4', 'confirmed', 'closed-team', 3);
    await signUp('r4', 'p5', 'confirmed', null, 4);
    const counts = await rowCounts();
    const teamsBefore = await teams();
    const signUpsBefore = await signUps();

    await applyD1Migrations(db, migrationsBefore('plain_birth_dates_encrypted_first'));

    expect(await rowCounts()).toEqual(counts);
    expect(await teams()).toEqual(teamsBefore);
    expect(await signUps()).toEqual(signUpsBefore);
    expect(await rows('PRAGMA foreign_key_check')).toEqual([]);
    // The rebuilt table is the one the sign-ups' foreign key names, with its indexes back.
    const indexes = await rows(
      `SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'registration_groups' AND sql IS NOT NULL
       ORDER BY name`,
    );
    expect(indexes.map((index) => index.name)).toContain('registration_groups_one_open_per_contact');
    // A team organizers hold has no contact.
    await run(
      `INSERT INTO registration_groups (id, code, slot_id, organization, seats, join_until, status)
       VALUES ('organizers-team', 'ORGTEAM1', 'slot', '某工厂', 10, ?, 'open')`,
      day,
    );
  });

  it('drops the retired plain columns only once no plain birth date is left, losing nothing else', async () => {
    // A birth date still in plain text (the housekeeping of the release before encrypts them).
    await run(`UPDATE people SET birth_date = '1990-03-07', birth_year = 1990 WHERE id = 'p2'`);
    const counts = await rowCounts();
    await expect(applyD1Migrations(db, migrations)).rejects.toThrow(/CHECK constraint failed/);
    expect((await rows(`SELECT birth_date FROM people WHERE id = 'p2'`))[0]).toEqual({ birth_date: '1990-03-07' });
    expect(await rowCounts()).toEqual(counts);

    await run(`UPDATE people SET birth_date = NULL, birth_date_encrypted = 'v1.sealed.date' WHERE id = 'p2'`);
    const signUpsBefore = await signUps();
    const teamsBefore = await teams();
    await applyD1Migrations(db, migrationsBefore('logins_not_sessions'));

    expect(await rowCounts()).toEqual(counts);
    expect(await signUps()).toEqual(signUpsBefore);
    expect(await teams()).toEqual(teamsBefore);
    const columns = async (table: string) => (await rows(`PRAGMA table_info(${table})`)).map((column) => column.name);
    expect(await columns('people')).not.toContain('birth_date');
    expect(await columns('people')).toEqual(expect.arrayContaining(['birth_date_encrypted', 'birth_year']));
    expect(await columns('registrations')).not.toContain('id_number_masked');
    expect(await rows(`SELECT birth_date_encrypted, birth_year FROM people WHERE id = 'p2'`)).toEqual([
      { birth_date_encrypted: 'v1.sealed.date', birth_year: 1990 },
    ]);
    expect(await rows('PRAGMA foreign_key_check')).toEqual([]);
  });

  it('keeps everyone signed in when auth_sessions becomes logins, with its index and CHECK names', async () => {
    const expiresAt = Date.UTC(2099, 0, 1);
    await run(
      `INSERT INTO auth_sessions (token_hash, person_id, expires_at) VALUES ('hash-of-p2', 'p2', ?)`,
      expiresAt,
    );
    await run(
      `INSERT INTO auth_sessions (token_hash, person_id, expires_at) VALUES ('hash-of-p3', 'p3', ?)`,
      expiresAt,
    );
    const loginsBefore = await rows('SELECT * FROM auth_sessions ORDER BY token_hash');
    const counts = await rowCounts();

    await applyD1Migrations(db, migrationsBefore('reminders_per_session'));

    expect(await rows('SELECT * FROM logins ORDER BY token_hash')).toEqual(loginsBefore);
    const { logins, ...others } = await rowCounts();
    const { auth_sessions: signedIn, ...othersBefore } = counts;
    expect(logins).toBe(signedIn);
    expect(others).toEqual(othersBefore);
    const indexes = await rows(
      `SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'logins' AND sql IS NOT NULL ORDER BY name`,
    );
    expect(indexes.map((index) => index.name)).toEqual(['logins_by_person', 'logins_by_staff']);
    await expect(run(`INSERT INTO logins (token_hash, expires_at) VALUES ('nobody', ?)`, expiresAt)).rejects.toThrow(
      /logins_one_subject/,
    );
    expect(await rows('PRAGMA foreign_key_check')).toEqual([]);
  });

  it('gives the reminders already queued their key per registration and session, and no other notification', async () => {
    const [registration] = await rows(
      'SELECT r.id, r.person_id, s.session_id FROM registrations r JOIN slots s ON s.id = r.slot_id ORDER BY r.id LIMIT 1',
    );
    await run(
      `INSERT INTO notifications (id, person_id, kind, registration_id, dedupe_key) VALUES ('n-reminder', ?, 'reminder', ?, ?)`,
      registration!.person_id,
      registration!.id,
      `reminder:${registration!.id}`,
    );
    const others = () => rows(`SELECT id, dedupe_key FROM notifications WHERE kind <> 'reminder' ORDER BY id`);
    const othersBefore = await others();
    expect(othersBefore.length).toBeGreaterThan(0);

    await applyD1Migrations(db, migrations);

    expect(await rows(`SELECT dedupe_key FROM notifications WHERE id = 'n-reminder'`)).toEqual([
      { dedupe_key: `reminder:${registration!.id}:${registration!.session_id}` },
    ]);
    expect(await others()).toEqual(othersBefore);
  });
});
