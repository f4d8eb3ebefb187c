import type { TemperatureClass } from '@harvest/contracts/produce';

/** The demo floor: two centers, each with a room of every class (frozen and chilled segmented), 20 bins a room. */
export const DEMO_CENTERS = [
  { id: 'fc-beijing-1', name: '北京一号冷链仓 Beijing FC 1', code: 'BJ1' },
  { id: 'fc-shanghai-1', name: '上海一号冷链仓 Shanghai FC 1', code: 'SH1' },
] as const;

export const DEMO_ROOMS: ReadonlyArray<{
  zone: TemperatureClass;
  code: string;
  name: string;
  setpoint: number;
  segmented: boolean;
}> = [
  { zone: 'frozen', code: 'FRZ', name: 'Freezer', setpoint: -20, segmented: true },
  { zone: 'chilled', code: 'CHL', name: 'Chiller', setpoint: 2, segmented: true },
  { zone: 'cool', code: 'COL', name: 'Cool room', setpoint: 10, segmented: false },
  { zone: 'ambient', code: 'AMB', name: 'Dry store', setpoint: 18, segmented: false },
];

export const DEMO_BINS_PER_ROOM = 20;

export const demoRoomId = (centerId: string, roomCode: string) => `${centerId}-${roomCode.toLowerCase()}`;
export const demoBinBarcode = (centerCode: string, roomCode: string, bin: number) =>
  `${centerCode}-${roomCode}-${String(bin).padStart(2, '0')}`;

/** Demo SKU number from its id (demo-sku-0042 → 42), or null for any other SKU. */
export function demoSkuNumber(skuId: string): number | null {
  const match = /^demo-sku-(\d{4})$/.exec(skuId);
  return match ? Number(match[1]) : null;
}

/**
 * Three lots per demo SKU and center with staggered receipts (0, 2 and 4 days ago, shifted per SKU), so
 * FEFO has a choice and some lots are near the end of their shelf life.
 */
export function demoLots(skuNumber: number, shelfLifeDays: number, soldByWeight: boolean) {
  const stagger = skuNumber % 3;
  return [0, 1, 2].map((n) => {
    const ageDays = Math.min(n * 2 + stagger, Math.max(0, shelfLifeDays - 1));
    return { n, ageDays, quantity: soldByWeight ? 40_000 : 80 };
  });
}
