import type { SoldBy, TemperatureClass } from '@harvest/contracts/produce';
import type { CreateCategoryDto } from '../categories/dto/create-category.dto';
import type { CreateProductDto } from '../products/dto/product-input.dto';

/** The demo category tree, parents first. Minimum shelf life at delivery follows the domain notes. */
export const DEMO_CATEGORIES: CreateCategoryDto[] = [
  { id: 'fruit', name: '水果', minShelfLifeDaysAtDelivery: 3 },
  { id: 'fruit-pome', parentId: 'fruit', name: '苹果梨', minShelfLifeDaysAtDelivery: 5 },
  { id: 'fruit-citrus', parentId: 'fruit', name: '柑橘橙柚', minShelfLifeDaysAtDelivery: 5 },
  { id: 'fruit-berries', parentId: 'fruit', name: '莓果', minShelfLifeDaysAtDelivery: 2 },
  { id: 'fruit-melons', parentId: 'fruit', name: '瓜类', minShelfLifeDaysAtDelivery: 3 },
  { id: 'vegetables', name: '蔬菜', minShelfLifeDaysAtDelivery: 2 },
  { id: 'veg-leafy', parentId: 'vegetables', name: '叶菜', minShelfLifeDaysAtDelivery: 2 },
  { id: 'veg-root', parentId: 'vegetables', name: '根茎', minShelfLifeDaysAtDelivery: 5 },
  { id: 'veg-fruiting', parentId: 'vegetables', name: '茄果', minShelfLifeDaysAtDelivery: 3 },
  { id: 'veg-mushroom', parentId: 'vegetables', name: '菌菇', minShelfLifeDaysAtDelivery: 2 },
  { id: 'meat', name: '肉禽', minShelfLifeDaysAtDelivery: 2 },
  { id: 'meat-chilled', parentId: 'meat', name: '冷鲜肉', minShelfLifeDaysAtDelivery: 2 },
  { id: 'meat-frozen', parentId: 'meat', name: '冷冻肉', minShelfLifeDaysAtDelivery: 30 },
  { id: 'eggs-dairy', name: '蛋奶', minShelfLifeDaysAtDelivery: 3 },
  { id: 'grains', name: '米面粮油', minShelfLifeDaysAtDelivery: 60 },
];

export interface DemoItem {
  name: string;
  categoryId: string;
  skuName: string;
  soldBy: SoldBy;
  /** Per piece, or per 500 g. */
  priceFen: number;
  temperatureClass: TemperatureClass;
  shelfLifeDays: number;
}

const item = (
  name: string,
  categoryId: string,
  skuName: string,
  soldBy: SoldBy,
  priceFen: number,
  temperatureClass: TemperatureClass,
  shelfLifeDays: number,
): DemoItem => ({
  name,
  categoryId,
  skuName,
  soldBy,
  priceFen,
  temperatureClass,
  shelfLifeDays,
});

