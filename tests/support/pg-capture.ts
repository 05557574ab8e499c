import net from 'node:net'

/** One statement a client ran, as it went over the wire, and what came back. */
export interface CapturedStatement {
  text: string
  /** bound values as text (null: SQL NULL) */
  params: (string | null)[]
  /** the parameter types the client declared (0: left to the server) */
  paramTypes: number[]
  columns: string[]
  /** the result rows, values as text */
  rows: (string | null)[][]
}

interface Connection {
  statements: CapturedStatement[]
  closed: Promise<void>
}

/**
 * Reads a stream of Postgres protocol messages: a type byte and a length that counts itself,
 * except the client's first message (startup), which has no type byte.
 */
function messageReader(
  onMessage: (type: string, body: Buffer) => void,
  startsWithStartup: boolean,
) {
  let pending = Buffer.alloc(0)
  let startup = startsWithStartup
  return (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk])
    for (;;) {
      const head = startup ? 0 : 1
      if (pending.length < head + 4) return
      const length = pending.readInt32BE(head)
      if (pending.length < head + length) return
      const type = startup ? '' : String.fromCharCode(pending[0]!)
      onMessage(type, pending.subarray(head + 4, head + length))
      pending = pending.subarray(head + length)
      startup = false
    }
  }
}

class Cursor {
  offset = 0
  constructor(private readonly body: Buffer) {}
  cstring() {
    const end = this.body.indexOf(0, this.offset)
    const text = this.body.toString('utf8', this.offset, end)
    this.offset = end + 1
    return text
  }
  int16() {
    this.offset += 2
    return this.body.readInt16BE(this.offset - 2)
  }
  int32() {
    this.offset += 4
    return this.body.readInt32BE(this.offset - 4)
  }
  bytes(n: number) {
    this.offset += n
    return this.body.subarray(this.offset - n, this.offset)
  }
}

/** Values of a Bind or DataRow: a count, then each as a length (-1: NULL) and bytes. */
function values(cursor: Cursor, binary: (i: number) => boolean) {
  const out: (string | null)[] = []
  for (let i = 0, n = cursor.int16(); i < n; i++) {
    const length = cursor.int32()
    if (length < 0) out.push(null)
    else {
      const bytes = cursor.bytes(length)
      out.push(binary(i) ? `\\x${bytes.toString('hex')}` : bytes.toString('utf8'))
    }
  }
  return out
}

/** Follows one connection's extended-protocol traffic (Parse, Bind, Execute) and its answers. */
function follow(client: net.Socket, server: net.Socket, statements: CapturedStatement[]) {
  const prepared = new Map<string, { text: string; types: number[]; columns: string[] }>()
  // postgres.js describes a statement (Parse, Describe) before it binds and runs it
  let lastParsed = ''
  let bound: CapturedStatement | null = null
  const awaiting: CapturedStatement[] = []
  client.on(
    'data',
    messageReader((type, body) => {
      const c = new Cursor(body)
      if (type === 'P') {
        const name = c.cstring()
        const text = c.cstring()
        const types = Array.from({ length: c.int16() }, () => c.int32())
        prepared.set(name, { text, types, columns: [] })
        lastParsed = name
      } else if (type === 'B') {
        c.cstring()
        const { text, types, columns } = prepared.get(c.cstring())!
        const formats = Array.from({ length: c.int16() }, () => c.int16())
        const params = values(c, (i) => (formats.length === 1 ? formats[0] : formats[i]) === 1)
        bound = { text, paramTypes: types, params, columns, rows: [] }
      } else if (type === 'E' && bound) {
        statements.push(bound)
        awaiting.push(bound)
        bound = null
      } else if (type === 'Q') {
        const simple = { text: c.cstring(), params: [], paramTypes: [], columns: [], rows: [] }
        statements.push(simple)
        awaiting.push(simple)
      }
    }, true),
  )
  server.on(
    'data',
    messageReader((type, body) => {
      const c = new Cursor(body)
      const current = awaiting[0]
      if (type === 'T') {
        const columns = Array.from({ length: c.int16() }, () => {
          const name = c.cstring()
          c.bytes(18)
          return name
        })
        if (current) current.columns = columns
        else if (prepared.has(lastParsed)) prepared.get(lastParsed)!.columns = columns
      } else if (type === 'D' && current) {
        current.rows.push(values(c, () => false))
      } else if ('CEIs'.includes(type)) {
        awaiting.shift()
      }
    }, false),
  )
}

export interface PgCapture {
  /** `url` with its host and port replaced by the capture's */
  proxiedUrl(url: string): string
  /** Waits until every connection opened since the last call has closed; what they ran, in order. */
  take(): Promise<CapturedStatement[]>
  close(): Promise<void>
}

/**
 * A loopback proxy in front of a Postgres server (or a pool) that records the statements its
 * clients run: the SQL text, the bound values and the rows returned. For replaying one request's
 * work elsewhere (pgbench); it reads the plain protocol, so clients must not ask for TLS.
 */
export async function startPgCapture(targetHost: string, targetPort: number): Promise<PgCapture> {
  let connections: Connection[] = []
  const listener = net.createServer((client) => {
    const server = net.connect(targetPort, targetHost)
    const statements: CapturedStatement[] = []
    follow(client, server, statements)
    client.pipe(server)
    server.pipe(client)
    client.on('error', () => server.destroy())
    server.on('error', () => client.destroy())
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()))
    client.on('close', () => server.destroy())
    connections.push({ statements, closed })
  })
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve))
  const port = (listener.address() as net.AddressInfo).port
  return {
    proxiedUrl(url) {
      const proxied = new URL(url)
      proxied.hostname = '127.0.0.1'
      proxied.port = String(port)
      return proxied.toString()
    },
    async take() {
      const taken = connections
      connections = []
      await Promise.all(taken.map((connection) => connection.closed))
      return taken.flatMap((connection) => connection.statements)
    },
    async close() {
      await new Promise((resolve) => listener.close(resolve))
    },
  }
}
