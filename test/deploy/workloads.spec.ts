/* eslint-disable @typescript-eslint/no-explicit-any -- rendered YAML is untyped: each test reads the fields it checks */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig, platformConfigSchema, ROLES } from '#grip/config';
import { TELEMETRY_RAW_TOPIC } from '#grip/contracts';
import {
  ENVIRONMENTS,
  gripConfig,
  gripContainer,
  HAS_KUBECTL,
  type K8sObject,
  literalEnv,
  named,
  ofKind,
  render,
  secretEnv,
  selects,
} from './render.js';

/** Stand-ins of the right shape for what the Secrets hold; the manifests never carry values. */
const SECRET_STAND_INS: Record<string, string> = {
  DATABASE_URL: 'postgres://grip:stand-in@grip-postgres-rw:5432/grip',
  GRIP_JWT_SECRET: 's'.repeat(48),
  GRIP_ADMIN_USER: 'ops',
  GRIP_ADMIN_PASSWORD: 'stand-in-password',
  CLICKHOUSE_PASSWORD: 'stand-in',
};

/** What a container's process sees: the ConfigMap, then its own env (which wins). */
function effectiveEnv(objects: readonly K8sObject[], workload: K8sObject): Record<string, string> {
  const container = gripContainer(workload);
  const secrets = Object.fromEntries(Object.keys(secretEnv(container)).map((n) => [n, SECRET_STAND_INS[n]!]));
  return { ...gripConfig(objects), ...literalEnv(container), ...secrets };
}

const schemaKeys = new Set(Object.keys(platformConfigSchema.shape));
const source = (path: string) => readFileSync(join(process.cwd(), path), 'utf8');

const suite = HAS_KUBECTL ? describe : describe.skip;

