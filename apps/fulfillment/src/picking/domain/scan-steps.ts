import { DomainError } from '@harvest/platform/errors';

/**
 * The handheld scanner's state machine for one pick task:
 *   open → (scan location) at_location → (scan lot) lot_scanned → (confirm) picked
 * and from any unfinished state a short pick ends it. Wi-Fi in cold rooms is flaky, so a repeat of the step
 * just done (or of any step already behind the task) is a success that changes nothing; a wrong barcode is
 * refused with what was expected.
 */
export const TASK_STATUSES = ['open', 'at_location', 'lot_scanned', 'picked', 'short', 'withdrawn'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const FINISHED: readonly TaskStatus[] = ['picked', 'short', 'withdrawn'];

export type ScanAction =
  | { kind: 'scan_location'; barcode: string }
  | { kind: 'scan_lot'; barcode: string }
  | { kind: 'confirm'; quantity: number }
  | { kind: 'short'; reason: string; pickedQuantity: number };

export interface TaskView {
  status: TaskStatus;
  expectedLocationBarcode: string;
  expectedLotBarcode: string;
  quantity: number;
  pickedQuantity: number | null;
  shortReason: string | null;
  /** Weighed SKU: the confirmed figure is the scale's grams and may differ from the order's estimate. */
  weighed: boolean;
}

export type StepOutcome =
  | { kind: 'advance'; status: TaskStatus; pickedQuantity?: number; shortReason?: string }
  | { kind: 'repeat' }
  | { kind: 'reject'; status: 409 | 422; type: string; detail: string; expected?: string };

type Rejection = Extract<StepOutcome, { kind: 'reject' }>;

/**
 * A scan the task's state refuses, saying what was expected: a wrong or out-of-order scan conflicts with
 * the task (409), a quantity that cannot be right is unprocessable (422).
 */
export class ScanRejectedError extends DomainError {
  constructor(rejection: Rejection) {
    super(rejection.status === 422 ? 'unprocessable' : 'conflict', rejection.type, rejection.detail, {
      extensions: rejection.expected === undefined ? {} : { expected: rejection.expected },
    });
  }
}

const RANK: Record<TaskStatus, number> = {
  open: 0,
  at_location: 1,
  lot_scanned: 2,
  picked: 3,
  short: 3,
  withdrawn: 3,
};

/** Weighed picks may come in within this fraction of the estimate either way (a bag of greens is never exact). */
export const WEIGHT_TOLERANCE = 0.2;

function wrongBarcode(what: 'location' | 'lot', scanned: string, expected: string): StepOutcome {
  const label = what === 'location' ? 'Wrong location' : 'Wrong lot';
  return {
    kind: 'reject',
    status: 409,
    type: `wrong-${what}`,
    detail: `${label}: scanned ${scanned}, expected ${expected}`,
    expected,
  };
}

function finishedReject(task: TaskView): StepOutcome {
  return task.status === 'withdrawn'
    ? {
        kind: 'reject',
        status: 409,
        type: 'task-withdrawn',
        detail: 'This task was withdrawn (order cancelled, or its lot put on QA hold); ask for the next task',
      }
    : { kind: 'reject', status: 409, type: 'task-finished', detail: `This task is already ${task.status}` };
}

export function applyScan(task: TaskView, action: ScanAction): StepOutcome {
  switch (action.kind) {
    case 'scan_location': {
      if (action.barcode !== task.expectedLocationBarcode) {
        return wrongBarcode('location', action.barcode, task.expectedLocationBarcode);
      }
      if (task.status === 'open') return { kind: 'advance', status: 'at_location' };
      return RANK[task.status] >= RANK.at_location && task.status !== 'withdrawn'
        ? { kind: 'repeat' }
        : finishedReject(task);
    }
    case 'scan_lot': {
      if (task.status === 'withdrawn') return finishedReject(task);
      if (task.status === 'open') {
        return {
          kind: 'reject',
          status: 409,
          type: 'location-not-scanned',
          detail: `Scan the location first: expected ${task.expectedLocationBarcode}`,
          expected: task.expectedLocationBarcode,
        };
      }
      if (action.barcode !== task.expectedLotBarcode) {
        return wrongBarcode('lot', action.barcode, task.expectedLotBarcode);
      }
      return task.status === 'at_location' ? { kind: 'advance', status: 'lot_scanned' } : { kind: 'repeat' };
    }
    case 'confirm': {
      if (task.status === 'picked') {
        return action.quantity === task.pickedQuantity
          ? { kind: 'repeat' }
          : {
              kind: 'reject',
              status: 409,
              type: 'task-finished',
              detail: `This task was already confirmed with ${task.pickedQuantity}`,
            };
      }
      if (task.status === 'open' || task.status === 'at_location') {
        const expected = task.status === 'open' ? task.expectedLocationBarcode : task.expectedLotBarcode;
        return {
          kind: 'reject',
          status: 409,
          type: 'lot-not-scanned',
          detail: `Scan ${expected} before confirming`,
          expected,
        };
      }
      if (task.status !== 'lot_scanned') return finishedReject(task);
      if (!quantityAcceptable(task, action.quantity)) {
        const detail = task.weighed
          ? `Weight ${action.quantity} g is not within ${WEIGHT_TOLERANCE * 100} % of ${task.quantity} g; record a short pick if there is not enough`
          : `Quantity ${action.quantity} does not match ${task.quantity}; record a short pick if there are fewer`;
        return {
          kind: 'reject',
          status: 422,
          type: 'quantity-mismatch',
          detail,
          expected: String(task.quantity),
        };
      }
      return { kind: 'advance', status: 'picked', pickedQuantity: action.quantity };
    }
    case 'short': {
      if (task.status === 'short') {
        return task.shortReason === action.reason && task.pickedQuantity === action.pickedQuantity
          ? { kind: 'repeat' }
          : {
              kind: 'reject',
              status: 409,
              type: 'task-finished',
              detail: `This task was already recorded short (${task.shortReason})`,
            };
      }
      if (FINISHED.includes(task.status)) return finishedReject(task);
      if (action.pickedQuantity >= task.quantity) {
        return {
          kind: 'reject',
          status: 422,
          type: 'not-short',
          detail: `A short pick takes fewer than ${task.quantity}; confirm the task instead`,
          expected: `< ${task.quantity}`,
        };
      }
      return {
        kind: 'advance',
        status: 'short',
        pickedQuantity: action.pickedQuantity,
        shortReason: action.reason,
      };
    }
  }
}

function quantityAcceptable(task: TaskView, quantity: number): boolean {
  if (!task.weighed) return quantity === task.quantity;
  return Math.abs(quantity - task.quantity) <= task.quantity * WEIGHT_TOLERANCE;
}
