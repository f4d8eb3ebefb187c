import { Module } from '@nestjs/common';
import { CategoriesModule } from '../categories/categories.module';
import { AdminProductsController } from './admin-products.controller';
import { ProductsService } from './products.service';
import { StorefrontProductsController } from './storefront-products.controller';
import { StorefrontProductsService } from './storefront-products.service';

/** Products and their SKUs: admin writes (with their events) and the storefront's cached reads. */
@Module({
  imports: [CategoriesModule],
  controllers: [AdminProductsController, StorefrontProductsController],
  providers: [ProductsService, StorefrontProductsService],
  exports: [ProductsService],
})
export class ProductsModule {}
