import { ProblemException } from '@harvest/platform/http';
import { OrdersRefusedError } from './orders-client.port';

/**
 * For the controllers of agent actions: orders' own refusal is the agent's answer, its status and problem
 * passed through unchanged (the problem is orders', already typed by orders). Anything else goes on as it is.
 */
export function ordersRefusalAsProblem(error: unknown): never {
  if (error instanceof OrdersRefusedError) throw new ProblemException(error.status, error.problem);
  throw error;
}
