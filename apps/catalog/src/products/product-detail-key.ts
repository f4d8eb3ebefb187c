/** Cache key of a product's storefront detail; admin writes and the product-changed consumer delete it. */
export const productDetailKey = (productId: string): string => `product:${productId}`;
