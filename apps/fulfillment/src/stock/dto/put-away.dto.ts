import { IsInt, IsString, MaxLength, Min } from 'class-validator';

export class PutAwayDto {
  @IsString() @MaxLength(64) locationBarcode!: string;
  @IsInt() @Min(1) quantity!: number;
}
