/** Which delivery zone serves a district: orders owns the zones and their coverage. */
export interface DeliveryCoverage {
  /** The zone serving the area code, null where we do not deliver; DeliveryCoverageUnavailableError if unknown. */
  zoneFor(areaCode: string): Promise<string | null>;
}

export const DELIVERY_COVERAGE = Symbol('DELIVERY_COVERAGE');
