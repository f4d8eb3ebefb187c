import { createServer, type Server, type Socket } from 'node:net';
import {
  Command,
  FastdfsConnection,
  HEADER_LENGTH,
  decodeHeader,
  encodeHeader,
  type Header,
} from '@harvest/fastdfs';

/** What a command handler answers: a status (errno) and a body. */
export interface Answer {
  status?: number;
  body?: Buffer;
  /** The request could not be framed (its body was not read whole): answer, then close, as FastDFS does. */
  close?: boolean;
}

export type CommandHandler = (header: Header, connection: FastdfsConnection) => Promise<Answer>;

/** Servers wait for the next request as long as a client keeps its pooled connection open. */
const SERVER_TIMEOUTS = { connectTimeoutMs: 1000, networkTimeoutMs: 3_600_000 };

/**
 * A TCP server speaking FastDFS frames on 127.0.0.1: reads a 10-byte header, lets the handler read the body,
 * answers with command 100 and status = errno. 82 (quit) closes the connection, as FastDFS does.
 * stop() closes the listener and every open connection; start() listens again on the same port.
 */
export class FastdfsFrameServer {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;
  /** Connections accepted since creation, so tests can see whether a client reuses its connections. */
  accepted = 0;

  constructor(
    private readonly name: string,
    private readonly handlers: Map<number, CommandHandler>,
  ) {}

  get running(): boolean {
    return this.server !== null;
  }

  async start(): Promise<void> {
    if (this.server) return;
    const server = createServer((socket) => void this.serve(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: '127.0.0.1', port: this.port }, resolve);
    });
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async serve(socket: Socket): Promise<void> {
    this.accepted++;
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
    const connection = FastdfsConnection.accept(socket, SERVER_TIMEOUTS);
    try {
      for (;;) {
        const header = decodeHeader(await connection.read(HEADER_LENGTH));
        if (header.command === Command.quit) break;
        const handler = this.handlers.get(header.command);
        if (!handler) {
          // Unknown command: EINVAL, and the connection closes since its body cannot be framed.
          await connection.write(encodeHeader(0, Command.response, 22));
          break;
        }
        const answer = await handler(header, connection);
        const body = answer.body ?? Buffer.alloc(0);
        await connection.write(
          Buffer.concat([encodeHeader(body.length, Command.response, answer.status ?? 0), body]),
        );
        if (answer.close) break;
      }
    } catch {
      // The client went away or broke framing; nothing to answer.
    } finally {
      connection.destroy();
    }
  }

  toString(): string {
    return `${this.name} 127.0.0.1:${this.port}`;
  }
}
