import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class RefreshTokenDto {
  @ApiProperty({ description: 'the refreshToken from login or the previous refresh' })
  @IsString()
  @Length(1, 256)
  refreshToken!: string;
}
