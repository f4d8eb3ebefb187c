import { ApiProperty } from '@nestjs/swagger';

/** An address as its own customer reads it: in full, it is theirs. */
export class AddressView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '王芳' }) recipient!: string;
  @ApiProperty({ example: '310104' }) areaCode!: string;
  @ApiProperty({ example: '上海市' }) city!: string;
  @ApiProperty({ example: '漕溪北路 88 号 3 楼' }) street!: string;
  @ApiProperty({ example: 'zone-sh-xuhui' }) zoneId!: string;
  @ApiProperty() isDefault!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class AddressBookView {
  @ApiProperty({ type: [AddressView] }) addresses!: AddressView[];
}

/**
 * What orders needs to deliver to an address: the zone, who receives it, where, and the account's phone for
 * the courier (the one phone identity holds; null when the customer signed in without one).
 */
export class DeliveryAddressView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() customerId!: string;
  @ApiProperty() zoneId!: string;
  @ApiProperty() recipient!: string;
  @ApiProperty({ type: 'string', nullable: true, example: '+8613800138000' }) phone!: string | null;
  @ApiProperty() city!: string;
  @ApiProperty() street!: string;
}
