export { platformTestV1, platformTestV1Schema, type PlatformTestV1 } from './v1';
