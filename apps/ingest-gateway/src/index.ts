export * from './ingest-gateway.module.js';
export * from './ingest.service.js';
export * from './ingest-rate-limiter.js';
export { MQTT_OPTIONS, type MqttOptions } from './mqtt/mqtt-telemetry.handler.js';
export { MqttListener } from './mqtt/mqtt-listener.js';
