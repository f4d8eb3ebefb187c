import { ApiProperty } from '@nestjs/swagger';

/** A directory entry as every directory read answers it: the phone masked (contact-views.ts). */
export class MaskedContactView {
  @ApiProperty({ example: 'demo-customer-001' }) customerId!: string;
  @ApiProperty({ example: '王小明' }) name!: string;
  @ApiProperty({ example: '+861380****8001' }) phone!: string;
}

export class ContactListView {
  @ApiProperty({ type: 'integer' }) total!: number;
  @ApiProperty({ type: [MaskedContactView] }) contacts!: MaskedContactView[];
}
