import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

export class CreateCategoryDto {
  @IsString()
  @Matches(/^[a-z0-9-]{1,64}$/, { message: 'id must be 1-64 lower-case letters, digits or dashes' })
  id!: string;

  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9-]{1,64}$/, { message: 'parentId must be a category id' })
  parentId?: string;

  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name!: string;

  @IsInt()
  @Min(0)
  @Max(365)
  minShelfLifeDaysAtDelivery!: number;
}
