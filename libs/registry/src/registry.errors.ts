/**
 * Typed failures the API layer maps to HTTP answers without looking at database internals.
 * `code` is the machine code of the error body (api.md, Errors).
 */
export abstract class RegistryError extends Error {
  abstract readonly code: string;
}

/** A unique constraint was violated (duplicate credit code, username, device externalId …): 409. */
export class ConflictError extends RegistryError {
  readonly code = 'CONFLICT';
  constructor(
    readonly constraint: string,
    /** camelCase field names of the violated key, e.g. ['creditCode']. */
    readonly fields: readonly string[],
  ) {
    super(`${fields.join(', ') || constraint} already exists`);
    this.name = 'ConflictError';
  }

  get field(): string | undefined {
    return this.fields[0];
  }
}

/** A foreign key points at nothing (e.g. an unknown providerId given by an operator): 400/404. */
export class InvalidReferenceError extends RegistryError {
  readonly code = 'INVALID_REFERENCE';
  constructor(
    readonly constraint: string,
    readonly field: string | undefined,
  ) {
    super(`${field ?? constraint} refers to nothing`);
    this.name = 'InvalidReferenceError';
  }
}

/** A check constraint rejected a value the API should have validated (bad code format, role binding): 400. */
export class InvalidValueError extends RegistryError {
  readonly code = 'INVALID_VALUE';
  constructor(
    readonly constraint: string,
    readonly field: string | undefined,
  ) {
    super(`${field ?? constraint} has an invalid value`);
    this.name = 'InvalidValueError';
  }
}

/** The object does not exist or is not visible to the caller; the two are never told apart: 404. */
export class NotFoundError extends RegistryError {
  readonly code = 'NOT_FOUND';
  constructor(readonly entity: string) {
    super(`${entity} not found`);
    this.name = 'NotFoundError';
  }
}

/** The caller's role may never perform this write, whatever the object (e.g. an official creating): 403. */
export class ForbiddenError extends RegistryError {
  readonly code = 'FORBIDDEN';
  constructor(message: string) {
    super(message);
    this.name = 'ForbiddenError';
  }
}

/** Input that breaks a domain rule, with every problem by field (retrofit dates, plan shares …): 400. */
export class ValidationError extends RegistryError {
  readonly code = 'VALIDATION_FAILED';
  constructor(
    message: string,
    readonly details: readonly { field: string; code?: string; message: string }[],
  ) {
    super(message);
    this.name = 'ValidationError';
  }
}
