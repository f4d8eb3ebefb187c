import { Injectable } from '@nestjs/common';
import { Like } from 'typeorm';
import { Database } from '@harvest/platform/database';
import { ProblemException, ValidationFailedException } from '@harvest/platform/http';
import type { CreateCategoryDto } from './dto/create-category.dto';
import { Category } from './entities/category.entity';

@Injectable()
export class CategoriesService {
  constructor(private readonly db: Database) {}

  async create(input: CreateCategoryDto): Promise<Category> {
    return this.db.transaction(async (em) => {
      if (await em.existsBy(Category, { id: input.id })) {
        throw new ProblemException(409, {
          type: 'urn:harvest:problem:category-exists',
          detail: `Category ${input.id} already exists.`,
        });
      }
      const parent = input.parentId ? await em.findOneBy(Category, { id: input.parentId }) : null;
      if (input.parentId && !parent) {
        throw new ValidationFailedException([
          { field: 'parentId', message: `unknown category ${input.parentId}` },
        ]);
      }
      const category = em.create(Category, {
        id: input.id,
        parentId: parent?.id ?? null,
        name: input.name,
        path: `${parent?.path ?? '/'}${input.id}/`,
        minShelfLifeDaysAtDelivery: input.minShelfLifeDaysAtDelivery,
        version: 1,
      });
      await em.insert(Category, category);
      return category;
    });
  }

  list(): Promise<Category[]> {
    return this.db.read((em) => em.find(Category, { order: { path: 'ASC' } }));
  }

  /** The category and every category below it; 404 when there is no such category. */
  async subtreeIds(id: string): Promise<string[]> {
    return this.db.read(async (em) => {
      const root = await em.findOneBy(Category, { id });
      if (!root)
        throw new ProblemException(404, {
          type: 'urn:harvest:problem:category-not-found',
          detail: `No category ${id}.`,
        });
      const all = await em.find(Category, { where: { path: Like(`${root.path}%`) }, select: { id: true } });
      return all.map((category) => category.id);
    });
  }
}
