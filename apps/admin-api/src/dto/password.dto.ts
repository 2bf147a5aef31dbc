import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @Length(1, 256)
  currentPassword!: string;

  /** The same rule as for a new account (CreateUserDto). */
  @ApiProperty({ minLength: 10 })
  @IsString()
  @Length(10, 256, { message: 'newPassword must be 10–256 characters' })
  newPassword!: string;
}
