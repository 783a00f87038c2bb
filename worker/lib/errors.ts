import type { Context } from 'hono';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import type { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../env.ts';
import { isMessageKey, t, type MessageKey } from './messages.ts';

export interface FieldIssue {
  path: string;
  message: MessageKey;
  params?: Record<string, string | number>;
}

/** Why someone may not sign up (422 `ineligible`). */
export interface IneligibleReason {
  code: string;
  message: MessageKey;
  params?: Record<string, string | number>;
}

/** An error a person can act on: status, contract code, and a translated message. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    readonly options: {
      message?: MessageKey;
      /** Values the message shows, e.g. the campaign a pass belongs to. Never personal data. */
      params?: Record<string, string | number>;
      issues?: FieldIssue[];
      reasons?: IneligibleReason[];
      retryAfterSec?: number;
    } = {},
  ) {
    super(code);
  }
}

export const notFound = () => new ApiError(404, 'not_found');

/** The contract's code for each status Hono's own middleware and helpers answer with. */
const codeOfStatus: Partial<Record<number, string>> = {
  400: 'invalid_json', // what Hono's validators throw for a body they cannot parse
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  413: 'payload_too_large',
  429: 'rate_limited',
  503: 'unavailable',
};

/**
 * An HTTPException (thrown by Hono's middleware: a malformed JSON body, a body over its limit)
 * as the contract's error, keeping its status; a status without a code of its own says
 * `bad_request`, or `internal` from 500 up.
 */
export function fromHttpException(error: HTTPException): ApiError {
  return new ApiError(error.status, codeOfStatus[error.status] ?? (error.status >= 500 ? 'internal' : 'bad_request'));
}

// D1's own words when it is down, overloaded or restarting (drizzle wraps them as `cause`).
const D1_UNAVAILABLE = new RegExp(
  [
    'D1 DB is overloaded',
    'Network connection lost',
    'storage operation exceeded',
    'object to be reset',
    'code was updated',
    'transient issue',
    'timed out',
  ].join('|'),
  'i',
);

/**
 * What to log of an unexpected error: the names along its cause chain and the innermost
 * message. Outer messages are left out because drizzle's wrapper quotes the failed query's
 * bound values (phones, names), which must never reach a log.
 */
export function describeForLog(error: Error): { names: string[]; message: string } {
  const names: string[] = [];
  let innermost = error;
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    names.push(e.name);
    innermost = e;
  }
  // drizzle's wrapper names itself by its class only: its `name` is Error's.
  return { names, message: innermost === error && error instanceof DrizzleQueryError ? '' : innermost.message };
}

/** True when the database, not the request, failed: the client should try again shortly. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if (D1_UNAVAILABLE.test(e.message)) return true;
  }
  return false;
}

/** Renders any error in the contract's shape: `{ error: { code, message, issues? } }`. */
export function errorResponse(c: Context<AppEnv>, error: ApiError) {
  const language = c.get('language') ?? 'zh-CN';
  const { message, params, issues, reasons, retryAfterSec } = error.options;
  const key = message ?? (isMessageKey(error.code) ? error.code : 'internal');
  if (retryAfterSec !== undefined) c.header('Retry-After', String(Math.max(1, Math.ceil(retryAfterSec))));
  return c.json(
    {
      error: {
        code: error.code,
        message: t(language, key, params),
        ...(issues && { issues: issues.map((i) => ({ path: i.path, message: t(language, i.message, i.params) })) }),
        ...(reasons && { reasons: reasons.map((r) => ({ code: r.code, message: t(language, r.message, r.params) })) }),
      },
    },
    error.status,
  );
}
