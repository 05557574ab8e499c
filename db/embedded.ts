import { PGlite } from '@electric-sql/pglite'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'

export interface EmbeddedPostgres {
  url: string
  stop(): Promise<void>
}

interface QueuedMessage {
  handlerId: number
  message: Uint8Array
  timestamp: number
  resolve(bytes: number): void
  reject(err: unknown): void
  onData(data: Uint8Array): void
}

interface QueryQueue {
  queue: QueuedMessage[]
  processing: boolean
  lastHandlerId: number | null
  db: PGlite
  processQueue(): Promise<void>
  clearQueueForHandler(handlerId: number): void
}

const protocolVersion3 = 196608
/** how long a connection that holds the queue may stay silent while others wait */
const ownerIdleMs = 3_000

/** Whether a message leaves its connection mid-way through an extended-protocol exchange. */
function opensExchange(message: Uint8Array): boolean {
  const view = new DataView(message.buffer, message.byteOffset, message.byteLength)
  if (message.byteLength >= 8 && view.getInt32(4) === protocolVersion3) return false // startup
  const type = String.fromCharCode(message[0] ?? 0)
  return !['S', 'Q', 'X'].includes(type)
}

/**
 * pglite-socket serialises messages from all connections, but only keeps one connection's
 * messages together inside a transaction. Outside one, two clients' Parse/Bind/Execute/Sync
 * sequences interleave on the single PGlite session and fail ("portal does not exist"). This
 * keeps a connection's exchange together until its Sync, and never leaves the queue stuck after
 * an error or a client that left mid-exchange.
 */
function keepExchangesTogether(queue: QueryQueue) {
  let openFor: number | null = null
  let idleTimer: ReturnType<typeof setTimeout> | undefined

  // A client that stops mid-exchange or mid-transaction without closing its socket (a Worker
  // request cancelled by the runtime does this) would hold the queue forever: after a while
  // its transaction is rolled back and the others go on.
  const releaseIfStillIdle = (owner: number) => {
    clearTimeout(idleTimer)
    idleTimer = setTimeout(async () => {
      if (queue.db.closed) return
      try {
        const current = openFor ?? (queue.db.isInTransaction() ? queue.lastHandlerId : null)
        if (current !== owner || queue.processing || queue.queue.length === 0) return
        if (queue.queue.some((m) => m.handlerId === owner)) return
        openFor = null
        queue.lastHandlerId = null
        if (queue.db.isInTransaction()) await queue.db.exec('ROLLBACK')
        void queue.processQueue()
      } catch (err) {
        console.error('embedded Postgres: could not release an idle connection', err)
      }
    }, ownerIdleMs)
    idleTimer.unref?.()
  }

  queue.processQueue = async function processQueue() {
    if (this.processing || this.queue.length === 0) return
    this.processing = true
    try {
      while (this.queue.length > 0) {
        const owner = openFor ?? (this.db.isInTransaction() ? this.lastHandlerId : null)
        const index = owner === null ? 0 : this.queue.findIndex((m) => m.handlerId === owner)
        if (index === -1) {
          releaseIfStillIdle(owner!)
          break
        }
        const [item] = this.queue.splice(index, 1)
        if (!item) break
        let bytes = 0
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(item.message, {
              onRawData: (data: Uint8Array) => {
                bytes += data.length
                item.onData(data)
              },
            }),
          )
        } catch (err) {
          openFor = null
          item.reject(err)
          continue
        }
        openFor = opensExchange(item.message) ? item.handlerId : null
        this.lastHandlerId = item.handlerId
        item.resolve(bytes)
      }
    } finally {
      this.processing = false
    }
  }
  const clear = queue.clearQueueForHandler.bind(queue)
  queue.clearQueueForHandler = (handlerId: number) => {
    clear(handlerId)
    if (openFor === handlerId) openFor = null
    void queue.processQueue()
  }
}

/**
 * PGlite served over the Postgres wire protocol on 127.0.0.1, so the worker in workerd reaches it
 * exactly as it reaches a real server. One PGlite session serves every connection: queries are
 * queued, and a connection inside a transaction holds the queue until it commits.
 */
export async function startEmbeddedPostgres(
  options: { dataDir?: string; port?: number } = {},
): Promise<EmbeddedPostgres> {
  const pg = await PGlite.create(options.dataDir)
  const server = new PGLiteSocketServer({
    db: pg,
    host: '127.0.0.1',
    port: options.port ?? 0,
    maxConnections: 512,
  })
  keepExchangesTogether((server as unknown as { queryQueue: QueryQueue }).queryQueue)
  await server.start()
  const url = `postgres://postgres@${server.getServerConn()}/postgres?sslmode=disable`
  return {
    url,
    async stop() {
      await server.stop()
      await pg.close()
    },
  }
}
