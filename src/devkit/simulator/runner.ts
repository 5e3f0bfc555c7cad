import type { Turn } from './events.js';
import { checkStep, type Mismatch } from './expectations.js';
import { type FlowDefinition, type FlowStep, loadFlowFile } from './flow-file.js';
import { renderTurn } from './renderer.js';
import { CliengoSimulator } from './simulator.js';
import { formatStepFailure, stepLabel } from './step-report.js';
import { plainStyle, type Style } from './style.js';
import {
  type TokenPlacement,
  type UrlMode,
  WebhookClient,
  type WebhookTransport,
} from './webhook-client.js';

/** Where to play a conversation file, and how to report it. */
export interface RunFlowOptions {
  /** The service's base URL, e.g. `http://127.0.0.1:3000`. Not needed with `transport`. */
  url?: string;
  /** An access token (see `WebhookClientOptions`). */
  token?: string;
  tokenIn?: TokenPlacement;
  tokenQueryParam?: string;
  /**
   * Overrides the file's `mode`. Default: the file's, else `global`. With a `transport`, it
   * (else the file's) picks the URL style of a transport that serves either (`forMode`, e.g.
   * the test kit's `kit.transport()`); a transport bound to one URL style is used as it is.
   */
  mode?: UrlMode;
  /**
   * The chatbot whose own URLs to post to (`<url>/chatbots/<name>/webhook`), in a deployment
   * serving several chatbots; its requests then carry no website id unless `websiteId` gives
   * one. For the HTTP client only: a transport has its own URLs (the test kit's
   * `kit.chatbot(name).transport()` posts to a chatbot's).
   */
  chatbot?: string;
  /**
   * The website id the requests carry: on the global URL of a deployment serving several
   * chatbots, it picks the chatbot (see `SimulatorOptions.websiteId`; `null`: none).
   */
  websiteId?: string | null;
  /** How long to wait for each reply. Default: 10000 ms. */
  timeoutMs?: number;
  /** Delivers the webhook calls instead of an HTTP client (tests, the test kit in-process). */
  transport?: WebhookTransport;
  /** Receives the transcript, line by line, as the conversation is played. */
  write?: (line: string) => void;
  style?: Style;
  /** Print each request and reply body too. */
  verbose?: boolean;
}

/** The step that failed, and why. */
export interface StepFailure {
  /** 1-based step number (0: the file could not be played at all). */
  step: number;
  /** The step as written: `visitor: "30.123.456"`. */
  label: string;
  mismatches: Mismatch[];
  /** The whole report, diff-like, ready to print. */
  message: string;
}

/** How a conversation file went. */
export interface FlowResult {
  ok: boolean;
  name: string;
  source: string;
  /** Steps played (including the failing one). */
  stepsRun: number;
  stepsTotal: number;
  failure?: StepFailure;
  /** Every line of the transcript (also sent to `write` as it happened). */
  transcript: string[];
}

function failureMessage(
  flow: FlowDefinition,
  index: number,
  step: FlowStep,
  mismatches: Mismatch[],
  turn: Turn,
): string {
  const heading = `${flow.source} · step ${index + 1} of ${flow.steps.length} (${stepLabel(step)})${step.note ? ` — ${step.note}` : ''}`;
  return formatStepFailure(heading, mismatches, turn);
}

function transportFor(flow: FlowDefinition, options: RunFlowOptions): WebhookTransport {
  if (options.transport) {
    if (options.chatbot !== undefined) {
      throw new TypeError(
        "runFlow's chatbot option is for its HTTP client: with a transport, give one that posts to the chatbot's URLs (the kit's kit.chatbot(name).transport())",
      );
    }
    const mode = options.mode ?? flow.settings.mode;
    const { transport } = options;
    return mode !== undefined && transport.forMode ? transport.forMode(mode) : transport;
  }
  if (!options.url) throw new TypeError('runFlow needs a url (or a transport)');
  return new WebhookClient({
    url: options.url,
    mode: options.mode ?? flow.settings.mode ?? 'global',
    chatbot: options.chatbot,
    token: options.token,
    tokenIn: options.tokenIn,
    tokenQueryParam: options.tokenQueryParam,
    timeoutMs: options.timeoutMs,
  });
}

/**
 * Plays a conversation unattended against a service and checks every step's
 * expectations. Stops at the first step that does not match; the result's `failure`
 * says where and how, diff-like.
 */
export async function runFlow(flow: FlowDefinition, options: RunFlowOptions): Promise<FlowResult> {
  const transcript: string[] = [];
  const style = options.style ?? plainStyle;
  const write = (line: string) => {
    transcript.push(line);
    options.write?.(line);
  };
  const simulator = new CliengoSimulator({
    script: flow.script,
    transport: transportFor(flow, options),
    channel: flow.settings.channel,
    conversationId: flow.settings.conversationId,
    websiteId: options.websiteId,
    startAt: flow.settings.startAt,
    opening: flow.settings.opening,
    intervened: flow.settings.intervened,
    memory: flow.settings.memory,
    lead: flow.settings.lead,
    countryCode: flow.settings.countryCode,
  });
  const render = {
    chatbotName: flow.script.chatbotName,
    style,
    verbose: options.verbose,
    echoVisitor: true,
  };
  write(style.strong(`▶ ${flow.name} (${flow.source}) → ${simulator.target}`));
  let turn = simulator.start();
  renderTurn(turn, render).forEach(write);
  for (const [index, step] of flow.steps.entries()) {
    if (step.note) write(style.dim(`# ${step.note}`));
    if (step.kind !== 'check') {
      turn =
        step.kind === 'visitor'
          ? await simulator.visitorSays(step.text)
          : simulator.setIntervened(step.on);
      renderTurn(turn, render).forEach(write);
    }
    const mismatches = checkStep(step.expect, turn, simulator.status());
    if (mismatches.length > 0) {
      const message = failureMessage(flow, index, step, mismatches, turn);
      message.split('\n').forEach((line) => write(style.bad(line)));
      return {
        ok: false,
        name: flow.name,
        source: flow.source,
        stepsRun: index + 1,
        stepsTotal: flow.steps.length,
        failure: { step: index + 1, label: stepLabel(step), mismatches, message },
        transcript,
      };
    }
    if (step.expect) write(style.good(`    ✓ step ${index + 1}: as expected`));
  }
  write(style.good(`✓ ${flow.name}: all ${flow.steps.length} steps as expected`));
  return {
    ok: true,
    name: flow.name,
    source: flow.source,
    stepsRun: flow.steps.length,
    stepsTotal: flow.steps.length,
    transcript,
  };
}

/** Reads a conversation file and plays it (see `runFlow`). */
export async function runFlowFile(file: string, options: RunFlowOptions): Promise<FlowResult> {
  return runFlow(await loadFlowFile(file), options);
}
