import { bodyLimit } from 'hono/body-limit';
import { ApiError } from './errors.ts';

/** Refuses a body over `maxSize` bytes with 413 `payload_too_large`. */
export const limitBody = (maxSize: number) =>
  bodyLimit({
    maxSize,
    onError: () => {
      throw new ApiError(413, 'payload_too_large');
    },
  });
