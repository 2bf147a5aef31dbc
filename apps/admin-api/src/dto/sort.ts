import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

/**
 * `?sort=` of a list: one of the whitelisted fields, `-` first for descending. Anything else is a
 * 400 whose message names the allowed values (the registry refuses unknown fields again).
 */
export function SortOf(fields: Readonly<Record<string, string>>, fallback: string): PropertyDecorator {
  const names = Object.keys(fields);
  const allowed = names.flatMap((f) => [f, `-${f}`]);
  return applyDecorators(
    ApiPropertyOptional({ enum: allowed, default: fallback, description: `one of ${allowed.join(', ')}` }),
    IsOptional(),
    IsIn(allowed, { message: `sort must be one of ${allowed.join(', ')}` }),
  );
}
