// The typed API client: a renamed or removed field in the Worker breaks this build.
import { hc } from 'hono/client';
import type { AppType } from '../../worker/api.ts';
import { currentLanguage } from './i18n.ts';

export const api = hc<AppType>('/api', {
  headers: () => ({ 'Accept-Language': currentLanguage() }),
});

export interface ApiErrorBody {
  error: { code: string; message: string; issues?: { path: string; message: string }[] };
}

/** The API's own message when it sent one, else a generic one. */
export async function errorMessage(response: Response, fallback: string): Promise<string> {
  try {
    const body = (await response.json()) as Partial<ApiErrorBody>;
    return body.error?.message ?? fallback;
  } catch {
    return fallback;
  }
}