suite.each(ENVIRONMENTS)('deploy/overlays/%s', (env) => {
  const objects = render(`overlays/${env}`);
  const config = gripConfig(objects);
  const deployments = ofKind(objects, 'Deployment');
  const rolesOf = (d: K8sObject) => loadConfig(platformConfigSchema, effectiveEnv(objects, d)).ROLES;

  it('has a Deployment for every role, and no role the configuration does not know', () => {
    for (const role of ROLES) {
      expect(deployments.some((d) => rolesOf(d).length === 1 && rolesOf(d)[0] === role)).toBe(true);
    }
    for (const d of deployments) {
      const roles = literalEnv(gripContainer(d)).ROLES!.split(',');
      for (const role of roles) expect(ROLES).toContain(role);
      expect(ROLES).toContain(d.metadata.labels['grip.io/role']);
      expect(roles).toEqual([d.metadata.labels['grip.io/role']]);
    }
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual([
      'grip-admin-api',
      'grip-indicator-scheduler',
      'grip-ingest-gateway',
      'grip-query-api',
      'grip-telemetry-writer',
    ]);
  });

  it('runs the indicator schedule in exactly one replica, of the role that has it', () => {
    // The scheduler is a provider of the query-api module: that is where it really runs.
    expect(source('apps/query-api/src/query-api.module.ts')).toMatch(/IndicatorSchedulerService/);
    const scheduling = deployments.filter(
      (d) => loadConfig(platformConfigSchema, effectiveEnv(objects, d)).INDICATOR_SCHEDULE,
    );
    expect(scheduling.map((d) => d.metadata.name)).toEqual(['grip-indicator-scheduler']);
    const scheduler = scheduling[0]!;
    expect(rolesOf(scheduler)).toEqual(['query-api']);
    expect(scheduler.spec.replicas).toBe(1);
    expect(scheduler.spec.strategy.type).toBe('Recreate');
    expect(
      ofKind(objects, 'HorizontalPodAutoscaler').some(
        (h) => h.spec.scaleTargetRef.name === scheduler.metadata.name,
      ),
    ).toBe(false);
    // Nothing routes requests to it: no Service selects its pods.
    const labels = scheduler.spec.template.metadata.labels;
    expect(ofKind(objects, 'Service').some((s) => selects({ matchLabels: s.spec.selector }, labels))).toBe(
      false,
    );
  });

  it('sets only variables libs/config defines, and every one it requires (each Deployment starts)', () => {
    for (const d of deployments) {
      const vars = effectiveEnv(objects, d);
      for (const name of Object.keys(vars))
        expect({ [name]: schemaKeys.has(name) }).toEqual({ [name]: true });
      expect(() => loadConfig(platformConfigSchema, vars)).not.toThrow();
    }
    // The same check refuses a role without its Secret (so it can fail).
    const gateway = effectiveEnv(objects, named(objects, 'Deployment', 'grip-ingest-gateway'));
    delete gateway.DATABASE_URL;
    expect(() => loadConfig(platformConfigSchema, gateway)).toThrow(ConfigError);
  });

  it('probes /health/* on the port PORT is, and sets requests and limits', () => {
    for (const d of deployments) {
      const c = gripContainer(d);
      const http = c.ports.find((p: { name: string }) => p.name === 'http');
      expect(http.containerPort).toBe(Number(config.PORT));
      expect(c.startupProbe.httpGet).toEqual({ path: '/health/live', port: 'http' });
      expect(c.livenessProbe.httpGet).toEqual({ path: '/health/live', port: 'http' });
      expect(c.readinessProbe.httpGet).toEqual({ path: '/health/ready', port: 'http' });
      for (const kind of ['requests', 'limits']) {
        expect(c.resources[kind].cpu).toBeDefined();
        expect(c.resources[kind].memory).toBeDefined();
      }
      expect(d.spec.template.spec.securityContext.runAsNonRoot).toBe(true);
      expect(c.securityContext.readOnlyRootFilesystem).toBe(true);
      // Spread per component over nodes, so a drain never takes the PDB's last replica with it.
      expect(d.spec.template.spec.topologySpreadConstraints).toEqual([
        expect.objectContaining({
          topologyKey: 'kubernetes.io/hostname',
          matchLabelKeys: ['app.kubernetes.io/component'],
        }),
      ]);
      expect(d.spec.template.metadata.labels['app.kubernetes.io/component']).toBeDefined();
    }
    // The paths exist: the health controller serves them.
    const health = source('libs/http/src/health.controller.ts');
    expect(health).toContain("@Get('health/live')");
    expect(health).toContain("@Get('health/ready')");
  });

  it('gives every Deployment a PodDisruptionBudget that keeps a replica unless there is only one', () => {
    const pdbs = ofKind(objects, 'PodDisruptionBudget');
    for (const d of deployments) {
      const mine = pdbs.filter((p) => selects(p.spec.selector, d.spec.template.metadata.labels));
      expect(mine).toHaveLength(1);
      // An autoscaled Deployment has no count of its own: its HPA's minimum is the floor.
      const hpa = ofKind(objects, 'HorizontalPodAutoscaler').find(
        (h) => h.spec.scaleTargetRef.name === d.metadata.name,
      );
      const replicas = (hpa ? hpa.spec.minReplicas : d.spec.replicas) as number;
      expect(replicas).toBeGreaterThanOrEqual(1);
      if (hpa) expect(d.spec.replicas).toBeUndefined();
      if (replicas > 1) expect(mine[0]!.spec.minAvailable).toBe(1);
      else expect(mine[0]!.spec.maxUnavailable).toBe(1);
    }
  });

  it('references Secrets by name only and commits no secret value', () => {
    expect(ofKind(objects, 'Secret')).toEqual([]);
    const secretLike = /PASSWORD|SECRET|TOKEN|KEY/;
    for (const name of Object.keys(config)) expect(name).not.toMatch(secretLike);
    for (const d of deployments) {
      const c = gripContainer(d);
      for (const name of Object.keys(literalEnv(c))) expect(name).not.toMatch(secretLike);
      expect(Object.keys(literalEnv(c))).not.toContain('DATABASE_URL');
      for (const ref of Object.values(secretEnv(c))) expect(Object.keys(ref).sort()).toEqual(['key', 'name']);
    }
    expect(config.CLICKHOUSE_URL).not.toMatch(/@/);
  });

  it('lets only the gateway, MQTT and the APIs be reached from outside the namespace', () => {
    const policies = ofKind(objects, 'NetworkPolicy');
    const reach = (labels: Record<string, string>) => {
      const mine = policies.filter((p) => selects(p.spec.podSelector, labels));
      const rules = mine.flatMap((p) => (p.spec.ingress ?? []) as any[]);
      return {
        denied: mine.some((p) => p.spec.policyTypes.includes('Ingress')),
        outside: rules.filter(
          // A rule without `from` admits every source; otherwise any source but Prometheus's namespace.
          (r) =>
            !r.from ||
            r.from.length === 0 ||
            !r.from.every(
              (f: any) => f.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'] === 'monitoring',
            ),
        ),
      };
    };
    const exposed: string[] = [];
    for (const d of deployments) {
      const labels = d.spec.template.metadata.labels;
      const { denied, outside } = reach(labels);
      expect(denied).toBe(true);
      if (outside.length > 0) exposed.push(labels['app.kubernetes.io/component']);
      for (const rule of outside.filter((r) => !r.from)) {
        // From anywhere: only MQTT, only on the gateway.
        expect(labels['app.kubernetes.io/component']).toBe('ingest-gateway');
        expect(rule.ports).toEqual([{ port: Number(config.MQTT_PORT), protocol: 'TCP' }]);
      }
    }
    expect(exposed.sort()).toEqual(['admin-api', 'ingest-gateway', 'query-api']);
  });

  it('scales the gateway on CPU and the writer on its consumer lag, within the partitions', () => {
    const hpas = ofKind(objects, 'HorizontalPodAutoscaler');
    const gateway = hpas.find((h) => h.spec.scaleTargetRef.name === 'grip-ingest-gateway')!;
    expect(gateway.spec.metrics).toEqual([
      {
        type: 'Resource',
        resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } },
      },
    ]);
    const writer = hpas.find((h) => h.spec.scaleTargetRef.name === 'grip-telemetry-writer')!;
    expect(writer.spec.metrics.map((m: { type: string }) => m.type)).toEqual(['External']);
    // The group and topic names as the bus prefixes them (KafkaBus: prefix + group, prefix + topic).
    const group = /groupId: '([^']+)'/.exec(
      source('apps/telemetry-writer/src/telemetry-writer.service.ts'),
    )![1];
    expect(writer.spec.metrics[0].external.metric.selector.matchLabels).toEqual({
      consumergroup: config.KAFKA_TOPIC_PREFIX + group,
      topic: config.KAFKA_TOPIC_PREFIX + TELEMETRY_RAW_TOPIC,
    });
    expect(writer.spec.maxReplicas).toBeLessThanOrEqual(Number(config.KAFKA_PARTITIONS));
    for (const h of [gateway, writer]) expect(h.spec.minReplicas).toBeGreaterThanOrEqual(2);
  });

  it('exposes MQTT as its own Service on the gateway pods', () => {
    const mqtt = named(objects, 'Service', 'grip-mqtt');
    const gateway = named(objects, 'Deployment', 'grip-ingest-gateway');
    expect(mqtt.spec.type).toBe('LoadBalancer');
    expect(selects({ matchLabels: mqtt.spec.selector }, gateway.spec.template.metadata.labels)).toBe(true);
    const port = gripContainer(gateway).ports.find(
      (p: { name: string }) => p.name === mqtt.spec.ports[0].targetPort,
    );
    expect(port.containerPort).toBe(Number(config.MQTT_PORT));
  });

  it('routes each path to the role that serves it', () => {
    const ingress = named(objects, 'Ingress', 'grip');
    // ingress-nginx with use-regex: case-insensitive prefix regexes, the longest path first.
    const paths = [...(ingress.spec.rules[0].http.paths as any[])].sort(
      (a, b) => b.path.length - a.path.length,
    );
    const route = (url: string) =>
      paths.find((p) => new RegExp(`^${p.path}`, 'i').test(url))?.backend.service.name;
    const expected: Record<string, string> = {
      '/ingest/v1/telemetry': 'grip-ingest-gateway',
      '/api/v1/auth/login': 'grip-admin-api',
      '/api/v1/enterprises': 'grip-admin-api',
      '/api/v1/enterprises/e-1/devices': 'grip-admin-api',
      '/api/v1/enterprises/e-1/declarations/2026-11': 'grip-admin-api',
      '/api/v1/agents/a-1/rotate': 'grip-admin-api',
      '/api/v1/imports/enterprises': 'grip-admin-api',
      '/api/v1/enterprises/e-1/energy': 'grip-query-api',
      '/api/v1/enterprises/e-1/indicators': 'grip-query-api',
      '/api/v1/regions/440100/indicators': 'grip-query-api',
      '/api/v1/indicators/recompute': 'grip-query-api',
      '/': 'grip-query-api',
      '/index.html': 'grip-query-api',
      '/dashboard.js': 'grip-query-api',
      '/vendor/chart.umd.min.js': 'grip-query-api',
      '/docs': 'grip-query-api',
    };
    // Inside the cluster only: the controller answers these itself (404), no pod sees them.
    for (const internal of ['/metrics', '/health/live', '/health/ready'])
      expect(route(internal)).toBeUndefined();
    for (const [url, service] of Object.entries(expected))
      expect({ url, service: route(url) }).toEqual({ url, service });
    expect(ingress.spec.tls[0].secretName).toBe('grip-tls');
    expect(ingress.annotations ?? ingress.metadata.annotations).toMatchObject({
      'nginx.ingress.kubernetes.io/use-regex': 'true',
    });
  });

  it('pins one image for every workload', () => {
    const images = new Set(deployments.map((d) => gripContainer(d).image as string));
    expect(images.size).toBe(1);
    expect([...images][0]).toMatch(/:\d+\.\d+\.\d+$/);
  });
});

