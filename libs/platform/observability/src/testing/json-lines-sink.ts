import { Writable } from 'node:stream';

/** A log destination for specs: each JSON line written to `stream` is parsed into `lines`, in order. */
export function jsonLinesSink(): { stream: Writable; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { stream, lines };
}
