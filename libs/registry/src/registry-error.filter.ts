import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import { ApiError, ApiExceptionFilter } from '#grip/http';
import {
  ConflictError,
  ForbiddenError,
  InvalidReferenceError,
  InvalidValueError,
  NotFoundError,
  RegistryError,
} from './registry.errors.js';

/** Registry failures as api.md answers, rendered by the shared filter. */
@Catch(RegistryError)
export class RegistryErrorFilter implements ExceptionFilter {
  private readonly render = new ApiExceptionFilter();

  catch(error: RegistryError, host: ArgumentsHost): void {
    this.render.catch(toApiError(error), host);
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
  if (error instanceof NotFoundError) return ApiError.notFound(error.entity);
  if (error instanceof ForbiddenError) return ApiError.forbidden(error.message);
  return new ApiError(500, 'INTERNAL', 'internal error');
}
