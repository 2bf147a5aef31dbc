import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { ROLES, type Role } from '#grip/contracts';
import { USER_SORTS } from '#grip/registry';
import { PageQuery } from './page.query.js';
import { SortOf } from './sort.js';

export class CreateUserDto {
  @ApiProperty({ example: 'gz-provider' })
  @Matches(/^[a-zA-Z0-9._-]{3,64}$/, { message: 'username must be 3–64 characters of a–z A–Z 0–9 . _ -' })
  username!: string;

  @ApiProperty({ minLength: 10 })
  @IsString()
  @Length(10, 256, { message: 'password must be 10–256 characters' })
  password!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: Role;

  @ApiPropertyOptional({ description: 'required for role provider' })
  @IsOptional()
  @IsUUID()
  providerId?: string;

  @ApiPropertyOptional({ description: 'required for role enterprise' })
  @IsOptional()
  @IsUUID()
  enterpriseId?: string;

  @ApiPropertyOptional({ description: 'GB/T 2260 code; required for role official' })
  @IsOptional()
  @IsString()
  regionCode?: string;
}

/** What an operator (or a provider, for its enterprise users) may change on an account. */
export class UpdateUserDto {
  @ApiProperty({ description: 'true: refuse sign-in, end every session and every access token at once' })
  @IsBoolean()
  disabled!: boolean;
}

export class ListUsersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ description: 'username containing this text (case-insensitive)' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  username?: string;

  @SortOf(USER_SORTS, 'createdAt')
  sort?: string;
}
