import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a fake server received. */
export interface RecordedRequest {
  method: string;
  /** Path with query string. */
  url: string;
  headers: IncomingMessage['headers'];
  /** Parsed JSON body, or undefined when there was none. */
  body: unknown;
}

/** What the fake answers: a status and a JSON body. */
export type FakeAnswer = { status: number; body?: unknown };

/** A fake HTTP service on 127.0.0.1 that records every request and answers with `respond`. */
export interface FakeHttpRecorder {
  url: string;
  requests: RecordedRequest[];
  /** Replaceable at any time; the default answers 200 `{}`. */
  respond: (request: RecordedRequest) => FakeAnswer;
  close(): Promise<void>;
}

export async function startFakeHttpRecorder(
  respond: (request: RecordedRequest) => FakeAnswer = () => ({ status: 200, body: {} }),
): Promise<FakeHttpRecorder> {
  const fake: FakeHttpRecorder = { url: '', requests: [], respond, close: async () => undefined };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const request: RecordedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: text ? (JSON.parse(text) as unknown) : undefined,
      };
      fake.requests.push(request);
      const answer = fake.respond(request);
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}
