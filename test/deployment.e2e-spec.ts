import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { parseAllDocuments } from 'yaml';
import { type AppConfig, loadConfig } from '../src/config/app.config.js';
import { LifecycleState } from '../src/health/lifecycle.state.js';
import { createTestApp } from './support/test-app.js';

/**
 * The deployment files (Dockerfile, .dockerignore, deploy/k8s) checked against the service
 * they deploy: the probes and the scrape path are requested from the real app configured
 * with the ConfigMap, the image's HEALTHCHECK command is run against it, and the numbers
 * that must agree across files (ports, labels, shutdown times) are compared.
 */

const root = new URL('../', import.meta.url);
const k8sDir = new URL('deploy/k8s/', root);
const read = (path: string, base: URL = root) => readFileSync(new URL(path, base), 'utf8');

// ---------------------------------------------------------------------------------------
// Kubernetes manifests
// ---------------------------------------------------------------------------------------

type Labels = Record<string, string>;

interface HttpProbe {
  httpGet?: { path?: string; port?: string | number };
  periodSeconds?: number;
  failureThreshold?: number;
}

interface Container {
  name: string;
  image: string;
  ports?: Array<{ name?: string; containerPort: number }>;
  env?: Array<{
    name: string;
    value?: string;
    valueFrom?: { secretKeyRef?: { name: string; key: string; optional?: boolean } };
  }>;
  envFrom?: Array<{ configMapRef?: { name: string } }>;
  resources?: {
    requests?: { cpu?: string; memory?: string };
    limits?: { cpu?: string; memory?: string };
  };
  securityContext?: SecurityContext;
  startupProbe?: HttpProbe;
  livenessProbe?: HttpProbe;
  readinessProbe?: HttpProbe;
  lifecycle?: { preStop?: { exec?: { command: string[] }; sleep?: { seconds: number } } };
}

interface SecurityContext {
  runAsNonRoot?: boolean;
  runAsUser?: number;
  readOnlyRootFilesystem?: boolean;
  allowPrivilegeEscalation?: boolean;
  capabilities?: { drop?: string[] };
}

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Labels };
  data?: Record<string, string>;
  spec?: {
    replicas?: number;
    selector?: Labels | { matchLabels?: Labels };
    strategy?: { type?: string; rollingUpdate?: { maxUnavailable?: number; maxSurge?: number } };
    template?: {
      metadata?: { labels?: Labels; annotations?: Record<string, string> };
      spec: {
        terminationGracePeriodSeconds?: number;
        securityContext?: SecurityContext;
        containers: Container[];
      };
    };
    type?: string;
    ports?: Array<{ name?: string; port: number; targetPort?: string | number }>;
    scaleTargetRef?: { apiVersion: string; kind: string; name: string };
    minReplicas?: number;
    maxReplicas?: number;
    metrics?: Array<{
      type: string;
      resource?: { name: string; target: { type: string; averageUtilization?: number } };
    }>;
    minAvailable?: number | string;
    maxUnavailable?: number | string;
  };
}

interface Kustomization {
  resources: string[];
  images?: Array<{ name: string; newName?: string; newTag?: string }>;
}

/** Parses YAML text, failing on any syntax error, into its documents. */
function parseYamlText(text: string, source: string): unknown[] {
  const documents = parseAllDocuments(text);
  const list = Array.isArray(documents) ? documents : [documents];
  for (const document of list) {
    if (document.errors.length > 0) {
      throw new Error(`${source}: ${document.errors.map((error) => error.message).join('; ')}`);
    }
  }
  return list.map((document) => document.toJS() as unknown).filter((value) => value != null);
}

/** Parses a YAML file of deploy/k8s into its documents. */
function parseYaml(file: string): unknown[] {
  return parseYamlText(read(file, k8sDir), file);
}

const packageVersion = (JSON.parse(read('package.json')) as { version: string }).version;
const EXPECTED_KINDS = [
  'ConfigMap',
  'Deployment',
  'HorizontalPodAutoscaler',
  'Ingress',
  'NetworkPolicy',
  'PodDisruptionBudget',
  'Service',
];

const kustomization = parseYaml('kustomization.yaml')[0] as Kustomization;
const manifests = kustomization.resources.flatMap((file) => parseYaml(file) as Manifest[]);

function only(kind: string): Manifest {
  const found = manifests.filter((manifest) => manifest.kind === kind);
  if (found.length !== 1) throw new Error(`expected one ${kind}, found ${found.length}`);
  return found[0];
}

const deployment = only('Deployment');
const podTemplate = deployment.spec!.template!;
const container = podTemplate.spec.containers[0];
const podLabels = podTemplate.metadata?.labels ?? {};
const configMap = only('ConfigMap');
const containerPort = container.ports?.find((port) => port.name === 'http')?.containerPort;

/** The settings the pods run with: the ConfigMap, read by the service's own loader. */
function loadDeployedConfig(): AppConfig {
  return loadConfig(configMap.data ?? {});
}
let deployedConfig: AppConfig;
try {
  deployedConfig = loadDeployedConfig();
} catch {
  // Reported by the ConfigMap test, with the variable the service refuses.
  deployedConfig = loadConfig({});
}

