import { StringDecoder } from 'node:string_decoder';

/** Standard output that goes quiet when its reader leaves (`| head -1`): no EPIPE trace, exit 0. */
export class QuietOutput {
  closed = false;
  failed = false;

  constructor(private readonly command: string) {
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      this.closed = true;
      if (error.code !== 'EPIPE') {
        this.failed = true;
        process.stderr.write(`${this.command}: cannot write the output: ${error.message}\n`);
      }
    });
  }

  write(text: string): void {
    if (!this.closed && text) process.stdout.write(text);
  }
}

/**
 * The lines of a stream, one batch per chunk read (so that a caller writing a line and waiting
 * for its answer gets it). Splits on LF only, drops one trailing CR and a leading byte-order mark;
 * a last line without its newline still counts.
 */
export async function* lineBatches(input: NodeJS.ReadableStream): AsyncGenerator<string[]> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let first = true;
  const clean = (line: string) => (line.endsWith('\r') ? line.slice(0, -1) : line);
  for await (const chunk of input) {
    let text = pending + (typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer));
    if (first && text) {
      text = text.replace(/^\uFEFF/, '');
      first = false;
    }
    const lines = text.split('\n');
    pending = lines.pop() ?? '';
    if (lines.length) yield lines.map(clean);
  }
  pending += decoder.end();
  if (pending) yield [clean(pending)];
}
