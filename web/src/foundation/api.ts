// The typed API client of both apps: a renamed or removed field in the Worker breaks this build.
// Every call goes through it, with the user's language and a time limit.
import { hc, type ClientResponse } from 'hono/client';
import type { AppType } from '../../../worker/api.ts';
import { currentLanguage } from './strings.ts';
import { words } from './words.ts';

/** A phone on a weak mobile network gets this long before we offer a retry. */
const TIME_LIMIT_MS = 20_000;

export interface FieldIssue {
  path: string;
  message: string;
}

interface IneligibleReason {
  code: string;
  message: string;
}

interface ErrorBody {
  error?: { code?: string; message?: string; issues?: FieldIssue[]; reasons?: IneligibleReason[] };
}

/** A request that did not succeed: an API error (status ≥ 400), or no answer at all (status 0). */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: FieldIssue[] = [],
    readonly reasons: IneligibleReason[] = [],
    readonly retryAfterSec?: number,
  ) {
    super(message);
  }

  /** True when the server gave an answer: repeating the same request would get the same one. */
  get answered() {
    return this.status >= 400 && this.status < 500;
  }
}

/** fetch with a time limit; a network failure becomes an ApiFailure the page can offer to retry. */
async function fetchWithTimeLimit(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const controller = new AbortController();
  const callerSignal = init?.signal;
  // AbortSignal.any and AbortSignal.timeout are too new for some in-app browsers.
  const follow = () => controller.abort();
  if (callerSignal?.aborted) follow();
  callerSignal?.addEventListener('abort', follow);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, TIME_LIMIT_MS);
  try {
    return await fetch(input, { ...init, signal: controller.signal });
  } catch (error) {
    if (callerSignal?.aborted) throw error; // the page was left: nobody is waiting for this
    const s = words();
    throw timedOut ? new ApiFailure(0, 'timeout', s.timeout) : new ApiFailure(0, 'offline', s.offline);
  } finally {
    clearTimeout(timer);
    callerSignal?.removeEventListener('abort', follow);
  }
}

export const api = hc<AppType>('/api', {
  headers: () => ({ 'Accept-Language': currentLanguage() }),
  fetch: fetchWithTimeLimit,
});

/** Options for one call: abort it when the page is left. */
export const within = (signal: AbortSignal) => ({ init: { signal } });

async function failureOf(response: Pick<Response, 'json' | 'headers' | 'status'>): Promise<ApiFailure> {
  let body: ErrorBody = {};
  try {
    body = (await response.json()) as ErrorBody;
  } catch {
    // a proxy's HTML error page, or nothing
  }
  const retryAfter = Number(response.headers.get('Retry-After'));
  return new ApiFailure(
    response.status,
    body.error?.code ?? 'internal',
    body.error?.message ?? words().failed,
    body.error?.issues ?? [],
    body.error?.reasons ?? [],
    retryAfter > 0 ? retryAfter : undefined,
  );
}

/** What a route answers as JSON (a replayed sign-up is typed as a plain body, with the same JSON). */
type JsonOf<R> = R extends ClientResponse<infer T, number, 'json'> ? T : never;

/** The JSON of a successful answer; anything else throws an ApiFailure. */
export async function read<R extends ClientResponse<unknown, number, string>>(call: Promise<R>): Promise<JsonOf<R>> {
  const response = await call;
  if (!response.ok) throw await failureOf(response);
  return (await response.json()) as JsonOf<R>;
}

/** For answers without a body (204). */
export async function succeed(call: Promise<Response>): Promise<void> {
  const response = await call;
  if (!response.ok) throw await failureOf(response);
}

/** A fresh Idempotency-Key. crypto.randomUUID needs a recent browser on https. */
export function idempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
