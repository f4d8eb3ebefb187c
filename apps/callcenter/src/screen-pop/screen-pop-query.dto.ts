import { IsOptional, Matches } from 'class-validator';

export class ScreenPopQueryDto {
  @IsOptional() @Matches(/^\d{1,20}$/, { message: 'after must be a pop id' }) after?: string;
}
