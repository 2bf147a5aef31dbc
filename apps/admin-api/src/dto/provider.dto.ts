import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class CreateProviderDto {
  @ApiProperty({ example: '广州智造工业互联网服务有限公司' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ description: '18-character unified social credit code (GB 32100-2015)' })
  @IsString()
  creditCode!: string;
}
