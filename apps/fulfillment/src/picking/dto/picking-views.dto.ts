import { ApiProperty } from '@nestjs/swagger';
import { TASK_STATUSES } from '../domain/scan-steps';

/** One pick task as the handheld shows it (picking.service.ts ScannerTaskView). */
export class ScannerTaskView {
  @ApiProperty() taskId!: string;
  @ApiProperty() orderId!: string;
  @ApiProperty() waveId!: string;
  @ApiProperty({ example: 'demo-sku-0001' }) skuId!: string;
  @ApiProperty({ type: 'string', nullable: true }) skuName!: string | null;
  @ApiProperty({ example: 'chilled' }) temperatureZone!: string;
  @ApiProperty({ enum: ['pieces', 'grams'] }) unit!: string;
  @ApiProperty({ type: 'integer' }) quantity!: number;
  @ApiProperty() locationBarcode!: string;
  @ApiProperty() lotBarcode!: string;
  @ApiProperty({ enum: TASK_STATUSES }) status!: string;
  @ApiProperty({ type: 'integer', nullable: true }) pickedQuantity!: number | null;
  @ApiProperty({ type: 'string', nullable: true }) shortReason!: string | null;
  @ApiProperty({
    type: 'string',
    nullable: true,
    description: 'What to do next; null when the task is finished.',
  })
  nextStep!: string | null;
  @ApiProperty({
    enum: ['picked', 'short_picked'],
    required: false,
    description: "Set when finishing this task finished the order's picking.",
  })
  orderPicking?: string;
}

export class NextTaskView {
  @ApiProperty({ type: ScannerTaskView, nullable: true, description: 'null when no task is waiting.' })
  task!: ScannerTaskView | null;
}

class WaveTasksView {
  @ApiProperty({ type: 'integer' }) open!: number;
  @ApiProperty({ type: 'integer' }) inProgress!: number;
  @ApiProperty({ type: 'integer' }) picked!: number;
  @ApiProperty({ type: 'integer' }) short!: number;
  @ApiProperty({ type: 'integer' }) withdrawn!: number;
}

/** A wave of one delivery date, in pick order (waves.service.ts WaveView). */
export class WaveView {
  @ApiProperty() waveId!: string;
  @ApiProperty({ example: '09:00' }) windowStart!: string;
  @ApiProperty({ example: 'chilled' }) temperatureZone!: string;
  @ApiProperty({ type: 'integer' }) pickRank!: number;
  @ApiProperty({ type: WaveTasksView }) tasks!: WaveTasksView;
}

/** What a scanner step refuses (domain/scan-steps.ts): out of order or finished (409), a bad count (422). */
export const SCAN_STEP_REFUSALS = {
  400: ['bad-picker-id'],
  404: ['not-found'],
  409: [
    'wrong-location',
    'wrong-lot',
    'location-not-scanned',
    'lot-not-scanned',
    'task-finished',
    'task-withdrawn',
  ],
  422: ['quantity-mismatch', 'not-short'],
};
