export * from './access-token.service.js';
export * from './agent-authenticator.js';
export * from './current-actor.js';
export * from './http-auth.guard.js';
export * from './login-throttle.js';
export * from './secret-hasher.js';
export * from './signing-keys.js';
export * from './refresh-tokens.js';
