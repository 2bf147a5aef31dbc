/**
 * The MQTT topic contract (api.md, Ingest): an agent publishes on `grip/v1/{agentId}/telemetry`
 * and may subscribe to `grip/v1/{agentId}/telemetry/result` — its own, nothing else.
 */
const PREFIX = 'grip/v1/';

export function telemetryTopic(agentId: string): string {
  return `${PREFIX}${agentId}/telemetry`;
}

export function resultTopic(agentId: string): string {
  return `${telemetryTopic(agentId)}/result`;
}

export type PublishVerdict = 'allowed' | 'other-agent' | 'not-a-telemetry-topic';

/** Whether `agentId` may publish telemetry on `topic`; why not, for the refusal and the metric. */
export function checkPublishTopic(agentId: string, topic: string): PublishVerdict {
  if (topic === telemetryTopic(agentId)) return 'allowed';
  const levels = topic.split('/');
  const isTelemetryTopic =
    levels.length === 4 && levels[0] === 'grip' && levels[1] === 'v1' && levels[3] === 'telemetry';
  return isTelemetryTopic ? 'other-agent' : 'not-a-telemetry-topic';
}

/** Exact match only: a wildcard filter (`grip/v1/+/…`, `#`) could reach other agents' results. */
export function maySubscribe(agentId: string, filter: string): boolean {
  return filter === resultTopic(agentId);
}

/**
 * Client identifiers are the broker's session keys and a new CONNECT with a taken one ends the
 * older session (MQTT-3.1.4-2): an agent may only use its own id, `{agentId}-…`, or let the
 * server assign one (an empty id), so it can never end another agent's session.
 */
export function mayUseClientId(agentId: string, requested: string): boolean {
  return requested === '' || requested === agentId || requested.startsWith(`${agentId}-`);
}
