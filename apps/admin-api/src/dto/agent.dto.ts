import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDateString, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';

export const MAX_OVERLAP_SECONDS = 7 * 86_400;
export const DEFAULT_OVERLAP_SECONDS = 86_400;

export class IssueAgentDto {
  @ApiPropertyOptional({ example: 'gateway in workshop 2' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  label?: string;

  @ApiPropertyOptional({ description: 'when the credential stops working by itself (default: never)' })
  @IsOptional()
  @IsDateString({ strict: true })
  expiresAt?: string;
}

export class RotateAgentDto {
  @ApiPropertyOptional({
    default: DEFAULT_OVERLAP_SECONDS,
    maximum: MAX_OVERLAP_SECONDS,
    description: 'how long the old secret keeps working (0: refused at once)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_OVERLAP_SECONDS)
  overlapSeconds?: number;
}
