import { ApiProperty } from '@nestjs/swagger';

/** A scanner handheld of one center (devices.service.ts DeviceView). */
export class DeviceView {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'fc-shanghai-1' }) fulfillmentCenterId!: string;
  @ApiProperty({ example: 'Cold room A, handheld 3' }) label!: string;
  @ApiProperty({ enum: ['enrolling', 'enabled', 'disabled'] }) status!: string;
  @ApiProperty({ type: 'string', nullable: true, description: "The device's client at the issuer." })
  clientId!: string | null;
  @ApiProperty() enrolledBy!: string;
  @ApiProperty({ format: 'date-time' }) enrolledAt!: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) disabledAt!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) disabledBy!: string | null;
}

/** The enrollment's answer: the device and, this once, its client's credentials (answered `no-store`). */
export class EnrolledDeviceView extends DeviceView {
  @ApiProperty() declare clientId: string;
  @ApiProperty({ description: 'Shown once and kept nowhere here; a retry with the same key gets a new one.' })
  clientSecret!: string;
}