suite.each(ENVIRONMENTS)('deploy/overlays/%s/migrate', (env) => {
  const app = render(`overlays/${env}`);
  const migrate = render(`overlays/${env}/migrate`);

  it('is one Job running the migrate-only entry with the settings the replicas run with', () => {
    const jobs = ofKind(migrate, 'Job');
    expect(jobs).toHaveLength(1);
    const job = jobs[0]!;
    const c = gripContainer(job);
    expect(c.command).toEqual(['node', '--enable-source-maps', 'dist/apps/platform/src/migrate.js']);
    expect(source('apps/platform/src/migrate.ts')).toMatch(/startEngines\(/);
    expect(job.spec.template.spec.restartPolicy).toBe('Never');
    // The same ConfigMap, by its content hash, and the same image as the Deployments.
    const appConfig = ofKind(app, 'ConfigMap')[0]!;
    expect(c.envFrom).toEqual([{ configMapRef: { name: appConfig.metadata.name } }]);
    expect(c.image).toBe(gripContainer(named(app, 'Deployment', 'grip-query-api')).image);
    expect(job.metadata.namespace).toBe(named(app, 'Deployment', 'grip-query-api').metadata.namespace);
    const vars = { ...gripConfig(migrate), ...literalEnv(c) };
    for (const name of Object.keys(secretEnv(c))) vars[name] = SECRET_STAND_INS[name]!;
    const parsed = loadConfig(platformConfigSchema, vars);
    expect(parsed.DATABASE_URL).toBeDefined();
    expect(parsed.CLICKHOUSE_URL).toBeDefined();
    expect(ofKind(migrate, 'Secret')).toEqual([]);
  });
});
