// Check-ins the desk could not send (no signal on a blood bus in a village), kept on this device
// until they are sent. Only what the request needs is kept: the booking code and the desk's scope
// (campaign and session ids), never a name or a phone. An entry leaves the device as soon as the
// server has answered it, and one kept longer than a day is dropped unsent.
import { ApiFailure, idempotencyKey } from '../foundation/api.ts';

const STORAGE_KEY = 'lifeline.desk.pending';
/** A pass is for one day: a scan still unsent after this long is of no use, and personal data. */
export const KEEP_MS = 24 * 3_600_000;

export interface PendingScan {
  /** One id per scan: the same code scanned twice offline is two scans, each answered once. */
  id: string;
  code: string;
  campaignId: string;
  sessionId?: string;
  keptAt: number;
  /** A send went out and no answer came back: the server may have checked it in already. */
  sentUnanswered?: boolean;
}

/** The server's answer to a kept scan: what it is for the desk to show. */
export type ScanAnswer<T> = { scan: PendingScan } & (
  | { kind: 'checked_in'; registration: T }
  /** "Already checked in" after this device's own unanswered send: that send got through. */
  | { kind: 'ours' }
  | { kind: 'refused'; failure: ApiFailure }
);

function readAll(): PendingScan[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]');
    return Array.isArray(parsed) ? (parsed as PendingScan[]) : [];
  } catch {
    return [];
  }
}

function writeAll(scans: PendingScan[]) {
  try {
    if (scans.length) localStorage.setItem(STORAGE_KEY, JSON.stringify(scans));
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    // storage blocked or full: the scan cannot be kept, and keepScan's caller says so
    throw new Error('storage unavailable');
  }
}

/** Drops scans kept longer than a day; how many were dropped. */
export function dropExpired(now = Date.now()): number {
  const all = readAll();
  const fresh = all.filter((scan) => now - scan.keptAt < KEEP_MS);
  if (fresh.length !== all.length) writeAll(fresh);
  return all.length - fresh.length;
}

/** The campaign desk's scans still waiting to be sent, oldest first. */
export const pendingScans = (campaignId: string) => readAll().filter((scan) => scan.campaignId === campaignId);

/** Keeps a scan for later; throws when the device cannot store it. */
export function keepScan(scan: Omit<PendingScan, 'id' | 'keptAt'>, now = Date.now()): PendingScan {
  const kept: PendingScan = { ...scan, id: idempotencyKey(), keptAt: now };
  writeAll([...readAll(), kept]);
  return kept;
}

function update(id: string, change: (scan: PendingScan) => PendingScan | null) {
  writeAll(readAll().flatMap((scan) => (scan.id === id ? [change(scan)].filter((s) => s !== null) : [scan])));
}

/** One sender at a time, across the tabs of this device too, so no scan goes out twice at once. */
function exclusively<T>(task: () => Promise<T>): Promise<T> {
  const locks = (navigator as Navigator & { locks?: LockManager }).locks;
  if (locks) return locks.request(STORAGE_KEY, task);
  const run = queue.then(task, task);
  queue = run.catch(() => undefined);
  return run;
}
let queue: Promise<unknown> = Promise.resolve();

/**
 * Sends the campaign desk's kept scans, oldest first, each until it is answered: an answer (a
 * check-in or a refusal) is final and removes the scan; no answer (still offline, a server error)
 * keeps it and stops, to try again when the network returns. Each answer is reported once.
 */
export function sendPending<T>(
  campaignId: string,
  send: (scan: PendingScan) => Promise<T>,
  report: (answer: ScanAnswer<T>) => void,
): Promise<void> {
  return exclusively(async () => {
    dropExpired();
    // Read inside the lock: another tab may have sent some meanwhile.
    for (const scan of pendingScans(campaignId)) {
      update(scan.id, (kept) => ({ ...kept, sentUnanswered: true }));
      let answer: ScanAnswer<T>;
      try {
        answer = { scan, kind: 'checked_in', registration: await send(scan) };
      } catch (error) {
        if (!(error instanceof ApiFailure) || !error.answered) return; // kept, marked as sent once
        answer =
          error.code === 'already_checked_in' && scan.sentUnanswered
            ? { scan, kind: 'ours' }
            : { scan, kind: 'refused', failure: error };
      }
      update(scan.id, () => null);
      report(answer);
    }
  });
}
