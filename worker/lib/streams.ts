// Streaming downloads: bytes are made as the client reads them, so a 50,000-row export
// never sits in the Worker's memory whole.

const encoder = new TextEncoder();

/** Text pieces joined into chunks of about `size` characters: fewer, larger writes. */
export async function* inChunks(pieces: AsyncIterable<string>, size = 64 * 1024): AsyncGenerator<string> {
  let buffered = '';
  for await (const piece of pieces) {
    buffered += piece;
    if (buffered.length >= size) {
      yield buffered;
      buffered = '';
    }
  }
  if (buffered) yield buffered;
}

/** A response body pulled from an async source; a client that goes away stops the source. */
export function byteStream(source: AsyncIterable<string | Uint8Array>): ReadableStream<Uint8Array> {
  const iterator = source[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(typeof next.value === 'string' ? encoder.encode(next.value) : next.value);
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}