/** Whether every label of `selector` is on the pods. */
function selectsPods(selector: Labels | undefined): boolean {
  const entries = Object.entries(selector ?? {});
  return entries.length > 0 && entries.every(([key, value]) => podLabels[key] === value);
}

/** A probe's port as a number: a named port is looked up among the container's ports. */
function probePort(port: string | number | undefined): number | undefined {
  if (typeof port === 'number') return port;
  return container.ports?.find((candidate) => candidate.name === port)?.containerPort;
}

/** How long the preStop hook pauses, in milliseconds. */
function preStopPauseMs(): number {
  const preStop = container.lifecycle?.preStop;
  if (preStop?.sleep) return preStop.sleep.seconds * 1000;
  const command = preStop?.exec?.command ?? [];
  if (/(^|\/)sleep$/.test(command[0] ?? '')) return Number(command[1]) * 1000;
  const timer = /setTimeout\([^,]*,\s*(\d+)\s*\)/.exec(command.join(' '));
  if (timer) return Number(timer[1]);
  throw new Error(`no preStop pause understood in ${JSON.stringify(preStop)}`);
}

describe('the Kubernetes manifests', () => {
  it('parse, and the kustomization lists every one of them', () => {
    const files = readdirSync(k8sDir).filter(
      (file) => /\.ya?ml$/.test(file) && file !== 'kustomization.yaml',
    );
    expect([...kustomization.resources].sort()).toEqual(files.sort());
    for (const manifest of manifests) {
      expect(manifest.apiVersion).toEqual(expect.any(String));
      expect(manifest.metadata.labels?.['app.kubernetes.io/name']).toBe('cliengo-fulfillment');
    }
    expect(manifests.map((manifest) => manifest.kind).sort()).toEqual(EXPECTED_KINDS);
  });

  it('hold no Secret: the access tokens come from one created out of band', () => {
    expect(manifests.some((manifest) => manifest.kind === 'Secret')).toBe(false);
    expect(configMap.data ?? {}).not.toHaveProperty('ACCESS_TOKENS');
    const tokens = container.env?.find((variable) => variable.name === 'ACCESS_TOKENS');
    expect(tokens?.value).toBeUndefined();
    expect(tokens?.valueFrom?.secretKeyRef).toEqual({
      name: expect.any(String),
      key: 'ACCESS_TOKENS',
      optional: false,
    });
  });

  it('feed the pods a ConfigMap the service accepts, listening on the container port', () => {
    expect(container.envFrom?.map((source) => source.configMapRef?.name)).toContain(
      configMap.metadata.name,
    );
    // loadConfig throws, naming the variable, on any value the service would refuse at boot.
    expect(loadDeployedConfig).not.toThrow();
    expect(deployedConfig.port).toBe(containerPort);
    expect(deployedConfig.host).toBe('0.0.0.0');
  });

  it("show a CHATBOTS example the service accepts, its tokens' variable in the Deployment", () => {
    // The commented example under `#   CHATBOTS: |`, as it reads once uncommented.
    const lines = read('deploy/k8s/configmap.yaml').split('\n');
    const start = lines.findIndex((line) => /^\s*#\s+CHATBOTS: \|$/.test(line));
    expect(start).toBeGreaterThan(-1);
    const example = lines
      .slice(start + 1)
      .filter((line, index, rest) => rest.slice(0, index + 1).every((l) => /^\s*#\s{5}/.test(l)))
      .map((line) => line.replace(/^\s*#/, ''))
      .join('\n');
    const env = {
      ...configMap.data,
      CHATBOTS: example,
      ACCESS_TOKENS_AUTOS: 'autos-token-0123456789',
    };
    expect(loadConfig(env).chatbots.map((chatbot) => chatbot.name)).toEqual([
      'autos',
      'seguros-br',
    ]);
    expect(read('deploy/k8s/deployment.yaml')).toMatch(/#\s+- name: ACCESS_TOKENS_AUTOS\n/);
  });

  it('leave the image to the kustomization: a bare name in the Deployment, the rest in images:', () => {
    // No registry, no tag in deployment.yaml: `images:` is the one place that says them.
    expect(container.image).toMatch(/^[a-z0-9-]+$/);
    const image = kustomization.images?.find((entry) => entry.name === container.image);
    expect(kustomization.images).toHaveLength(1);
    expect(image?.newName).toMatch(/^[^:@\s]+\/cliengo-fulfillment$/);
    expect(image?.newTag).toBe(packageVersion);
  });

  describe('against the app configured with the ConfigMap', () => {
    let app: NestExpressApplication;

    beforeAll(async () => {
      app = await createTestApp({ config: { ...deployedConfig, logLevel: 'silent' } });
    });
    afterAll(() => app.close());

    const probes = (): Array<[string, HttpProbe | undefined]> => [
      ['startupProbe', container.startupProbe],
      ['livenessProbe', container.livenessProbe],
      ['readinessProbe', container.readinessProbe],
    ];

    it('answers 200 on the path of every probe, on the container port', async () => {
      for (const [name, probe] of probes()) {
        const path = probe?.httpGet?.path;
        expect([name, path]).toEqual([name, expect.stringMatching(/^\//)]);
        expect([name, probePort(probe?.httpGet?.port)]).toEqual([name, containerPort]);
        const response = await request(app.getHttpServer()).get(path!);
        expect([name, path, response.status]).toEqual([name, path, 200]);
      }
    });

    it('answers Prometheus metrics where the scrape annotations point', async () => {
      const annotations = podTemplate.metadata?.annotations ?? {};
      expect(annotations['prometheus.io/scrape']).toBe('true');
      expect(Number(annotations['prometheus.io/port'])).toBe(containerPort);
      const response = await request(app.getHttpServer())
        .get(annotations['prometheus.io/path'] ?? '/metrics')
        .expect(200);
      expect(response.text).toMatch(/^# HELP /m);
      expect(response.text).toContain('cliengo_webhook_requests_total');
    });

    it('takes the pod out of the Service when shutting down, without restarting it', async () => {
      app.get(LifecycleState).beginShutdown();
      const server = app.getHttpServer();
      await request(server).get(container.readinessProbe!.httpGet!.path!).expect(503);
      await request(server).get(container.livenessProbe!.httpGet!.path!).expect(200);
      await request(server).get(container.startupProbe!.httpGet!.path!).expect(200);
    });
  });

  it('route the Service to the named container port', () => {
    const service = only('Service');
    expect(service.spec?.type ?? 'ClusterIP').toBe('ClusterIP');
    expect(service.spec?.ports).toEqual([
      expect.objectContaining({ port: 80, targetPort: 'http' }),
    ]);
    expect(container.ports?.map((port) => port.name)).toContain('http');
    expect(selectsPods(service.spec?.selector as Labels)).toBe(true);
  });

  it('select the Deployment pods from the Deployment, autoscaler and disruption budget', () => {
    const selector = deployment.spec?.selector as { matchLabels?: Labels };
    expect(selectsPods(selector.matchLabels)).toBe(true);

    const hpa = only('HorizontalPodAutoscaler');
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.spec?.scaleTargetRef).toEqual({
      apiVersion: deployment.apiVersion,
      kind: 'Deployment',
      name: deployment.metadata.name,
    });
    const pdb = only('PodDisruptionBudget');
    expect(pdb.apiVersion).toBe('policy/v1');
    expect(selectsPods((pdb.spec?.selector as { matchLabels?: Labels }).matchLabels)).toBe(true);
  });

  it('scale on CPU within bounds that leave room for disruptions', () => {
    const hpa = only('HorizontalPodAutoscaler');
    const { minReplicas = 1, maxReplicas = 0 } = hpa.spec ?? {};
    expect(minReplicas).toBeGreaterThanOrEqual(3);
    expect(maxReplicas).toBeGreaterThan(minReplicas);
    expect(deployment.spec?.replicas).toBeGreaterThanOrEqual(minReplicas);
    expect(deployment.spec?.replicas).toBeLessThanOrEqual(maxReplicas);
    const cpu = hpa.spec?.metrics?.find((metric) => metric.resource?.name === 'cpu');
    expect(cpu?.resource?.target).toEqual({ type: 'Utilization', averageUtilization: 70 });
    // CPU utilisation is relative to the request: without one the autoscaler cannot act.
    expect(container.resources?.requests?.cpu).toEqual(expect.any(String));
    expect(container.resources?.requests?.memory).toEqual(expect.any(String));
    expect(container.resources?.limits?.memory).toEqual(expect.any(String));

    // A node drain must be able to evict a pod even at the fewest replicas.
    const pdb = only('PodDisruptionBudget');
    if (pdb.spec?.minAvailable !== undefined) {
      expect(Number(pdb.spec.minAvailable)).toBeLessThan(minReplicas);
    } else {
      expect(Number(pdb.spec?.maxUnavailable)).toBeGreaterThanOrEqual(1);
    }
  });

  it('roll out without dropping below the desired capacity', () => {
    expect(deployment.spec?.strategy?.type).toBe('RollingUpdate');
    expect(deployment.spec?.strategy?.rollingUpdate?.maxUnavailable).toBe(0);
    expect(deployment.spec?.strategy?.rollingUpdate?.maxSurge).toBeGreaterThanOrEqual(1);
  });

  it('give a stopping pod the time to finish its in-flight webhooks', () => {
    const graceMs = (podTemplate.spec.terminationGracePeriodSeconds ?? 30) * 1000;
    const pauseMs = preStopPauseMs();
    expect(pauseMs).toBeGreaterThanOrEqual(2_000);
    // SHUTDOWN_TIMEOUT_MS from the ConfigMap, or the service's default when it is absent.
    expect(graceMs).toBeGreaterThan(deployedConfig.shutdownTimeoutMs + pauseMs);
    // An in-flight webhook runs until its deadline at most: what the shutdown leaves it after
    // the readiness window is longer.
    expect(deployedConfig.shutdownTimeoutMs - deployedConfig.shutdownDrainMs).toBeGreaterThan(
      deployedConfig.handlerTimeoutMs,
    );
  });

  it('run unprivileged on a read-only filesystem', () => {
    const pod = podTemplate.spec.securityContext ?? {};
    const own = container.securityContext ?? {};
    const effective = { ...pod, ...own };
    expect(effective.runAsNonRoot).toBe(true);
    // The image's USER is a name (node): the kubelet can only check runAsNonRoot against a
    // numeric id, and refuses to start the container without one.
    expect(effective.runAsUser).toEqual(expect.any(Number));
    expect(effective.runAsUser).not.toBe(0);
    expect(own.readOnlyRootFilesystem).toBe(true);
    expect(own.allowPrivilegeEscalation).toBe(false);
    expect(own.capabilities?.drop).toContain('ALL');
  });
});

// ---------------------------------------------------------------------------------------
// What `kubectl apply -k deploy/k8s` sends: the manifests as kustomize renders them
// ---------------------------------------------------------------------------------------

/**
 * The kubectl that renders them: `KUBECTL`, else the one on PATH. `.ci/run` provides one
 * on a machine that has none; without one these tests fail, they never skip.
 */
const kubectl = process.env.KUBECTL || 'kubectl';

/** `kubectl kustomize deploy/k8s`: the manifests as `kubectl apply -k` would apply them. */
function kustomize(): Manifest[] {
  let output: string;
  try {
    output = execFileSync(kubectl, ['kustomize', fileURLToPath(k8sDir)], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
    });
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stderr?: string };
    if (failure.code === 'ENOENT') {
      throw new Error(
        `${kubectl} not found: the rendered manifests cannot be checked. Put kubectl on PATH ` +
          '(or name it in KUBECTL); .ci/run fetches one where the machine has none.',
        { cause: error },
      );
    }
    const why = failure.stderr || failure.message;
    throw new Error(`${kubectl} kustomize deploy/k8s failed: ${why}`, { cause: error });
  }
  return parseYamlText(output, 'kubectl kustomize deploy/k8s') as Manifest[];
}

interface IngressPath {
  path?: string;
  pathType?: string;
  backend?: { service?: { name: string; port?: { name?: string; number?: number } } };
}

interface IngressSpec {
  ingressClassName?: string;
  defaultBackend?: unknown;
  tls?: Array<{ hosts?: string[]; secretName?: string }>;
  rules?: Array<{ host?: string; http?: { paths: IngressPath[] } }>;
}

interface PolicyPeer {
  namespaceSelector?: { matchLabels?: Labels; matchExpressions?: unknown[] };
  podSelector?: { matchLabels?: Labels; matchExpressions?: unknown[] };
  ipBlock?: { cidr: string; except?: string[] };
}

interface NetworkPolicySpec {
  podSelector?: { matchLabels?: Labels };
  policyTypes?: string[];
  ingress?: Array<{
    from?: PolicyPeer[];
    ports?: Array<{ port?: string | number; protocol?: string }>;
  }>;
}

/**
 * Whether an Ingress path takes a request path, as networking.k8s.io/v1 defines it: Exact
 * is the same string, Prefix a prefix of whole `/`-separated elements (`/webhook` takes
 * `/webhook/questions/7`, not `/webhooks`).
 */
function ingressTakes(rule: IngressPath, requestPath: string): boolean {
  if (rule.pathType === 'Exact') return rule.path === requestPath;
  const elements = (path: string) => path.split('/').filter((element) => element !== '');
  const wanted = elements(rule.path ?? '/');
  const got = elements(requestPath);
  return wanted.length <= got.length && wanted.every((element, index) => element === got[index]);
}

describe('kubectl kustomize deploy/k8s', () => {
  let rendered: Manifest[];
  let renderedContainers: Container[];
  let ingressPaths: IngressPath[];
  let prefix: string;

  beforeAll(() => {
    rendered = kustomize();
    renderedContainers = rendered
      .filter((manifest) => manifest.kind === 'Deployment')
      .flatMap((manifest) => manifest.spec?.template?.spec.containers ?? []);
    ingressPaths = rendered
      .filter((manifest) => manifest.kind === 'Ingress')
      .flatMap((manifest) => (manifest.spec as IngressSpec).rules ?? [])
      .flatMap((rule) => rule.http?.paths ?? []);
    const renderedConfig = rendered.find((manifest) => manifest.kind === 'ConfigMap');
    prefix = loadConfig(renderedConfig?.data ?? {}).pathPrefix;
  });

  const exposed = (path: string) => ingressPaths.some((rule) => ingressTakes(rule, path));

  /** The webhook routes Cliengo is given, under PATH_PREFIX, with a token and without. */
  const webhookPaths = () =>
    [
      '/webhook',
      '/webhook/questions/7',
      '/token/TOKEN/webhook',
      '/token/TOKEN/webhook/questions/7',
      '/chatbots/ventas/webhook',
      '/chatbots/ventas/webhook/questions/7',
      '/token/TOKEN/chatbots/ventas/webhook',
      '/token/TOKEN/chatbots/ventas/webhook/questions/7',
    ].map((path) => `${prefix}${path}`);

  /** What must stay inside the cluster: probes, scrapes and docs. */
  const internalPaths = () => [
    '/health/live',
    '/health/ready',
    '/metrics',
    `${prefix}/docs`,
    `${prefix}/docs/openapi.json`,
    `${prefix}/docs/openapi.yaml`,
  ];

  it('renders every manifest of the folder, of the kinds expected', () => {
    expect(rendered.map((manifest) => manifest.kind).sort()).toEqual(EXPECTED_KINDS);
    expect(rendered).toHaveLength(manifests.length);
  });

  it("runs the image the kustomization names, tagged with the package's version", () => {
    const [image] = kustomization.images ?? [];
    expect(renderedContainers.map((candidate) => candidate.image)).toEqual([
      `${image.newName}:${packageVersion}`,
    ]);
  });

  it("builds and pushes, by the README's commands, the image it deploys", () => {
    const readme = read('README.md');
    const line = /^IMAGE=\$\(.*\)/m.exec(readme)?.[0];
    expect(line).toEqual(expect.stringContaining('kubectl kustomize deploy/k8s'));
    expect(readme).toMatch(/^docker build -t "\$IMAGE" \.$/m);
    expect(readme).toMatch(/^docker push "\$IMAGE"/m);
    expect(readme).toMatch(/^kubectl apply -k deploy\/k8s$/m);
    // The README's line, run as a user would from the repository's root.
    const kubectlDir = kubectl.includes('/') ? dirname(kubectl) : undefined;
    const image = execFileSync('bash', ['-c', `${line!}\nprintf %s "$IMAGE"`], {
      cwd: fileURLToPath(root),
      encoding: 'utf8',
      env: {
        ...process.env,
        PATH: kubectlDir ? `${kubectlDir}:${process.env.PATH}` : process.env.PATH,
      },
      timeout: 60_000,
    });
    expect(image).toBe(renderedContainers[0].image);
  });

  it('exposes every webhook route on the public route, and no probe, scrape or docs path', () => {
    expect(ingressPaths.length).toBeGreaterThan(0);
    expect(webhookPaths().filter((path) => !exposed(path))).toEqual([]);
    expect(internalPaths().filter((path) => exposed(path))).toEqual([]);
    expect(exposed('/')).toBe(false);
  });

  it('sends the public route to the Service, over TLS, with nothing left to a controller to guess', () => {
    const service = rendered.find((manifest) => manifest.kind === 'Service')!;
    const servicePort = service.spec?.ports?.[0];
    for (const ingress of rendered.filter((manifest) => manifest.kind === 'Ingress')) {
      expect(ingress.apiVersion).toBe('networking.k8s.io/v1');
      const spec = ingress.spec as IngressSpec;
      // A default backend would take every path the rules do not.
      expect(spec.defaultBackend).toBeUndefined();
      const hosts = (spec.rules ?? []).map((rule) => rule.host);
      expect(hosts.every((host) => typeof host === 'string')).toBe(true);
      const secured = (spec.tls ?? []).flatMap((tls) => tls.hosts ?? []);
      expect(hosts.filter((host) => !secured.includes(host!))).toEqual([]);
    }
    for (const rule of ingressPaths) {
      // ImplementationSpecific means what each controller makes of it: not a promise.
      expect([rule.path, rule.pathType]).toEqual([
        rule.path,
        expect.stringMatching(/^(Exact|Prefix)$/),
      ]);
      expect(rule.backend?.service?.name).toBe(service.metadata.name);
      const port = rule.backend?.service?.port;
      expect(port?.name === servicePort?.name || port?.number === servicePort?.port).toBe(true);
    }
  });

  it('opens no other way in: ClusterIP Services, no host network or host ports', () => {
    for (const service of rendered.filter((manifest) => manifest.kind === 'Service')) {
      expect(service.spec?.type ?? 'ClusterIP').toBe('ClusterIP');
    }
    for (const deployed of rendered.filter((manifest) => manifest.kind === 'Deployment')) {
      const pod = deployed.spec!.template!.spec as { hostNetwork?: boolean };
      expect(pod.hostNetwork ?? false).toBe(false);
    }
    const ports = renderedContainers.flatMap((candidate) => candidate.ports ?? []);
    expect(ports.filter((port) => 'hostPort' in port)).toEqual([]);
  });

  it('lets only the ingress controller and Prometheus connect to the pods, on the http port', () => {
    const policies = rendered.filter((manifest) => manifest.kind === 'NetworkPolicy');
    expect(policies).toHaveLength(1);
    const spec = policies[0].spec as NetworkPolicySpec;
    expect(selectsPods(spec.podSelector?.matchLabels)).toBe(true);
    // Incoming traffic only: handlers reach their backends freely.
    expect(spec.policyTypes).toEqual(['Ingress']);
    const rules = spec.ingress ?? [];
    expect(rules.length).toBeGreaterThan(0);
    const httpPorts = ['http', containerPort];
    const hasLabels = (selector?: { matchLabels?: Labels }) =>
      Object.keys(selector?.matchLabels ?? {}).length > 0;
    for (const rule of rules) {
      // An empty `from` or peer, or an open address block, would let anyone in.
      expect(rule.from?.length).toBeGreaterThan(0);
      for (const peer of rule.from ?? []) {
        expect(peer.ipBlock).toBeUndefined();
        expect(hasLabels(peer.namespaceSelector) || hasLabels(peer.podSelector)).toBe(true);
        if (peer.namespaceSelector) expect(hasLabels(peer.namespaceSelector)).toBe(true);
        if (peer.podSelector) expect(hasLabels(peer.podSelector)).toBe(true);
      }
      expect(rule.ports?.length).toBeGreaterThan(0);
      for (const port of rule.ports ?? []) expect(httpPorts).toContain(port.port);
    }
    const scraper = rules
      .flatMap((rule) => rule.from ?? [])
      .filter((peer) => Object.values(peer.podSelector?.matchLabels ?? {}).includes('prometheus'));
    expect(scraper).toHaveLength(1);
  });

  describe('against the app configured with the rendered ConfigMap', () => {
    const TOKEN = 'deployment-token-0123456789';
    const DOCUMENTED_WEBSITE_ID = (
      JSON.parse(read('src/contract/examples/documented-request.json')) as { websiteId: string }
    ).websiteId;
    let app: NestExpressApplication;

    beforeAll(async () => {
      const renderedConfig = rendered.find((manifest) => manifest.kind === 'ConfigMap');
      app = await createTestApp({
        config: {
          ...loadConfig(renderedConfig?.data ?? {}),
          logLevel: 'silent',
          // What must not leak, served: the docs too, and the token that opens the webhook.
          docsEnabled: true,
          metricsEnabled: true,
          accessTokens: [TOKEN],
          // A chatbot for the per-chatbot routes, of the documented request's websiteId.
          chatbots: [{ name: 'ventas', websiteId: DOCUMENTED_WEBSITE_ID }],
        },
      });
    });
    afterAll(() => app?.close());

    it('answers the exposed webhook routes as webhooks', async () => {
      const body = JSON.parse(read('src/contract/examples/documented-request.json')) as object;
      for (const path of webhookPaths()) {
        const url = path.replace('TOKEN', TOKEN);
        const sent = request(app.getHttpServer()).post(url).send(body);
        const response = await (url.includes('/token/')
          ? sent
          : sent.set('Authorization', `Bearer ${TOKEN}`));
        expect([path, response.status]).toEqual([path, 200]);
      }
    });

    it('answers nothing but webhooks under the prefixes the Ingress exposes', async () => {
      const prefixes = ingressPaths
        .filter((rule) => rule.pathType === 'Prefix')
        .map((rule) => rule.path!.replace(/\/$/, ''));
      const tried: string[] = [];
      for (const exposedPrefix of prefixes) {
        for (const internal of internalPaths()) {
          // What a request could try to reach an internal endpoint through an exposed prefix:
          // directly under it, behind a token or a chatbot name, or climbing out of a webhook.
          for (const path of [
            `${exposedPrefix}${internal}`,
            `${exposedPrefix}/${TOKEN}${internal}`,
            `${exposedPrefix}/${TOKEN}/chatbots/ventas${internal}`,
            `${exposedPrefix}/${TOKEN}/webhook/../..${internal}`,
          ]) {
            if (!exposed(path)) continue;
            tried.push(path);
            // With the token: past the webhook gate, the router has no such route.
            const response = await request(app.getHttpServer())
              .get(path)
              .set('Authorization', `Bearer ${TOKEN}`);
            expect([path, response.status]).toEqual([path, 404]);
          }
        }
      }
      expect(tried.length).toBeGreaterThan(0);
    });
  });
});

// ---------------------------------------------------------------------------------------
// Dockerfile
// ---------------------------------------------------------------------------------------

interface Instruction {
  keyword: string;
  args: string;
}

/** The Dockerfile's instructions, continuation lines joined, comments dropped. */
function parseDockerfile(text: string): Instruction[] {
  const instructions: Instruction[] = [];
  let pending = '';
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed.startsWith('#') || (trimmed === '' && pending === '')) continue;
    if (trimmed.endsWith('\\')) {
      pending += `${trimmed.slice(0, -1).trim()} `;
      continue;
    }
    const [, keyword, args] = /^(\S+)\s*([\s\S]*)$/.exec(`${pending}${trimmed}`)!;
    instructions.push({ keyword: keyword.toUpperCase(), args: args.trim() });
    pending = '';
  }
  return instructions;
}

const dockerfile = parseDockerfile(read('Dockerfile'));
const lastFrom = dockerfile.map((instruction) => instruction.keyword).lastIndexOf('FROM');
const finalStage = dockerfile.slice(lastFrom);
const buildStages = dockerfile.slice(0, lastFrom);
const inFinal = (keyword: string) => finalStage.filter((step) => step.keyword === keyword);
const lastInFinal = (keyword: string) => inFinal(keyword).at(-1);

/** The HEALTHCHECK's command, in exec form. */
function healthcheckCommand(): string[] {
  const healthcheck = lastInFinal('HEALTHCHECK');
  const exec = /\bCMD\s+(\[[\s\S]*\])\s*$/.exec(healthcheck?.args ?? '');
  if (!exec) throw new Error(`HEALTHCHECK has no exec-form CMD: ${healthcheck?.args}`);
  return JSON.parse(exec[1]) as string[];
}

/** `.dockerignore` as a matcher: the last matching pattern decides, `!` re-includes. */
function dockerignore(): (path: string) => boolean {
  const rules = read('.dockerignore')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const negated = line.startsWith('!');
      const pattern = (negated ? line.slice(1) : line).replace(/^\/+|\/+$/g, '');
      const source = pattern
        .split(/(\*\*\/|\*\*|\*|\?)/)
        .map((part) => {
          if (part === '**/') return '(?:.*/)?';
          if (part === '**') return '.*';
          if (part === '*') return '[^/]*';
          if (part === '?') return '[^/]';
          return part.replace(/[.+^${}()|[\]\\]/g, '\\$&');
        })
        .join('');
      return { negated, regex: new RegExp(`^${source}(?:/.*)?$`) };
    });
  return (path) =>
    rules.reduce((ignored, rule) => (rule.regex.test(path) ? !rule.negated : ignored), false);
}

describe('the Dockerfile', () => {
  it('runs the final stage on a supported Node LTS, as a non-root user', () => {
    const image = lastInFinal('FROM')!
      .args.split(/\s+/)
      .find((word) => !word.startsWith('--'))!;
    const major = /^(?:docker\.io\/)?(?:library\/)?node:(\d+)(?:[.-]|$)/.exec(image);
    expect(major).not.toBeNull();
    // Node 20 is past end of life; LTS lines are the even ones.
    expect(Number(major![1])).toBeGreaterThanOrEqual(22);
    expect(Number(major![1]) % 2).toBe(0);
    const user = lastInFinal('USER')?.args;
    expect(user).toEqual(expect.any(String));
    expect(user).not.toMatch(/^(root|0)(:|$)/);
    expect(inFinal('ENV').map((step) => step.args)).toContainEqual(
      expect.stringMatching(/\bNODE_ENV[= ]production\b/),
    );
  });

  it('starts node itself on dist/service/main.js, so SIGTERM reaches the service', () => {
    expect(JSON.parse(lastInFinal('CMD')!.args)).toEqual(['node', 'dist/service/main.js']);
    expect(lastInFinal('ENTRYPOINT')).toBeUndefined();
    expect(lastInFinal('STOPSIGNAL')?.args ?? 'SIGTERM').toBe('SIGTERM');
    expect(inFinal('EXPOSE').map((step) => Number(step.args))).toEqual([containerPort]);
  });

  /** What each COPY or ADD from the build context copies (not those from another stage). */
  function contextSources(steps: Instruction[]): string[] {
    return steps
      .filter((step) => step.keyword === 'COPY' || step.keyword === 'ADD')
      .filter((step) => !/(^|\s)--from=/.test(step.args))
      .flatMap((step) => {
        const words = step.args.split(/\s+/).filter((word) => !word.startsWith('--'));
        return words.slice(0, -1);
      });
  }

  it('builds with the devDependencies and ships only the production ones and dist', () => {
    const buildRuns = buildStages.filter((step) => step.keyword === 'RUN').map((s) => s.args);
    expect(buildRuns.join('\n')).toMatch(/\bnpm ci\b/);
    expect(buildRuns.join('\n')).toMatch(/\bnpm run build\b/);
    const finalRuns = inFinal('RUN').map((step) => step.args);
    expect(finalRuns).toContainEqual(expect.stringMatching(/\bnpm ci\b.*--omit=dev/));
    expect(finalRuns.join('\n')).not.toMatch(/\bnpm (run )?build\b/);
    expect(inFinal('COPY').map((step) => step.args)).toContainEqual(
      expect.stringMatching(/^--from=\S+\s+\S*dist\/?\s+\S*dist\/?$/),
    );
    // Only package files from the context: the service reads its version from package.json
    // next to dist/ at runtime; sources and the rest of the context stay out of the image.
    const shipped = contextSources(finalStage);
    expect(shipped).toContain('package.json');
    expect(shipped.filter((source) => !/^package(-lock)?\.json$/.test(source))).toEqual([]);
  });

  it('sends the build what it copies, and nothing that must stay out', () => {
    const ignored = dockerignore();
    for (const source of contextSources(dockerfile)) {
      expect([source, existsSync(new URL(source, root))]).toEqual([source, true]);
      expect([source, ignored(source)]).toEqual([source, false]);
    }
    // The assets nest build copies into dist/ come with src/.
    for (const example of readdirSync(new URL('src/contract/examples/', root))) {
      expect(ignored(`src/contract/examples/${example}`)).toBe(false);
    }
    for (const path of ['node_modules', 'dist', '.git', 'coverage', 'bench/results', '.env']) {
      expect([path, ignored(path)]).toEqual([path, true]);
    }
  });

  describe('HEALTHCHECK', () => {
    let app: NestExpressApplication;
    let port: number;
    let closed = false;

    beforeAll(async () => {
      app = await createTestApp();
      await app.listen(0, '127.0.0.1');
      port = (app.getHttpServer().address() as AddressInfo).port;
    });
    afterAll(async () => {
      if (!closed) await app.close();
    });

    /** Runs the HEALTHCHECK command as Docker would in the container; its exit code. */
    function runHealthcheck(): Promise<number> {
      const [program, ...args] = healthcheckCommand();
      expect(program).toBe('node');
      return new Promise((resolve) => {
        execFile(
          process.execPath,
          args,
          { env: { ...process.env, PORT: String(port) }, timeout: 10_000 },
          (error) => resolve(error ? (typeof error.code === 'number' ? error.code : -1) : 0),
        );
      });
    }

    it('probes /health/live with node, and passes while the service is up', async () => {
      expect(healthcheckCommand().join(' ')).toContain('/health/live');
      expect(await runHealthcheck()).toBe(0);
    });

    it('fails once the service is gone', async () => {
      await app.close();
      closed = true;
      expect(await runHealthcheck()).not.toBe(0);
    });
  });
});

// ---------------------------------------------------------------------------------------
// Node versions: package.json's engines, .nvmrc, the image and CI
// ---------------------------------------------------------------------------------------

/** Whether an engines range of `^x.y.z` and `>=x.y.z` alternatives admits `version`. */
function admits(range: string, version: string): boolean {
  const parse = (text: string) => {
    const parts = text.split('.').map(Number);
    return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0];
  };
  const compare = (a: number[], b: number[]) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
  const wanted = parse(version.replace(/^v/, ''));
  return range.split('||').some((alternative) => {
    const [, operator, bound] = /^\s*(\^|>=)(\d+(?:\.\d+){0,2})\s*$/.exec(alternative) ?? [];
    if (!operator) throw new Error(`engines alternative not understood: ${alternative}`);
    const low = parse(bound);
    if (compare(wanted, low) < 0) return false;
    return operator === '>=' || wanted[0] === low[0];
  });
}

describe('the Node versions', () => {
  const engines = (JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node;
  const nvmrc = read('.nvmrc').trim();
  const imageMajors = dockerfile
    .filter((step) => step.keyword === 'FROM')
    .map((step) => /\bnode:(\d+)(?:[.-]|\s|$)/.exec(step.args)?.[1]);

  it('are compared by a reading of engines that knows ^ and >=', () => {
    expect(admits('^20.19.0 || >=24', '20.19.0')).toBe(true);
    expect(admits('^20.19.0 || >=24', '20.18.9')).toBe(false);
    expect(admits('^20.19.0 || >=24', '22.13.0')).toBe(false);
    expect(admits('^20.19.0 || >=24', '26.1.0')).toBe(true);
  });

  it('admit the Node this suite runs on', () => {
    expect([process.version, admits(engines, process.version)]).toEqual([process.version, true]);
  });

  it('admit the development major (.nvmrc) and the image major, one major in every stage', () => {
    expect(nvmrc).toMatch(/^\d+$/);
    expect(admits(engines, `${nvmrc}.99.0`)).toBe(true);
    expect(imageMajors.length).toBeGreaterThan(0);
    expect(new Set(imageMajors).size).toBe(1);
    expect(imageMajors[0]).toMatch(/^\d+$/);
    expect(admits(engines, `${imageMajors[0]}.99.0`)).toBe(true);
  });

  it("are stated in the README as the Dockerfile's FROM has them", () => {
    const readme = read('README.md');
    const fromImage = dockerfile
      .filter((step) => step.keyword === 'FROM')
      .map((step) => /\bnode:(\S+)/.exec(step.args)?.[1])[0];
    // Every `node:<major>...` image the README names is the FROM's (not `node:http` and the like).
    const tags = [...readme.matchAll(/`node:(\d[^`\s]*)`/g)].map((match) => match[1]);
    expect(tags.length).toBeGreaterThan(0);
    expect(new Set(tags)).toEqual(new Set([fromImage]));
    // And so is every major the README gives the image.
    const majors = [
      /production image runs (\d+)/g,
      /image is on Node (\d+)/g,
      /Node (\d+) LTS/g,
      /(\d+) \(the image's major/g,
      /On Node (\d+)\.\d+ or later, as in the image/g,
    ].flatMap((pattern) => [...readme.matchAll(pattern)].map((match) => match[1]));
    expect(majors.length).toBeGreaterThanOrEqual(4);
    expect(new Set(majors)).toEqual(new Set([imageMajors[0]]));
  });

  it('are what CI runs the suite on: the machine Node, then the Dockerfile FROM major', () => {
    const ci = read('.ci/run');
    expect(ci).toMatch(/\^FROM node:\(\[0-9\]\+\)/);
    expect(ci.match(/^\s*(?:PATH=\S+ )?run_suite "/gm)).toHaveLength(2);
  });
});
