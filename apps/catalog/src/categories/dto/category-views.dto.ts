import { ApiProperty } from '@nestjs/swagger';

/** A category as the storefront navigation lists it. */
export class CategoryListItemView {
  @ApiProperty({ example: 'leafy-greens' }) id!: string;
  @ApiProperty({ type: 'string', nullable: true, example: 'vegetables' }) parentId!: string | null;
  @ApiProperty({ example: '叶菜' }) name!: string;
  @ApiProperty({ type: 'integer', nullable: true }) minShelfLifeDaysAtDelivery!: number | null;
}

export class CategoryListView {
  @ApiProperty({ type: [CategoryListItemView] }) items!: CategoryListItemView[];
}

/** What an admin reads and writes; `version` is also the ETag (send it back as If-Match). */
export class AdminCategoryView extends CategoryListItemView {
  @ApiProperty({ example: 'vegetables/leafy-greens' }) path!: string;
  @ApiProperty({ type: 'integer', minimum: 1 }) version!: number;
}
