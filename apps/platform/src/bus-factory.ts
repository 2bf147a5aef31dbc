import { InProcessBus, KafkaBus, type Bus } from '#grip/bus';
import type { PlatformConfig } from '#grip/config';

/** The bus is configuration, never a code fork: BUS=inprocess (one process) or BUS=kafka. */
export function createBus(config: PlatformConfig): Bus {
  if (config.BUS === 'kafka') {
    return new KafkaBus({
      brokers: config.KAFKA_BROKERS ?? [],
      clientId: `${config.KAFKA_CLIENT_ID}-${config.ROLES.join('+')}`,
      topicPrefix: config.KAFKA_TOPIC_PREFIX,
      partitions: config.KAFKA_PARTITIONS,
    });
  }
  return new InProcessBus(config.BUS_QUEUE_CAPACITY);
}
