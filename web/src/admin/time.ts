// Times as the organizer pages show them: China time, as the API writes it.

/** "2026-06-14T09:00:00+08:00" → "2026-06-14 09:00". */
export const shortTime = (iso: string) => iso.slice(0, 16).replace('T', ' ');

/** A moment on this device's clock as China time of day: "08:42". */
export const chinaClock = (at: number) => new Date(at + 8 * 3_600_000).toISOString().slice(11, 16);
