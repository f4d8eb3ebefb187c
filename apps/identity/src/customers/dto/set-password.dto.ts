import { IsString, MaxLength } from 'class-validator';

export class SetPasswordDto {
  @IsString()
  @MaxLength(128)
  password!: string;
}
