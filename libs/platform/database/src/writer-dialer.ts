import { connect, type Socket } from 'node:net';
import { nodeName, type DatabaseNode } from './primary-locator';

/**
 * Opens the TCP connections of the writer pool to whichever node is the primary right now. The DataSource
 * (and everything holding it: repositories, the outbox relay, the inbox) stays the same object across a
 * failover; only where new connections go changes, and connections to the old node are cut so the pool
 * drops them instead of writing to a demoted node.
 */
export class WriterDialer {
  private readonly sockets = new Map<Socket, string>();

  constructor(private target: DatabaseNode) {}

  get current(): DatabaseNode {
    return this.target;
  }

  /** Used as mysql2's `stream` factory. */
  readonly dial = (): Socket => {
    const node = this.target;
    const socket = connect(node.port, node.host);
    socket.setNoDelay(true);
    socket.setKeepAlive(true, 10_000);
    this.sockets.set(socket, nodeName(node));
    socket.once('close', () => this.sockets.delete(socket));
    return socket;
  };

  /** Points new connections at the new primary and cuts every connection to any other node. */
  retarget(node: DatabaseNode): void {
    this.target = node;
    const keep = nodeName(node);
    for (const [socket, name] of this.sockets) if (name !== keep) socket.destroy();
  }
}
