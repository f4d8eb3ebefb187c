import { createConnection } from 'mysql2/promise';

export interface DatabaseNode {
  host: string;
  port: number;
}

export interface PrimaryLocatorOptions {
  user: string;
  password: string;
  connectTimeoutMs: number;
}

export class PrimaryNotFoundError extends Error {
  constructor(nodes: DatabaseNode[], reasons: string[]) {
    super(`No writable primary among ${nodes.map(nodeName).join(', ')}: ${reasons.join('; ')}`);
    this.name = 'PrimaryNotFoundError';
  }
}

export const nodeName = (node: DatabaseNode): string => `${node.host}:${node.port}`;

/**
 * Asks every candidate node whether it is writable and returns the first, in the configured order,
 * that answers read_only=OFF. MHA sets read_only=ON on replicas and OFF on the node it promotes, so this
 * is the same test the failover itself relies on.
 */
export async function locatePrimary(
  nodes: DatabaseNode[],
  options: PrimaryLocatorOptions,
): Promise<DatabaseNode> {
  const answers = await Promise.all(
    nodes.map(async (node) => {
      let connection;
      try {
        connection = await createConnection({
          host: node.host,
          port: node.port,
          user: options.user,
          password: options.password,
          connectTimeout: options.connectTimeoutMs,
        });
        const [rows] = await connection.query('SELECT @@global.read_only AS readOnly');
        const readOnly = Number((rows as Array<{ readOnly: number | string }>)[0]?.readOnly);
        return {
          node,
          writable: readOnly === 0,
          reason: readOnly === 0 ? '' : `${nodeName(node)} is read-only`,
        };
      } catch (error) {
        return { node, writable: false, reason: `${nodeName(node)}: ${(error as Error).message}` };
      } finally {
        await connection?.end().catch(() => undefined);
      }
    }),
  );
  const primary = answers.find((a) => a.writable);
  if (!primary)
    throw new PrimaryNotFoundError(
      nodes,
      answers.map((a) => a.reason),
    );
  return primary.node;
}
