// The fulfillment service's test kit, imported as @harvest/fulfillment/testing (never by a path into src).
export { FulfillmentTestKit, inDays, pieceLine, today, waitFor, weighedLine } from './fulfillment-test-kit';
export { devicesRealmRepresentation, type RealmPerson } from './devices-realm';
