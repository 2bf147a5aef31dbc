/* eslint-disable @typescript-eslint/no-explicit-any -- rendered YAML is untyped: each test reads the fields it checks */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REGISTRY_EVENTS_TOPIC, TELEMETRY_DEAD_LETTER_TOPIC, TELEMETRY_RAW_TOPIC } from '#grip/contracts';
import {
  bootstrapStatements,
  loadClickHouseMigrations,
} from '../../libs/telemetry-store/src/clickhouse-migrator.js';
import {
  ENVIRONMENTS,
  gripConfig,
  gripContainer,
  HAS_KUBECTL,
  type K8sObject,
  ofKind,
  render,
  secretEnv,
} from './render.js';

const source = (path: string) => readFileSync(join(process.cwd(), path), 'utf8');
const only = (objects: readonly K8sObject[], kind: string) => {
  const found = ofKind(objects, kind);
  expect(found).toHaveLength(1);
  return found[0]!;
};
/** Macros the Altinity operator writes into every ClickHouse pod's configuration. */
const OPERATOR_MACROS = ['installation', 'cluster', 'shard', 'replica'];
/** Macros the server itself expands in a Replicated*MergeTree path. */
const SERVER_MACROS = ['database', 'table', 'uuid'];

const suite = HAS_KUBECTL ? describe : describe.skip;

