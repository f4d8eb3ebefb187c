import { IsOptional, IsString, Matches } from 'class-validator';
import { UpdateCategoryDto } from './update-category.dto';

export class CreateCategoryDto extends UpdateCategoryDto {
  @IsString()
  @Matches(/^[a-z0-9-]{1,64}$/, { message: 'id must be 1-64 lower-case letters, digits or dashes' })
  id!: string;

  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9-]{1,64}$/, { message: 'parentId must be a category id' })
  parentId?: string;
}
