import { Module } from '@nestjs/common';
import { ProductsModule } from '../products/products.module';
import { AdminImportsController } from './admin-imports.controller';
import { ImportsService } from './imports.service';

/** CSV product imports in the background, each row through ProductsService. */
@Module({ imports: [ProductsModule], controllers: [AdminImportsController], providers: [ImportsService] })
export class ImportsModule {}
