import { ApiProperty } from '@nestjs/swagger';

export class GcResultView {
  @ApiProperty({ type: 'integer', description: 'Stored files no image refers to, deleted now.' })
  deleted!: number;
  @ApiProperty({ type: 'integer', description: 'Files storage would not delete now; the timer tries again.' })
  failed!: number;
}
