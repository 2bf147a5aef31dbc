import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import { ApiError, ApiExceptionFilter } from '#grip/http';
import { QueryFailedError } from 'typeorm';
import {
  ConflictError,
  ForbiddenError,
  InvalidReferenceError,
  InvalidValueError,
  NotFoundError,
  RegistryError,
  ValidationError,
} from './registry.errors.js';
import { translateDbError } from './translate-db-error.js';

/**
 * Registry failures as api.md answers, rendered by the shared filter. Failed queries are
 * translated too: reads are not wrapped in withDbErrors, and a NUL byte in a filter reaches
 * Postgres from any of them. What stays untranslated is rendered (and logged) as a 500.
 */
@Catch(RegistryError, QueryFailedError)
export class RegistryErrorFilter implements ExceptionFilter {
  private readonly render = new ApiExceptionFilter();

  catch(error: RegistryError | QueryFailedError, host: ArgumentsHost): void {
    const translated = error instanceof RegistryError ? error : translateDbError(error);
    this.render.catch(translated instanceof RegistryError ? toApiError(translated) : translated, host);
  }
}

export function toApiError(error: RegistryError): ApiError {
  const details = (field: string | undefined) => (field ? [{ field, message: error.message }] : []);
  if (error instanceof ConflictError)
    return new ApiError(409, error.code, error.message, details(error.field));
  if (error instanceof InvalidReferenceError)
    return new ApiError(404, 'NOT_FOUND', error.message, details(error.field));
  if (error instanceof InvalidValueError)
    return new ApiError(400, 'VALIDATION_FAILED', error.message, details(error.field));
  if (error instanceof ValidationError) return ApiError.badRequest(error.code, error.message, error.details);
  if (error instanceof NotFoundError) return ApiError.notFound(error.entity);
  if (error instanceof ForbiddenError) return ApiError.forbidden(error.message);
  return new ApiError(500, 'INTERNAL', 'internal error');
}
