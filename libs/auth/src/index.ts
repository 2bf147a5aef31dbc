export * from './access-token.service.js';
export * from './agent-authenticator.js';
export * from './http-auth.guard.js';
export * from './secret-hasher.js';
