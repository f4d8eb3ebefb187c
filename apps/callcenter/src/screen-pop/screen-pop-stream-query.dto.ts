import { IsOptional, Matches } from 'class-validator';
import { ScreenPopQueryDto } from './screen-pop-query.dto';

export class ScreenPopStreamQueryDto extends ScreenPopQueryDto {
  /** From POST /screen-pops/stream-tickets; checked by the stream itself (missing or unknown: 401). */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,100}$/, { message: 'ticket must be a stream ticket' })
  ticket?: string;
}
