import { ApiProperty } from '@nestjs/swagger';

/** What a signed-in customer sees of their own account (customers.service.ts CustomerView). */
export class CustomerView {
  @ApiProperty({ description: 'The token subject.', example: 'demo-customer-001' }) subject!: string;
  @ApiProperty({
    type: 'string',
    nullable: true,
    description:
      'Masked even for its owner; null for an account signed in without a phone (a browser sign-in).',
    example: '+86 138****8001',
  })
  phone!: string | null;
  @ApiProperty() hasPassword!: boolean;
}
