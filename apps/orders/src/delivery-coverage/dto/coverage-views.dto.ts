import { ApiProperty } from '@nestjs/swagger';

/** Which zone serves a district and what delivery there costs (public: any shop says where it delivers). */
export class CoverageView {
  @ApiProperty({ example: '310104' }) areaCode!: string;
  @ApiProperty({ example: 'sh-xuhui' }) zoneId!: string;
  @ApiProperty({ type: 'integer', minimum: 0 }) deliveryFeeFen!: number;
  @ApiProperty({ type: 'integer', minimum: 0, nullable: true }) freeDeliveryFromFen!: number | null;
}

export class ZoneDeliveryFeeView {
  @ApiProperty() zoneId!: string;
  @ApiProperty({ type: 'integer', minimum: 0 }) deliveryFeeFen!: number;
  @ApiProperty({ type: 'integer', minimum: 0, nullable: true }) freeDeliveryFromFen!: number | null;
}
