import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Router } from '../../core/routing/router';

/** What the bench's stand-in for Azure OpenAI answered, counted. */
export interface EchoAzureOpenAiCounts {
  toolCalls: number;
  noTool: number;
  texts: number;
}

/** A local stand-in for an Azure OpenAI deployment, for `opsbot bench --llm` only. */
export interface EchoAzureOpenAi {
  endpoint: string;
  deployment: string;
  apiKey: string;
  counts: EchoAzureOpenAiCounts;
  close(): Promise<void>;
}

/**
 * A FAKE Azure OpenAI deployment on 127.0.0.1 for the bench, not a model: a request with tools is
 * answered with the tool the offline router chooses for the fenced message (its "echo"), or no
 * tool when that choice was not offered; a request without tools (a grounded answer) gets one step
 * citing the first section. Usage is estimated at four characters a token: the figures measure
 * opsbot's own cost around a call, never a model's.
 */
export async function startEchoAzureOpenAi(offline: Router): Promise<EchoAzureOpenAi> {
  const deployment = 'bench-fake';
  const apiKey = 'bench-fake-key';
  const counts: EchoAzureOpenAiCounts = { toolCalls: 0, noTool: 0, texts: 0 };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const body = JSON.parse(raw) as {
          messages: { role: string; content: string }[];
          tools?: { function: { name: string } }[];
        };
        const user = body.messages.find((m) => m.role === 'user')?.content ?? '';
        let message: Record<string, unknown>;
        if (body.tools?.length) {
          const text = /<<<MESSAGE (\w+)>>>\n([\s\S]*?)\n<<<END MESSAGE \1>>>/.exec(user)?.[2] ?? '';
          const intent = await offline.route(text);
          const name = intent.skill.replace(/\./g, '_');
          if (intent.skill !== 'none' && body.tools.some((t) => t.function.name === name)) {
            counts.toolCalls += 1;
            message = {
              role: 'assistant',
              content: null,
              tool_calls: [
                {
                  id: `call_${counts.toolCalls}`,
                  type: 'function',
                  function: { name, arguments: JSON.stringify(intent.args) },
                },
              ],
            };
          } else {
            counts.noTool += 1;
            message = { role: 'assistant', content: 'none' };
          }
        } else {
          counts.texts += 1;
          message = { role: 'assistant', content: '1. Follow the steps of the first section [S1].' };
        }
        const promptTokens = Math.ceil(raw.length / 4);
        const completionTokens = Math.ceil(JSON.stringify(message).length / 4);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            id: 'chatcmpl-bench',
            object: 'chat.completion',
            created: 0,
            model: 'bench-fake',
            choices: [{ index: 0, finish_reason: message.tool_calls ? 'tool_calls' : 'stop', message }],
            usage: {
              prompt_tokens: promptTokens,
              completion_tokens: completionTokens,
              total_tokens: promptTokens + completionTokens,
            },
          }),
        );
      })().catch(() => {
        res.writeHead(500).end();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    deployment,
    apiKey,
    counts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
