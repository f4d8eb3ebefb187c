import { withResponseCheck } from '@harvest/testing';
import { imagesService } from '../src/images.service-definition';

/** The images service as its specs start it: every answer checked against its OpenAPI document. */
export const imagesServiceUnderTest = withResponseCheck(imagesService);