suite.each(ENVIRONMENTS)('deploy/operators/%s against deploy/overlays/%s', (env) => {
  const ops = render(`operators/${env}`);
  const app = render(`overlays/${env}`);
  const config = gripConfig(app);
  const workloads = [...ofKind(app, 'Deployment'), ...ofKind(render(`overlays/${env}/migrate`), 'Job')];
  const secretRefsOf = (name: string) =>
    workloads.map((w) => secretEnv(gripContainer(w))[name]).filter((ref) => ref !== undefined);

  it('lives in the workloads’ namespace and commits no Secret', () => {
    const namespace = ofKind(app, 'Deployment')[0]!.metadata.namespace;
    for (const o of ops) expect({ [o.kind]: o.metadata.namespace }).toEqual({ [o.kind]: namespace });
    expect(ofKind(ops, 'Secret')).toEqual([]);
  });

  it('declares the topics GRIP creates: its names, KAFKA_PARTITIONS partitions, the broker’s retention', () => {
    const kafka = only(ops, 'Kafka');
    const topics = ofKind(ops, 'KafkaTopic');
    const prefix = config.KAFKA_TOPIC_PREFIX!;
    expect(topics.map((t) => t.spec.topicName).sort()).toEqual(
      [TELEMETRY_RAW_TOPIC, TELEMETRY_DEAD_LETTER_TOPIC, REGISTRY_EVENTS_TOPIC].map((t) => prefix + t).sort(),
    );
    // KafkaBus creates each topic with its partition count and nothing else: no retention,
    // no replication factor of its own. If that changes, this and the KafkaTopics must too.
    expect(source('libs/bus/src/kafka.bus.ts')).toMatch(
      /topics: \[\{ topic: name, numPartitions: this\.partitions \}\]/,
    );
    for (const topic of topics) {
      expect(topic.metadata.labels['strimzi.io/cluster']).toBe(kafka.metadata.name);
      expect(topic.spec.partitions).toBe(Number(config.KAFKA_PARTITIONS));
      const overrides = Object.keys(topic.spec.config ?? {});
      expect(overrides.filter((k) => k.startsWith('retention.'))).toEqual([]);
      expect(topic.spec.replicas).toBe(kafka.spec.kafka.config['default.replication.factor']);
    }
    // The broker's retention is the development broker's, where every suite and benchmark ran.
    const devRetention = /'log\.retention\.hours=(\d+)'/.exec(source('scripts/kafka/services-up.mjs'))![1];
    expect(kafka.spec.kafka.config['log.retention.hours']).toBe(Number(devRetention));
  });

  it('runs Kafka in KRaft on three nodes that are controllers and brokers, where KAFKA_BROKERS points', () => {
    const kafka = only(ops, 'Kafka');
    const pool = only(ops, 'KafkaNodePool');
    expect(kafka.spec.zookeeper).toBeUndefined();
    expect(pool.metadata.labels['strimzi.io/cluster']).toBe(kafka.metadata.name);
    expect(pool.spec.replicas).toBe(3);
    expect([...pool.spec.roles].sort()).toEqual(['broker', 'controller']);
    const plain = kafka.spec.kafka.listeners.find((l: any) => l.tls === false);
    expect(config.KAFKA_BROKERS).toBe(`${kafka.metadata.name}-kafka-bootstrap:${plain.port}`);
    expect(kafka.spec.kafka.config['auto.create.topics.enable']).toBe(false);
    expect(kafka.spec.kafka.config['min.insync.replicas']).toBeLessThan(
      kafka.spec.kafka.config['default.replication.factor'],
    );
    // The writer's HPA reads consumer lag that the Kafka Exporter publishes for grip.* groups.
    expect(
      new RegExp(kafka.spec.kafkaExporter.groupRegex).test(`${config.KAFKA_TOPIC_PREFIX}telemetry-writer`),
    ).toBe(true);
  });

  it('names the ClickHouse cluster, macros and Keeper paths exactly as the cluster DDL does', async () => {
    const chi = only(ops, 'ClickHouseInstallation');
    const keeper = only(ops, 'ClickHouseKeeperInstallation');
    const cluster = chi.spec.configuration.clusters;
    expect(cluster).toHaveLength(1);
    expect(cluster[0].name).toBe(config.CLICKHOUSE_CLUSTER);
    expect(config.CLICKHOUSE_URL).toBe(`http://clickhouse-${chi.metadata.name}:8123`);
    if (env === 'province') expect(cluster[0].layout).toEqual({ shardsCount: 2, replicasCount: 2 });
    expect(cluster[0].layout.replicasCount).toBe(2);

    const database = config.CLICKHOUSE_DATABASE!;
    const name = config.CLICKHOUSE_CLUSTER!;
    const migrations = await loadClickHouseMigrations(
      pathToFileURL(join(process.cwd(), 'libs/telemetry-store/src/migrations/')),
      database,
      name,
    );
    const statements = [...bootstrapStatements(database, name), ...migrations.flatMap((m) => m.statements)];
    const onCluster = statements.flatMap((s) => [...s.matchAll(/ON CLUSTER '([^']+)'/g)].map((m) => m[1]));
    const distributed = statements.flatMap((s) =>
      [...s.matchAll(/Distributed\('([^']+)'/g)].map((m) => m[1]),
    );
    const replicated = statements.flatMap((s) => [
      ...s.matchAll(/Replicated\w*MergeTree\('([^']+)', '([^']+)'/g),
    ]);
    // Not vacuous: the variant has each kind of statement.
    expect(onCluster.length).toBeGreaterThan(10);
    expect(distributed.length).toBeGreaterThan(3);
    expect(replicated.length).toBeGreaterThan(3);
    expect(new Set([...onCluster, ...distributed])).toEqual(new Set([cluster[0].name]));
    for (const [, path, replica] of replicated) {
      expect(path!.startsWith('/clickhouse/tables/')).toBe(true);
      expect(replica).toBe('{replica}');
      for (const [, macro] of path!.matchAll(/\{(\w+)\}/g)) {
        expect([...OPERATOR_MACROS, ...SERVER_MACROS]).toContain(macro);
      }
    }
    // Those paths are absolute in Keeper: no chroot in front of them.
    const zookeeper = chi.spec.configuration.zookeeper;
    expect(zookeeper.root).toBeUndefined();
    expect(zookeeper.nodes).toEqual([
      {
        host: `keeper-${keeper.metadata.name}`,
        port: Number(keeper.spec.configuration.settings['keeper_server/tcp_port']),
      },
    ]);
    expect(keeper.spec.configuration.clusters[0].layout.replicasCount).toBe(3);
  });

  it('gives ClickHouse the user and Secret the workloads connect with', () => {
    const chi = only(ops, 'ClickHouseInstallation');
    const users = chi.spec.configuration.users;
    expect(new Set(Object.keys(users).map((k) => k.split('/')[0]))).toEqual(
      new Set([config.CLICKHOUSE_USER]),
    );
    const ref = users[`${config.CLICKHOUSE_USER}/password`].valueFrom.secretKeyRef;
    const refs = secretRefsOf('CLICKHOUSE_PASSWORD');
    expect(refs.length).toBeGreaterThan(0);
    for (const r of refs) expect(r).toEqual(ref);
  });

  it('runs PostgreSQL on three instances, backed up on a schedule, behind the Secret DATABASE_URL names', () => {
    const pg = only(ops, 'Cluster');
    const backup = only(ops, 'ScheduledBackup');
    const store = only(ops, 'ObjectStore');
    expect(pg.spec.instances).toBe(3);
    expect(backup.spec.cluster.name).toBe(pg.metadata.name);
    expect(backup.spec.method).toBe('plugin');
    const plugin = pg.spec.plugins.find((p: any) => p.name === backup.spec.pluginConfiguration.name);
    expect(plugin.isWALArchiver).toBe(true);
    expect(plugin.parameters.barmanObjectName).toBe(store.metadata.name);
    for (const cred of Object.values(store.spec.configuration.s3Credentials) as any[]) {
      expect(Object.keys(cred).sort()).toEqual(['key', 'name']);
    }
    // CloudNativePG writes the application's connection URI into <cluster>-app, key uri.
    const refs = secretRefsOf('DATABASE_URL');
    expect(refs.length).toBeGreaterThan(0);
    for (const r of refs) expect(r).toEqual({ name: `${pg.metadata.name}-app`, key: 'uri' });
  });
});
