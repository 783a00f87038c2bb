// The quiz runs on the server's clock: the deadline is the server's, and a phone's clock may be
// minutes off. How far off is measured on the answer that handed out the attempt.

/**
 * Milliseconds to add to this phone's clock to read the server's. A start the server has just
 * made (201) carries its own start time to the millisecond; a resumed one (200) started earlier,
 * so the answer's Date header (whole seconds) is used, where the platform adds one (Cloudflare
 * does, `wrangler dev` does not): undefined without it. Either was taken somewhere between
 * sending and receiving: the middle of the trip is the best guess.
 */
export function serverClockOffset(options: {
  sentAt: number;
  receivedAt: number;
  fresh: boolean;
  startedAt: string;
  dateHeader: string | null;
}): number | undefined {
  const middle = (options.sentAt + options.receivedAt) / 2;
  if (options.fresh) return Date.parse(options.startedAt) - middle;
  const date = options.dateHeader ? Date.parse(options.dateHeader) : NaN;
  return Number.isNaN(date) ? undefined : date + 500 - middle;
}

/** Whole seconds left, as the countdown shows them: "1:05". */
export function formatCountdown(msLeft: number): string {
  const seconds = Math.max(0, Math.ceil(msLeft / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
