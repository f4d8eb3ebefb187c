import { ApiProperty } from '@nestjs/swagger';

export class ImportRowErrorView {
  @ApiProperty({ type: 'integer', description: '1-based data row number (the header is row 0).' })
  row!: number;
  @ApiProperty() field!: string;
  @ApiProperty() message!: string;
}

/** A CSV product import: poll until `status` is no longer `running`. */
export class ImportJobView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['running', 'done', 'failed'] }) status!: string;
  @ApiProperty({ type: 'integer' }) total!: number;
  @ApiProperty({ type: 'integer' }) processed!: number;
  @ApiProperty({ type: 'integer' }) succeeded!: number;
  @ApiProperty({ type: 'integer' }) failed!: number;
  @ApiProperty({ type: [ImportRowErrorView] }) errors!: ImportRowErrorView[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) finishedAt!: string | null;
}
