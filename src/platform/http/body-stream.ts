import type { Context } from 'hono';

/** A step between a request body and the route (body limit, idempotency hash). */
export type BodyTap = {
  /** Asked before each read of the source; an Error returned ends the stream with it. */
  beforeRead?: () => Error | undefined;
  /** Sees each chunk before the route does; an Error returned ends the stream with it instead. */
  chunk: (value: Uint8Array) => Error | undefined;
  /** The source has been read to its end. */
  end?: () => void;
};

/**
 * Replaces the request body by a stream that passes the source through `tap`, one chunk at a time
 * as the route reads it: the stream itself never holds more than the chunk in hand. Returns the new
 * body, or null where the request has none.
 *
 * The source is not cancelled when `tap` ends the stream with an error: the server answers and
 * then drains or closes the connection itself (cancelling would reset the socket before the client
 * reads the answer).
 */
export function tapRequestBody(c: Context, tap: BodyTap): ReadableStream<Uint8Array> | null {
  const raw = c.req.raw;
  const source = raw.body;
  if (!source) return null;
  const reader = source.getReader();
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const refused = tap.beforeRead?.();
        if (refused) {
          controller.error(refused);
          return;
        }
        try {
          const { done, value } = await reader.read();
          if (done) {
            tap.end?.();
            controller.close();
            return;
          }
          const stopped = tap.chunk(value);
          if (stopped) {
            controller.error(stopped);
            return;
          }
          controller.enqueue(value);
        } catch (error) {
          controller.error(error);
        }
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
  c.req.raw = new Request(raw, { body, duplex: 'half' } as RequestInit);
  return body;
}
