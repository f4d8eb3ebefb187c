import { ApiProperty } from '@nestjs/swagger';

/** What the vendor gets back for a verified webhook: applied, or a replay of one already applied. */
export class WebhookOutcomeView {
  @ApiProperty() applied!: boolean;
  @ApiProperty({ required: false, description: 'Present (true) when the event id was seen before.' })
  duplicate?: boolean;
  @ApiProperty() eventId!: string;
}
