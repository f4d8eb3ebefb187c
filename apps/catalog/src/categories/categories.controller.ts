import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { Public, Roles } from '@harvest/platform/http';
import { Idempotent } from '@harvest/platform/idempotency';
import { CategoriesService } from './categories.service';
import { CreateCategoryDto } from './dto/create-category.dto';

@Controller()
export class CategoriesController {
  constructor(private readonly categories: CategoriesService) {}

  /** The whole tree, flat and ordered by path (parents first): storefront navigation, no login needed. */
  @Public()
  @Get('categories')
  async list() {
    const categories = await this.categories.list();
    return {
      items: categories.map(({ id, parentId, name, minShelfLifeDaysAtDelivery }) => ({
        id,
        parentId,
        name,
        minShelfLifeDaysAtDelivery,
      })),
    };
  }

  @Roles('admin')
  @Post('admin/categories')
  @HttpCode(201)
  @Idempotent()
  async create(@Body() body: CreateCategoryDto) {
    const { id, parentId, name, path, minShelfLifeDaysAtDelivery } = await this.categories.create(body);
    return { id, parentId, name, path, minShelfLifeDaysAtDelivery };
  }
}