export const DEMO_ITEMS: DemoItem[] = [
  item('红富士苹果', 'fruit-pome', '约500g', 'weight', 690, 'cool', 30),
  item('黄元帅苹果', 'fruit-pome', '约500g', 'weight', 590, 'cool', 25),
  item('鸭梨', 'fruit-pome', '约500g', 'weight', 450, 'cool', 20),
  item('香梨', 'fruit-pome', '约500g', 'weight', 790, 'cool', 20),
  item('砂糖橘', 'fruit-citrus', '约500g', 'weight', 650, 'cool', 14),
  item('脐橙', 'fruit-citrus', '约500g', 'weight', 590, 'cool', 21),
  item('红心柚', 'fruit-citrus', '1个', 'piece', 1990, 'cool', 30),
  item('草莓', 'fruit-berries', '300g盒装', 'piece', 3990, 'chilled', 4),
  item('蓝莓', 'fruit-berries', '125g盒装', 'piece', 2590, 'chilled', 7),
  item('桑葚', 'fruit-berries', '250g盒装', 'piece', 2290, 'chilled', 3),
  item('西瓜', 'fruit-melons', '约500g', 'weight', 250, 'ambient', 10),
  item('哈密瓜', 'fruit-melons', '1个', 'piece', 2990, 'cool', 12),
  item('甜瓜', 'fruit-melons', '约500g', 'weight', 490, 'cool', 7),
  item('菠菜', 'veg-leafy', '300g', 'piece', 690, 'chilled', 4),
  item('油麦菜', 'veg-leafy', '300g', 'piece', 590, 'chilled', 4),
  item('小白菜', 'veg-leafy', '400g', 'piece', 490, 'chilled', 4),
  item('生菜', 'veg-leafy', '1颗', 'piece', 550, 'chilled', 5),
  item('韭菜', 'veg-leafy', '300g', 'piece', 650, 'chilled', 3),
  item('胡萝卜', 'veg-root', '约500g', 'weight', 290, 'cool', 20),
  item('土豆', 'veg-root', '约500g', 'weight', 250, 'ambient', 30),
  item('红薯', 'veg-root', '约500g', 'weight', 390, 'ambient', 30),
  item('山药', 'veg-root', '约500g', 'weight', 990, 'cool', 20),
  item('西红柿', 'veg-fruiting', '约500g', 'weight', 590, 'cool', 7),
  item('黄瓜', 'veg-fruiting', '约500g', 'weight', 390, 'chilled', 7),
  item('茄子', 'veg-fruiting', '约500g', 'weight', 450, 'cool', 7),
  item('青椒', 'veg-fruiting', '约500g', 'weight', 490, 'chilled', 10),
  item('香菇', 'veg-mushroom', '250g', 'piece', 890, 'chilled', 5),
  item('金针菇', 'veg-mushroom', '200g', 'piece', 390, 'chilled', 5),
  item('杏鲍菇', 'veg-mushroom', '300g', 'piece', 690, 'chilled', 6),
  item('黑猪五花肉', 'meat-chilled', '约500g', 'weight', 3690, 'chilled', 4),
  item('猪里脊', 'meat-chilled', '约500g', 'weight', 3290, 'chilled', 4),
  item('散养鸡', 'meat-chilled', '1只约1.2kg', 'piece', 8990, 'chilled', 3),
  item('牛腱子', 'meat-frozen', '约500g', 'weight', 6990, 'frozen', 180),
  item('羊排', 'meat-frozen', '约500g', 'weight', 5990, 'frozen', 180),
  item('鸡翅中', 'meat-frozen', '500g', 'piece', 3290, 'frozen', 180),
  item('土鸡蛋', 'eggs-dairy', '30枚', 'piece', 4590, 'chilled', 30),
  item('鲜牛奶', 'eggs-dairy', '950ml', 'piece', 1890, 'chilled', 7),
  item('酸奶', 'eggs-dairy', '400g', 'piece', 1290, 'chilled', 21),
  item('五常大米', 'grains', '5kg', 'piece', 8990, 'ambient', 365),
  item('小米', 'grains', '1kg', 'piece', 2290, 'ambient', 365),
];

export const DEMO_FARMS = [
  { id: 'farm-beijing', prefix: '北京', priceFactor: 1.1, organic: true },
  { id: 'farm-hebei', prefix: '河北', priceFactor: 0.9, organic: false },
  { id: 'farm-shanghai', prefix: '崇明', priceFactor: 1.2, organic: true },
] as const;

const VARIANTS = [
  { label: '', priceFactor: 1 },
  { label: '精品', priceFactor: 1.35 },
] as const;

export const demoProductId = (n: number): string => `demo-prod-${String(n).padStart(4, '0')}`;
export const demoSkuId = (n: number): string => `demo-sku-${String(n).padStart(4, '0')}`;

/** 40 items × 3 farms × 2 grades = 240 products, one SKU each, numbered from 1; the same on every run. */
export function demoProducts(): CreateProductDto[] {
  const products: CreateProductDto[] = [];
  for (const variant of VARIANTS) {
    for (const farm of DEMO_FARMS) {
      for (const base of DEMO_ITEMS) {
        const n = products.length + 1;
        const organic = farm.organic || n % 2 === 0;
        products.push({
          id: demoProductId(n),
          name: `${farm.prefix}${variant.label}${base.name}`,
          categoryId: base.categoryId,
          farmId: farm.id,
          organic,
          organicCertificateNo: organic
            ? `ORG-${farm.id.slice(5).toUpperCase()}-${String(n).padStart(4, '0')}`
            : undefined,
          status: 'active',
          imageIds: [],
          skus: [
            {
              id: demoSkuId(n),
              name: base.skuName,
              soldBy: base.soldBy,
              // Round to 10 fen, as shelf prices are.
              priceFen: Math.round((base.priceFen * farm.priceFactor * variant.priceFactor) / 10) * 10,
              temperatureClass: base.temperatureClass,
              shelfLifeDays: base.shelfLifeDays,
            },
          ],
        });
      }
    }
  }
  return products;
}
