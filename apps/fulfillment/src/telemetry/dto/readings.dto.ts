import { MaxDecimals, NestedObjects } from '@harvest/platform/http';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

export class ReadingDto {
  @IsString() @MaxLength(64) roomId!: string;
  @IsString() @MaxLength(64) sensorId!: string;
  @IsNumber() @MaxDecimals(2) @Min(-60) @Max(60) celsius!: number;
  @IsISO8601({ strict: true }) recordedAt!: string;
}

export class ReadingsDto {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(500) @NestedObjects(() => ReadingDto) readings!: ReadingDto[];
}

export class ExcursionQueryDto {
  @IsOptional() @IsString() @MaxLength(64) fulfillmentCenterId?: string;
  @IsOptional() @IsString() @MaxLength(64) roomId?: string;
}
