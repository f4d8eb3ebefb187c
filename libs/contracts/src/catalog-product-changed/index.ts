export { productChangedV1, productChangedV1Schema, type ProductChangedV1 } from './v1';
