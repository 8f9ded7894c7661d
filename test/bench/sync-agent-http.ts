import http from 'node:http';

/**
 * The steady-state agents' side of HTTP, made cheap: the agents run on the machine the
 * server and its database run on, so every CPU millisecond they spend is one the server
 * does not get. Two savings, neither changing what the server does or what is timed:
 *
 * - node:http with a keep-alive agent instead of fetch (undici's streams, Request and
 *   Response objects cost several times more per request). Every agent still has its own
 *   connection, and a request is timed until its last byte has arrived.
 * - A pull's page is received whole but read only as far as an agent needs it: its cursor,
 *   whether there is more, and how many changes it carries. Parsing 40,000 rows a second
 *   into objects is the extensions' work on their own machines, not the server's.
 *   `readPage` falls back to JSON.parse whenever the text is not in the server's form.
 */

const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

export interface Answer {
  status: number;
  body: Buffer;
  ms: number;
}

export function request(
  url: URL,
  token: string,
  path: string,
  body: unknown,
  timeoutMs: number,
): Promise<Answer> {
  const started = performance.now();
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path,
        method: payload === undefined ? 'GET' : 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          ...(payload === undefined
            ? {}
            : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
        },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks),
            ms: performance.now() - started,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () =>
      req.destroy(Object.assign(new Error('timeout'), { name: 'TimeoutError' })),
    );
    req.on('error', reject);
    req.end(payload);
  });
}

export interface PageSummary {
  changes: number;
  nextCursor: number;
  hasMore: boolean;
}

const HEAD = Buffer.from('{"changes":[');
/** How every change starts in the server's text. Inside field values (PostgreSQL's jsonb
 * text) keys are followed by `": "` and quotes in strings are escaped, so it cannot occur
 * there. */
const CHANGE = Buffer.from('{"table":"');
const TAIL = /\],"nextCursor":(\d+),"hasMore":(true|false)\}$/;

/** A pull's page: counted in its bytes when in the server's form, else parsed. */
export function readPage(body: Buffer): PageSummary {
  const tail = TAIL.exec(body.subarray(Math.max(0, body.length - 64)).toString('latin1'));
  if (tail && body.subarray(0, HEAD.length).equals(HEAD)) {
    let changes = 0;
    for (let at = body.indexOf(CHANGE); at !== -1; at = body.indexOf(CHANGE, at + 1)) changes++;
    const empty = body.length === HEAD.length + tail[0].length;
    if (changes > 0 || empty) {
      return { changes, nextCursor: Number(tail[1]), hasMore: tail[2] === 'true' };
    }
  }
  const page = JSON.parse(body.toString('utf8')) as {
    changes: unknown[];
    nextCursor: number;
    hasMore: boolean;
  };
  return { changes: page.changes.length, nextCursor: page.nextCursor, hasMore: page.hasMore };
}
