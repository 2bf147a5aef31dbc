import { ValidationError, ValidationPipe } from '@nestjs/common';
import { ApiError, ApiErrorDetail } from './api-error.js';

/**
 * DTO validation: unknown fields are refused (a typo must not be silently dropped), and every
 * failing field is named in `details`.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) =>
      ApiError.badRequest('VALIDATION_FAILED', 'the request is invalid', flatten(errors, '')),
  });
}

function flatten(errors: readonly ValidationError[], prefix: string): ApiErrorDetail[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}
