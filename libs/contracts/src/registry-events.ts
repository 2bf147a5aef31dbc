/**
 * Changes to the registry that other services cache (device lists, agent credentials, disabled
 * people). Delivered to every instance, so a revocation takes effect everywhere at once.
 */
export const REGISTRY_EVENTS_TOPIC = 'registry.events';

export type RegistryEvent =
  | { readonly type: 'enterprise.onboarded'; readonly enterpriseId: string }
  | { readonly type: 'device.registered'; readonly enterpriseId: string; readonly deviceId: string }
  | { readonly type: 'credential.revoked'; readonly enterpriseId: string; readonly agentId: string }
  /** A new secret: gateways drop what they cached for the agent (a second rotation ends the first overlap). */
  | { readonly type: 'credential.rotated'; readonly enterpriseId: string; readonly agentId: string }
  /** A month declared or corrected: stored indicator sets fed by it are recomputed. */
  | { readonly type: 'declaration.declared'; readonly enterpriseId: string; readonly period: string };

/**
 * Changes to people, on the same topic, keyed by user id. A person disabled: every process
 * refuses their access tokens issued up to `disabledAt` (ISO 8601).
 */
export type UserEvent = {
  readonly type: 'user.disabled';
  readonly userId: string;
  readonly disabledAt: string;
};
