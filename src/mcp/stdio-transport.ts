// The stdio transport of the MCP server: newline-delimited JSON-RPC, like the SDK's StdioServerTransport, except
// that a message it cannot take is answered instead of ending the session. The SDK's ReadBuffer throws past 10 MB
// of buffered input, and its transport then closes (the server is gone); an unparsable line is dropped without an
// answer (the client waits forever). Here a line over the limit is skipped without being kept in memory and
// answered with a JSON-RPC error carrying its id when the id can be read from the line's ends, and an unparsable
// line gets a parse error.
import process from 'node:process';
import type { Readable, Writable } from 'node:stream';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { ErrorCode, type JSONRPCMessage, JSONRPCMessageSchema } from '@modelcontextprotocol/sdk/types.js';

export const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
/** How much of each end of an oversize line is kept to find its id. */
const EDGE = 512;

type Id = string | number | null;

export class StdioTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  private chunks: Buffer[] = [];
  private size = 0;
  /** Set while skipping an oversize line: its first and (rolling) last bytes. */
  private skipping: { head: Buffer; tail: Buffer; bytes: number } | null = null;

  constructor(
    private readonly stdin: Readable = process.stdin,
    private readonly stdout: Writable = process.stdout,
    private readonly limit = MAX_MESSAGE_BYTES,
  ) {}

  async start(): Promise<void> {
    this.stdin.on('data', this.onData);
    this.stdin.on('error', this.onError);
  }

  async close(): Promise<void> {
    this.stdin.off('data', this.onData);
    this.stdin.off('error', this.onError);
    if (this.stdin.listenerCount('data') === 0) this.stdin.pause();
    this.chunks = [];
    this.onclose?.();
  }

  send(message: JSONRPCMessage): Promise<void> {
    return new Promise((resolve) => {
      if (this.stdout.write(`${JSON.stringify(message)}\n`)) resolve();
      else this.stdout.once('drain', resolve);
    });
  }

  private readonly onError = (error: Error) => this.onerror?.(error);

  private readonly onData = (chunk: Buffer) => {
    let rest = chunk;
    for (let nl = rest.indexOf(0x0a); ; nl = rest.indexOf(0x0a)) {
      const piece = nl === -1 ? rest : rest.subarray(0, nl);
      this.take(piece);
      if (nl === -1) return;
      this.endLine();
      rest = rest.subarray(nl + 1);
    }
  };

  private take(piece: Buffer): void {
    if (this.skipping) {
      const s = this.skipping;
      s.bytes += piece.length;
      s.tail = Buffer.concat([s.tail, piece]).subarray(-EDGE);
      return;
    }
    this.chunks.push(piece);
    this.size += piece.length;
    if (this.size <= this.limit) return;
    const line = Buffer.concat(this.chunks);
    this.skipping = { head: line.subarray(0, EDGE), tail: line.subarray(-EDGE), bytes: line.length };
    this.chunks = [];
    this.size = 0;
  }

  private endLine(): void {
    if (this.skipping) {
      const { head, tail, bytes } = this.skipping;
      this.skipping = null;
      const mb = (n: number) => `${Math.floor(n / (1024 * 1024))} MB`;
      this.reject(
        idAtEdges(head.toString('utf8'), tail.toString('utf8')),
        ErrorCode.InvalidRequest,
        `The request is over ${mb(bytes)}, more than the ${mb(this.limit)} the kodo MCP server accepts in one message; pass large SQL as a migration file (validate_migrations paths) instead of inline.`,
      );
      return;
    }
    const line = Buffer.concat(this.chunks).toString('utf8').replace(/\r$/, '');
    this.chunks = [];
    this.size = 0;
    if (line.trim() === '') return;
    this.deliver(line);
  }

  private deliver(line: string): void {
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      this.reject(
        null,
        ErrorCode.ParseError,
        'The message is not valid JSON; send one JSON-RPC message per line.',
      );
      return;
    }
    if (Array.isArray(json)) {
      this.reject(
        null,
        ErrorCode.InvalidRequest,
        'JSON-RPC batches are not supported (MCP dropped them); send one message per line.',
      );
      return;
    }
    const parsed = JSONRPCMessageSchema.safeParse(json);
    if (!parsed.success) {
      const id = (json as { id?: unknown } | null)?.id;
      this.reject(
        typeof id === 'string' || typeof id === 'number' ? id : null,
        ErrorCode.InvalidRequest,
        'The message is not a JSON-RPC 2.0 request, notification or response.',
      );
      return;
    }
    this.onmessage?.(parsed.data);
  }

  private reject(id: Id, code: number, message: string): void {
    this.onerror?.(new Error(message));
    // JSON-RPC allows a null id exactly when the request's id cannot be determined.
    void this.send({ jsonrpc: '2.0', id, error: { code, message } } as unknown as JSONRPCMessage);
  }
}

/**
 * The id of a JSON-RPC object, when it is the object's first or last member (the SDK clients put it last): a
 * cheap read of a line too large to parse. Anchoring at the object's ends keeps nested `"id"` keys out.
 */
export function idAtEdges(head: string, tail: string): Id {
  const value = String.raw`(-?\d+|"(?:[^"\\]|\\.)*")`;
  const first = new RegExp(String.raw`^\s*\{\s*(?:"jsonrpc"\s*:\s*"2\.0"\s*,\s*)?"id"\s*:\s*${value}`).exec(
    head,
  );
  const last = new RegExp(String.raw`[,{]\s*"id"\s*:\s*${value}\s*\}\s*$`).exec(tail);
  const raw = first?.[1] ?? last?.[1];
  if (raw === undefined) return null;
  try {
    return JSON.parse(raw) as string | number;
  } catch {
    return null;
  }
}
