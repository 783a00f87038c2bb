// Request validation with valibot: every bad field is named in a 400 `validation_failed`.
import { createMiddleware } from 'hono/factory';
import { validator } from 'hono/validator';
import * as v from 'valibot';
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

function parse<S extends Schema>(schema: S, value: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, value, { abortPipeEarly: true });
  if (!result.success) throw new ApiError(400, 'validation_failed', { issues: toFieldIssues(result.issues) });
  return result.output;
}

const jsonMediaType = /^application\/([\w.-]+\+)?json$/i;

/** Refuses a body that is not JSON with 400 `invalid_json`, before the schema runs. */
const requireJsonBody = createMiddleware<AppEnv>(async (c, next) => {
  const mediaType = (c.req.header('content-type') ?? '').split(';')[0]!.trim();
  if (!jsonMediaType.test(mediaType)) throw new ApiError(400, 'invalid_json');
  try {
    await c.req.json(); // cached: the validator below reads the same parse
  } catch {
    throw new ApiError(400, 'invalid_json');
  }
  await next();
});

export const json = <S extends Schema>(schema: S) => {
  const validate = validator('json', (value: unknown) => {
    // Every JSON body of the API is an object, and valibot's object schemas would take an array too.
    if (Array.isArray(value))
      throw new ApiError(400, 'validation_failed', { issues: [{ path: 'body', message: 'field_type' }] });
    return parse(schema, value) as v.InferOutput<S>;
  });
  return [requireJsonBody, validate] as const;
};

export const query = <S extends Schema>(schema: S) =>
  validator('query', (value: unknown) => parse(schema, value) as v.InferOutput<S>);

export const param = <S extends Schema>(schema: S) =>
  validator('param', (value: unknown) => parse(schema, value) as v.InferOutput<S>);
