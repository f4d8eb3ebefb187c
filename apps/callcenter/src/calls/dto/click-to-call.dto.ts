import { IsString, MaxLength } from 'class-validator';

export class ClickToCallDto {
  /** The customer to call; their number comes from the directory, never from the agent's console. */
  @IsString() @MaxLength(64) customerId!: string;
}
