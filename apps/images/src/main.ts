// Product images on FastDFS, with variants.
import { runService } from '@harvest/platform/runtime';
import { imagesService } from './images.service-definition';

void runService(imagesService);
