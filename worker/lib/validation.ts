// Request validation with valibot through Hono's own validator middleware, so `hc<AppType>` is typed
// by what a client sends: every bad field is named in a 400 `validation_failed`.
import { createMiddleware } from 'hono/factory';
import { vValidator } from '@hono/valibot-validator';
import type * as v from 'valibot';
import type { AppEnv } from '../env.ts';
import { ApiError, type FieldIssue } from './errors.ts';
import { isMessageKey, type MessageKey } from './messages.ts';

type Schema = v.GenericSchema;

function messageFor(issue: v.BaseIssue<unknown>): MessageKey {
  if (isMessageKey(issue.message)) return issue.message;
  if (issue.kind === 'schema' && issue.received === 'undefined') return 'field_required';
  switch (issue.type) {
    case 'picklist':
    case 'enum':
    case 'literal':
    case 'union':
    case 'variant':
      return 'field_choice';
    case 'min_length':
    case 'non_empty':
    case 'min_value':
      return 'field_too_short';
    case 'max_length':
    case 'max_value':
    case 'max_bytes':
      return 'field_too_long';
  }
  return issue.kind === 'schema' ? 'field_type' : 'field_invalid';
}

export function toFieldIssues(issues: readonly v.BaseIssue<unknown>[]): FieldIssue[] {
  return issues.map((issue) => ({
    path: issue.path?.map((item) => String(item.key)).join('.') || 'body',
    message: messageFor(issue),
  }));
}

/** One message per field, the first the schema found: what a person fixes first. */
function firstPerField(issues: FieldIssue[]): FieldIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => !seen.has(issue.path) && seen.add(issue.path));
}

/** Hono's valibot validator, answering a bad request in the contract's shape and language. */
const validate = <S extends Schema, T extends 'json' | 'query' | 'param'>(target: T, schema: S) =>
  vValidator(target, schema, (result) => {
    if (!result.success) {
      throw new ApiError(400, 'validation_failed', { issues: firstPerField(toFieldIssues(result.issues)) });
    }
  });

const jsonMediaType = /^application\/([\w.-]+\+)?json$/i;

/**
 * Refuses a body that is not JSON with 400 `invalid_json` before the schema runs, and an array
 * (every JSON body of the API is an object, and valibot's object schemas would take one too).
 */
const requireJsonObject = createMiddleware<AppEnv>(async (c, next) => {
  const mediaType = (c.req.header('content-type') ?? '').split(';')[0]!.trim();
  if (!jsonMediaType.test(mediaType)) throw new ApiError(400, 'invalid_json');
  let body: unknown;
  try {
    body = await c.req.json(); // cached: the validator reads the same parse
  } catch {
    throw new ApiError(400, 'invalid_json');
  }
  if (Array.isArray(body)) {
    throw new ApiError(400, 'validation_failed', { issues: [{ path: 'body', message: 'field_type' }] });
  }
  await next();
});

export const json = <S extends Schema>(schema: S) => [requireJsonObject, validate('json', schema)] as const;

export const query = <S extends Schema>(schema: S) => validate('query', schema);

export const param = <S extends Schema>(schema: S) => validate('param', schema);
