import { ApiProperty } from '@nestjs/swagger';

/** The same answer whether or not the phone belongs to a customer. */
export class PhoneCodeSentView {
  @ApiProperty({ type: 'integer', example: 300 }) expiresInSeconds!: number;
}
