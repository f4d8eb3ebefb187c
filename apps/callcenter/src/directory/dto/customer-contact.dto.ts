import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';

export class PutCustomerContactDto {
  @IsString() @MinLength(1) @MaxLength(100) name!: string;
  /** Any common spelling; stored as E.164 (a bare 11-digit mainland mobile gets +86). */
  @IsString() @MaxLength(32) phone!: string;
}

export class ListContactsQueryDto {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
  /** Deeper pages are for an export, not this list. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(100_000) offset?: number;
}

export class LookupContactQueryDto {
  /** Any common spelling of the number; normalised to E.164 before the lookup. */
  @IsString() @MaxLength(32) phone!: string;
}
