import { TEMPERATURE_CLASSES, type TemperatureClass } from '@harvest/contracts/produce';
import { MaxDecimals } from '@harvest/platform/http';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNumber,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { BARCODE, BARCODE_MESSAGE } from './barcode';

const ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

export class CreateCenterDto {
  @Matches(ID, { message: 'id must be lower-case letters, digits and dashes' }) id!: string;
  @IsString() @MaxLength(255) name!: string;
}

export class CreateRoomDto {
  @Matches(ID, { message: 'id must be lower-case letters, digits and dashes' }) id!: string;
  @IsString() @MaxLength(255) name!: string;
  @IsIn(TEMPERATURE_CLASSES) temperatureClass!: TemperatureClass;
  @IsNumber() @MaxDecimals(2) @Min(-40) @Max(30) setpointCelsius!: number;
  /** A segmented room may later switch between chilled and frozen. */
  @IsBoolean() segmented!: boolean;
}

export class CreateLocationsDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsString({ each: true })
  @Matches(BARCODE, { each: true, message: `each of barcodes ${BARCODE_MESSAGE}` })
  barcodes!: string[];
}
