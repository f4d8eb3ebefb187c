import { ApiProperty } from '@nestjs/swagger';

export class LivenessView {
  @ApiProperty({ enum: ['ok'] }) status!: string;
}

export class DependencyStatusView {
  @ApiProperty({ enum: ['up', 'down'] }) status!: string;
  @ApiProperty() critical!: boolean;
}

export class ReadinessView {
  @ApiProperty({
    enum: ['ok', 'error'],
    description: '`error` exactly when a critical dependency is down (503).',
  })
  status!: string;
  @ApiProperty({
    description: 'A non-critical dependency is down: the service answers with reduced function.',
  })
  degraded!: boolean;
  @ApiProperty({ type: [String] }) degradedDependencies!: string[];
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/DependencyStatusView' },
    description: 'By dependency name, with facts for operators beside `status` and `critical`.',
  })
  dependencies!: Record<string, DependencyStatusView>;
}
