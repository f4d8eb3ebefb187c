import { parse } from 'csv-parse/sync';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { CreateProductDto } from '../products/dto/product-input.dto';
import type { ImportRowError } from './entities/import-job.entity';

/** Columns of a product import, one product with one SKU per row. Optional: id, description, organic_certificate_no, status, image_ids, sku_id. */
export const CSV_COLUMNS = [
  'id',
  'name',
  'description',
  'category_id',
  'farm_id',
  'organic',
  'organic_certificate_no',
  'status',
  'image_ids',
  'sku_id',
  'sku_name',
  'sold_by',
  'price_fen',
  'temperature_class',
  'shelf_life_days',
] as const;
const REQUIRED = [
  'name',
  'category_id',
  'farm_id',
  'organic',
  'sku_name',
  'sold_by',
  'price_fen',
  'temperature_class',
  'shelf_life_days',
];

/** DTO paths back to the column an admin sees in the sheet. */
const COLUMN_OF: Record<string, string> = {
  id: 'id',
  name: 'name',
  description: 'description',
  categoryId: 'category_id',
  farmId: 'farm_id',
  organic: 'organic',
  organicCertificateNo: 'organic_certificate_no',
  status: 'status',
  imageIds: 'image_ids',
  'skus[0].id': 'sku_id',
  'skus[0].name': 'sku_name',
  'skus[0].soldBy': 'sold_by',
  'skus[0].priceFen': 'price_fen',
  'skus[0].temperatureClass': 'temperature_class',
  'skus[0].shelfLifeDays': 'shelf_life_days',
};

export const columnOf = (field: string): string =>
  COLUMN_OF[field] ?? COLUMN_OF[field.replace(/\[\d+\]$/, '')] ?? field;

export type ParsedRow =
  { row: number; product: CreateProductDto } | { row: number; errors: ImportRowError[] };

/** Header problems fail the whole file (400); row problems are reported per row and the row is skipped. */
export function parseProductCsv(csv: string): { header: string[]; rows: Record<string, string>[] } {
  const records = parse(csv, {
    bom: true,
    skip_empty_lines: true,
    trim: true,
    relax_column_count: false,
  }) as string[][];
  const [header = [], ...rows] = records;
  return {
    header,
    rows: rows.map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i] ?? '']))),
  };
}

export function headerProblems(header: readonly string[]): string[] {
  const known = new Set<string>(CSV_COLUMNS);
  return [
    ...REQUIRED.filter((name) => !header.includes(name)).map((name) => `missing column ${name}`),
    ...header.filter((name) => !known.has(name)).map((name) => `unknown column ${name}`),
  ];
}

/** One CSV row as a product, validated by the same rules as the JSON API. */
export function productFromRow(row: number, cells: Record<string, string>): ParsedRow {
  const optional = (name: string) => (cells[name] ? cells[name] : undefined);
  const plain = {
    id: optional('id'),
    name: cells.name,
    description: optional('description'),
    categoryId: cells.category_id,
    farmId: cells.farm_id,
    organic: booleanCell(cells.organic),
    organicCertificateNo: optional('organic_certificate_no'),
    status: optional('status'),
    imageIds: cells.image_ids ? cells.image_ids.split('|').map((id) => id.trim()) : undefined,
    skus: [
      {
        id: optional('sku_id'),
        name: cells.sku_name,
        soldBy: cells.sold_by,
        priceFen: integerCell(cells.price_fen),
        temperatureClass: cells.temperature_class,
        shelfLifeDays: integerCell(cells.shelf_life_days),
      },
    ],
  };
  const product = plainToInstance(CreateProductDto, plain);
  const errors = flatten(validateSync(product, { whitelist: true, forbidNonWhitelisted: true }));
  return errors.length > 0
    ? { row, errors: errors.map((e) => ({ row, field: columnOf(e.field), message: e.message })) }
    : { row, product };
}

/** "true/false", "1/0", "是/否", "yes/no"; anything else stays a string and fails @IsBoolean. */
function booleanCell(value: string | undefined): boolean | string | undefined {
  const v = value?.trim().toLowerCase();
  if (v === 'true' || v === '1' || v === 'yes' || v === '是') return true;
  if (v === 'false' || v === '0' || v === 'no' || v === '否') return false;
  return value;
}

/** Digits only become a number; "12.5" or "-3" stay strings or numbers that @IsInt/@Min refuse. */
function integerCell(value: string | undefined): number | string | undefined {
  if (value === undefined || value === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value;
}

function flatten(errors: ValidationError[], prefix = ''): Array<{ field: string; message: string }> {
  return errors.flatMap((error) => {
    const field = /^\d+$/.test(error.property)
      ? `${prefix}[${error.property}]`
      : prefix
        ? `${prefix}.${error.property}`
        : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
