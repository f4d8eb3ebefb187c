import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Public, Roles } from '@harvest/platform/http';
import { Idempotent } from '@harvest/platform/idempotency';
import { etagOf, versionFromIfMatch } from '../products/domain/product-version';
import { CategoriesService } from './categories.service';
import { CreateCategoryDto } from './dto/create-category.dto';
import { UpdateCategoryDto } from './dto/update-category.dto';
import type { Category } from './entities/category.entity';

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
  async create(@Body() body: CreateCategoryDto, @Res({ passthrough: true }) reply: FastifyReply) {
    return adminCategoryView(reply, await this.categories.create(body));
  }

  @Roles('admin')
  @Get('admin/categories/:id')
  async get(@Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    return adminCategoryView(reply, await this.categories.find(id));
  }

  /** Needs If-Match (428 without, 412 if stale), like products. */
  @Roles('admin')
  @Put('admin/categories/:id')
  @Idempotent()
  async update(
    @Param('id') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateCategoryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return adminCategoryView(reply, await this.categories.update(id, versionFromIfMatch(ifMatch), body));
  }
}

function adminCategoryView(reply: FastifyReply, category: Category) {
  void reply.header('ETag', etagOf(category.version));
  const { id, parentId, name, path, minShelfLifeDaysAtDelivery, version } = category;
  return { id, parentId, name, path, minShelfLifeDaysAtDelivery, version };
}
