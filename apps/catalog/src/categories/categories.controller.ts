import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ProblemResponses, Public, Roles } from '@harvest/platform/http';
import { Idempotent } from '@harvest/platform/idempotency';
import { etagOf, versionFromIfMatch } from '../products/domain/product-version';
import { ETAG, VERSIONED_WRITE } from '../products/dto/product-views.dto';
import { CategoriesService } from './categories.service';
import { CreateCategoryDto } from './dto/create-category.dto';
import { UpdateCategoryDto } from './dto/update-category.dto';
import type { Category } from './entities/category.entity';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { AdminCategoryView, CategoryListView } from './dto/category-views.dto';

@Controller()
export class CategoriesController {
  constructor(private readonly categories: CategoriesService) {}

  /** The whole tree, flat and ordered by path (parents first): storefront navigation, no login needed. */
  @Public()
  @Get('categories')
  @ApiOkResponse({ type: CategoryListView })
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
  @ApiCreatedResponse({ type: AdminCategoryView, headers: ETAG })
  @ProblemResponses({ 404: ['category-not-found'], 409: ['category-exists'] })
  @Idempotent()
  async create(@Body() body: CreateCategoryDto, @Res({ passthrough: true }) reply: FastifyReply) {
    return adminCategoryView(reply, await this.categories.create(body));
  }

  @Roles('admin')
  @Get('admin/categories/:id')
  @ApiOkResponse({ type: AdminCategoryView, headers: ETAG })
  @ProblemResponses({ 404: ['category-not-found'] })
  async get(@Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    return adminCategoryView(reply, await this.categories.find(id));
  }

  /** Needs If-Match (428 without, 412 if stale), like products. */
  @Roles('admin')
  @Put('admin/categories/:id')
  @ApiOkResponse({ type: AdminCategoryView, headers: ETAG })
  @ProblemResponses(VERSIONED_WRITE)
  @ProblemResponses({ 404: ['category-not-found'] })
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
