import { Matches } from 'class-validator';
import { ImageIdParams } from '../../images/dto/image-params.dto';

export class ImageVariantParams extends ImageIdParams {
  /** Checked against the preset whitelist by the handler (404, not 400, for a size we do not render). */
  @Matches(/^[a-z]{1,16}\.[a-z]{3,4}$/, { message: 'must be a variant name such as thumb.webp' })
  variant!: string;
}
