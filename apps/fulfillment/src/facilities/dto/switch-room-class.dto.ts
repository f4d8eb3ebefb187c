import { TEMPERATURE_CLASSES, type TemperatureClass } from '@harvest/contracts/produce';
import { MaxDecimals } from '@harvest/platform/http';
import { IsIn, IsNumber, Max, Min } from 'class-validator';

export class SwitchRoomClassDto {
  @IsIn(TEMPERATURE_CLASSES) temperatureClass!: TemperatureClass;
  @IsNumber() @MaxDecimals(2) @Min(-40) @Max(30) setpointCelsius!: number;
}
