import { IsOptional, Matches } from 'class-validator';

/** FastDFS anti-steal parameters: when the URL was issued (seconds) and its token. Checked by the handler (403). */
export class SignedUrlQuery {
  @IsOptional()
  @Matches(/^\d{1,12}$/, { message: 'must be a Unix time in seconds' })
  ts?: string;

  @IsOptional()
  @Matches(/^[0-9a-fA-F]{32}$/, { message: 'must be 32 hex digits' })
  token?: string;
}
