import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * One scripted answer of the fake Azure OpenAI deployment:
 * - `tool-call`: a function call (`arguments` as the model writes it: an object is JSON-encoded, a
 *   string is sent as is, so malformed JSON can be scripted);
 * - `tool-calls`: several at once;
 * - `text`: a plain assistant message;
 * - `rate-limited`: 429 with `retry-after` (seconds);
 * - `server-error`: 500;
 * - `prompt-filtered`: the 400 `content_filter` error of a filtered prompt;
 * - `answer-filtered`: 200 with `finish_reason: "content_filter"` (a filtered completion);
 * - `slow`: holds the answer `delayInMs` (longer than the client's deadline), then sends `then`.
 */
export type ScriptedAnswer =
  | { kind: 'tool-call'; name: string; arguments: string | Record<string, unknown> }
  | { kind: 'tool-calls'; calls: { name: string; arguments: string | Record<string, unknown> }[] }
  | { kind: 'text'; text: string }
  | { kind: 'rate-limited'; retryAfterSeconds: number }
  | { kind: 'server-error' }
  | { kind: 'prompt-filtered' }
  | { kind: 'answer-filtered' }
  | { kind: 'slow'; delayInMs: number; then: ScriptedAnswer };

/** One request the fake received. */
export interface ReceivedRequest {
  method: string;
  /** Path without the query. */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  /** The body exactly as sent. */
  rawBody: string;
  /** The parsed JSON body (chat completions request). */
  body: ChatCompletionsBody;
}

/** The parts of a chat completions request body the tests read. */
export interface ChatCompletionsBody {
  model?: string;
  messages: { role: string; content: string }[];
  tools?: { type: string; function: { name: string; description?: string; parameters?: unknown } }[];
  tool_choice?: unknown;
  [key: string]: unknown;
}

/** Options of the fake. */
export interface FakeAzureOpenAiOptions {
  deployment: string;
  /** The `api-key` header it accepts. */
  apiKey?: string;
  /** The bearer token it accepts (Microsoft Entra auth), instead of or besides the key. */
  bearerToken?: string;
}

/** A fake Azure OpenAI resource on 127.0.0.1 that serves one deployment's chat completions. */
export interface FakeAzureOpenAiServer {
  /** The resource endpoint, e.g. `http://127.0.0.1:41234` (the client appends `/openai/...`). */
  endpoint: string;
  requests: ReceivedRequest[];
  /** Queues answers, used in order, one per request. */
  script(...answers: ScriptedAnswer[]): void;
  /** Answers a request when the queue is empty; without it, an unscripted request gets a 500. */
  answerWith(answer: ((request: ReceivedRequest) => ScriptedAnswer) | undefined): void;
  close(): Promise<void>;
}

const chatPath = /^\/openai\/deployments\/([^/]+)\/chat\/completions$/;
const safe = { filtered: false, severity: 'safe' };
const promptFilterResults = (jailbreak: boolean) => ({
  hate: safe,
  jailbreak: { filtered: jailbreak, detected: jailbreak },
  self_harm: safe,
  sexual: safe,
  violence: safe,
});

/** Starts the fake on a free loopback port. */
export async function startFakeAzureOpenAi(options: FakeAzureOpenAiOptions): Promise<FakeAzureOpenAiServer> {
  const queue: ScriptedAnswer[] = [];
  let answerWith: ((request: ReceivedRequest) => ScriptedAnswer) | undefined;
  const timers = new Set<NodeJS.Timeout>();
  const requests: ReceivedRequest[] = [];

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        if (res.destroyed) return;
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      if (!authorized(req, options)) {
        send(401, {
          error: {
            code: '401',
            message:
              'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.',
          },
        });
        return;
      }
      const match = chatPath.exec(url.pathname);
      if (req.method !== 'POST' || !match) {
        send(404, { error: { code: '404', message: 'Resource not found' } });
        return;
      }
      if (decodeURIComponent(match[1]) !== options.deployment) {
        send(404, {
          error: {
            code: 'DeploymentNotFound',
            message:
              'The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.',
          },
        });
        return;
      }
      if (!url.searchParams.get('api-version')) {
        send(404, { error: { code: '404', message: 'Resource not found' } });
        return;
      }
      const request: ReceivedRequest = {
        method: req.method,
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        rawBody,
        body: JSON.parse(rawBody) as ChatCompletionsBody,
      };
      requests.push(request);
      const answer = queue.shift() ?? answerWith?.(request);
      if (!answer) {
        send(500, { error: { code: 'NoScriptedAnswer', message: 'the fake has no answer scripted' } });
        return;
      }
      answerTo(answer, request, send, timers);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint,
    requests,
    script: (...answers) => void queue.push(...answers),
    answerWith: (respond) => void (answerWith = respond),
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function authorized(req: IncomingMessage, options: FakeAzureOpenAiOptions): boolean {
  const key = req.headers['api-key'];
  if (options.apiKey !== undefined && key === options.apiKey) return true;
  const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  return options.bearerToken !== undefined && bearer === options.bearerToken;
}

type Send = (status: number, body: unknown, headers?: Record<string, string>) => void;

function answerTo(
  answer: ScriptedAnswer,
  request: ReceivedRequest,
  send: Send,
  timers: Set<NodeJS.Timeout>,
): void {
  const apiVersion = request.query.get('api-version') ?? '';
  switch (answer.kind) {
    case 'slow': {
      const timer = setTimeout(() => {
        timers.delete(timer);
        answerTo(answer.then, request, send, timers);
      }, answer.delayInMs);
      timers.add(timer);
      return;
    }
    case 'rate-limited':
      send(
        429,
        {
          error: {
            code: '429',
            message: `Requests to the ChatCompletions_Create Operation under Azure OpenAI API version ${apiVersion} have exceeded token rate limit of your current AIServices S0 pricing tier. Please retry after ${answer.retryAfterSeconds} seconds.`,
          },
        },
        { 'retry-after': String(answer.retryAfterSeconds) },
      );
      return;
    case 'server-error':
      send(500, {
        error: {
          code: 'InternalServerError',
          message: 'The server had an error while processing your request.',
        },
      });
      return;
    case 'prompt-filtered':
      send(400, {
        error: {
          message:
            "The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify your prompt and retry.",
          type: null,
          param: 'prompt',
          code: 'content_filter',
          status: 400,
          innererror: {
            code: 'ResponsibleAIPolicyViolation',
            content_filter_result: promptFilterResults(true),
          },
        },
      });
      return;
    case 'answer-filtered':
      send(
        200,
        completion(request, {
          finish_reason: 'content_filter',
          message: { role: 'assistant', content: null, refusal: null },
          content_filter_results: {
            ...promptFilterResults(false),
            violence: { filtered: true, severity: 'medium' },
          },
        }),
      );
      return;
    case 'text':
      send(
        200,
        completion(request, {
          finish_reason: 'stop',
          message: { role: 'assistant', content: answer.text, refusal: null },
        }),
      );
      return;
    case 'tool-call':
    case 'tool-calls': {
      const calls = answer.kind === 'tool-call' ? [answer] : answer.calls;
      send(
        200,
        completion(request, {
          finish_reason: 'tool_calls',
          message: {
            role: 'assistant',
            content: null,
            refusal: null,
            tool_calls: calls.map((call) => ({
              id: `call_${randomBytes(12).toString('hex')}`,
              type: 'function',
              function: {
                name: call.name,
                arguments:
                  typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments),
              },
            })),
          },
        }),
      );
    }
  }
}

/** A chat completion as Azure OpenAI returns it: the choice, the prompt's filter results, the usage. */
function completion(
  request: ReceivedRequest,
  choice: { finish_reason: string; message: Record<string, unknown>; content_filter_results?: unknown },
): unknown {
  // Token counts are estimates (about four characters a token); the fake has no tokenizer.
  const promptTokens = Math.ceil(request.rawBody.length / 4);
  const completionTokens = Math.max(1, Math.ceil(JSON.stringify(choice.message).length / 4));
  return {
    id: `chatcmpl-${randomBytes(12).toString('hex')}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: 'gpt-4o-2024-11-20',
    system_fingerprint: 'fp_fake',
    prompt_filter_results: [{ prompt_index: 0, content_filter_results: promptFilterResults(false) }],
    choices: [
      {
        index: 0,
        logprobs: null,
        finish_reason: choice.finish_reason,
        message: choice.message,
        content_filter_results: choice.content_filter_results ?? promptFilterResults(false),
      },
    ],
    usage: {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
    },
  };
}
