// Times as the organizer pages show them: China time, as the API writes it.

/** "2026-06-14T09:00:00+08:00" → "2026-06-14 09:00". */
export const shortTime = (iso: string) => iso.slice(0, 16).replace('T', ' ');
