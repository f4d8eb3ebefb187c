import { IsString, MaxLength, MinLength } from 'class-validator';

/** CSV text in a JSON body (the HTTP body limit applies); columns as documented in product-csv.ts. */
export class StartImportDto {
  @IsString()
  @MinLength(1)
  @MaxLength(5_000_000)
  csv!: string;
}
