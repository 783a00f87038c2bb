// The city this deployment serves (GET /api/config): its name and the districts people choose from.
import type { InferResponseType } from 'hono/client';
import { api, read } from './foundation/api.ts';

type City = InferResponseType<typeof api.config.$get, 200>;

let city: Promise<City> | undefined;

/** Asked once per visit; a failed answer is asked again next time. */
export function cityConfig(): Promise<City> {
  city ??= read(api.config.$get()).catch((error: unknown) => {
    city = undefined;
    throw error;
  });
  return city;
}
