import { PGlite } from '@electric-sql/pglite'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'

export interface EmbeddedPostgres {
  url: string
  stop(): Promise<void>
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
    maxConnections: 64,
  })
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
