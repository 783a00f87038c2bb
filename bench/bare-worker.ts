// The baseline for `npm run bench`: the least a sign-up can do — read the login, then one
// capacity-checked insert — with none of Lifeline's middleware, validation or rules.
interface Env {
  DB: D1Database;
}

async function sha256(text: string) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  let binary = '';
  for (const byte of digest) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export default {
  async fetch(request: Request, env: Env) {
    const slotId = new URL(request.url).pathname.split('/')[3]!;
    const token = /lifeline_session=([^;]+)/.exec(request.headers.get('cookie') ?? '')?.[1];
    const login = token
      ? await env.DB.prepare('SELECT person_id FROM logins WHERE token_hash = ? AND expires_at > ?')
          .bind(await sha256(token), Date.now())
          .first<{ person_id: string }>()
      : null;
    if (!login) return Response.json({ error: 'unauthenticated' }, { status: 401 });
    const id = crypto.randomUUID();
    const row = await env.DB.prepare(
      `INSERT INTO registrations (id, slot_id, person_id, code, status, arrival)
       SELECT ?, s.id, ?, ?, 'confirmed', (SELECT coalesce(max(arrival), 0) + 1 FROM registrations WHERE slot_id = s.id)
       FROM slots s
       WHERE s.id = ?
         AND (SELECT count(*) FROM registrations WHERE slot_id = s.id AND status IN ('confirmed', 'checked_in'))
           < s.capacity
       RETURNING status`,
    )
      .bind(id, login.person_id, id.slice(0, 8).toUpperCase(), slotId)
      .first<{ status: string }>();
    return row
      ? Response.json({ registration: { id, status: row.status } }, { status: 201 })
      : Response.json({ error: 'slot_full' }, { status: 409 });
  },
};
