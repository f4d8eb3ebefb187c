export interface SseMessage {
  id?: string;
  event?: string;
  data: unknown;
}

/** Reads a text/event-stream over real HTTP and collects its messages, so a test can wait for one. */
export class SseReader {
  readonly messages: SseMessage[] = [];
  status = 0;
  contentType = '';
  /** True once the server ended the stream (not when close() aborted it). */
  endedByServer = false;
  private readonly controller = new AbortController();
  private done: Promise<void> = Promise.resolve();

  async open(url: string, headers: Record<string, string>): Promise<this> {
    const response = await fetch(url, {
      headers: { accept: 'text/event-stream', ...headers },
      signal: this.controller.signal,
    });
    this.status = response.status;
    this.contentType = response.headers.get('content-type') ?? '';
    if (!response.ok || !response.body) return this;
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    this.done = (async () => {
      let buffer = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) {
            this.endedByServer = true;
            return;
          }
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            this.messages.push(parseBlock(buffer.slice(0, end)));
            buffer = buffer.slice(end + 2);
          }
        }
      } catch {
        // aborted by close()
      }
    })();
    return this;
  }

  async next(predicate: (message: SseMessage) => boolean, timeoutMs = 10_000): Promise<SseMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(predicate);
      if (found) return found;
      if (Date.now() > deadline)
        throw new Error(
          `no matching server-sent event within ${timeoutMs} ms; got ${JSON.stringify(this.messages)}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** Waits until the server ends the stream. */
  async ended(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.endedByServer) {
      if (Date.now() > deadline) throw new Error(`the stream did not end within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  async close(): Promise<void> {
    this.controller.abort();
    await this.done;
  }
}

function parseBlock(block: string): SseMessage {
  const message: SseMessage = { data: undefined };
  const data: string[] = [];
  for (const line of block.split('\n')) {
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'id') message.id = value;
    else if (field === 'event') message.event = value;
    else if (field === 'data') data.push(value);
  }
  const text = data.join('\n');
  try {
    message.data = JSON.parse(text);
  } catch {
    message.data = text;
  }
  return message;
}
