import { IsInt, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';

/** What an admin may change on a category (and the rest of a new one); moving it in the tree is not offered. */
export class UpdateCategoryDto {
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name!: string;

  @IsInt()
  @Min(0)
  @Max(365)
  minShelfLifeDaysAtDelivery!: number;
}
