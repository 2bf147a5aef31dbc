import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Job } from 'kubernetes-models/batch/v1';
import { Ingress, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Service } from 'kubernetes-models/v1';
import { ENVIRONMENTS, HAS_KUBECTL, type K8sObject, named, render } from './render.js';

/** Built-in kinds, validated against the Kubernetes OpenAPI schemas kubernetes-models ships. */
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'v1/ConfigMap': ConfigMap,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'batch/v1/Job': Job,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'networking.k8s.io/v1/Ingress': Ingress,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
};
/**
 * The operators' kinds: no schema of theirs is installed here, so their fields are checked by
 * operators.spec.ts where GRIP depends on them. A kind in neither list fails the suite.
 */
const OPERATOR_KINDS = new Set([
  'kafka.strimzi.io/v1beta2/Kafka',
  'kafka.strimzi.io/v1beta2/KafkaNodePool',
  'kafka.strimzi.io/v1beta2/KafkaTopic',
  'clickhouse.altinity.com/v1/ClickHouseInstallation',
  'clickhouse-keeper.altinity.com/v1/ClickHouseKeeperInstallation',
  'postgresql.cnpg.io/v1/Cluster',
  'postgresql.cnpg.io/v1/ScheduledBackup',
  'barmancloud.cnpg.io/v1/ObjectStore',
]);

function validate(object: K8sObject): void {
  const Model = MODELS[`${object.apiVersion}/${object.kind}`];
  if (!Model) throw new Error(`no schema for ${object.apiVersion} ${object.kind}`);
  new Model(object as never).validate();
}

const suite = HAS_KUBECTL ? describe : describe.skip;
const DIRS = ENVIRONMENTS.flatMap((env) => [
  `overlays/${env}`,
  `overlays/${env}/migrate`,
  `operators/${env}`,
]);

suite.each(DIRS)('deploy/%s', (dir) => {
  it('has only kinds this suite knows, and every built-in one is valid against its schema', () => {
    const objects = render(dir);
    expect(objects.length).toBeGreaterThan(0);
    for (const object of objects) {
      const key = `${object.apiVersion}/${object.kind}`;
      if (OPERATOR_KINDS.has(key)) continue;
      expect(() => validate(object)).not.toThrow();
    }
  });
});

suite('the schema check', () => {
  it('refuses a broken object and an unknown kind', () => {
    const deployment = structuredClone(named(render('overlays/pilot'), 'Deployment', 'grip-query-api'));
    deployment.spec.template.spec.containers[0].readinessProbe.httpGet.port = { name: 'http' };
    expect(() => validate(deployment)).toThrow(/readinessProbe\/httpGet\/port/);
    const hpa = structuredClone(
      named(render('overlays/pilot'), 'HorizontalPodAutoscaler', 'grip-ingest-gateway'),
    );
    delete hpa.spec.scaleTargetRef.name;
    expect(() => validate(hpa)).toThrow(/scaleTargetRef/);
    expect(() => validate({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' } })).toThrow(/no schema/);
  });
});
