import { Transform } from 'class-transformer';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';

export class EnrollDeviceDto {
  /** What the supervisor calls the handheld, e.g. "Cold room 2, gun 4": the client's display name. */
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  // Printable text only: it is shown in the issuer's console and in lists; no control characters.
  @Matches(/^[^\p{Cc}\p{Cf}]+$/u, { message: 'label must be printable text' })
  label!: string;
}
