import net from 'node:net'

export interface TcpProxy {
  /** the port on 127.0.0.1 the proxy listens on */
  port: number
  /** `url` with its host and port replaced by the proxy's */
  proxiedUrl(url: string): string
  /**
   * Drops every open connection the way a server that goes away does: each one is closed halfway
   * through the next bytes the server sends, or after a short wait if it sends none. Resolves
   * with how many connections were dropped.
   */
  cut(): Promise<number>
  /** resets every new connection, as a server that is not listening yet would refuse it */
  down(): void
  /** accepts new connections again */
  up(): void
  close(): Promise<void>
}

interface Pair {
  client: net.Socket
  server: net.Socket
}

/** how long cut() waits for a connection to send something before dropping it anyway */
const quietConnectionMs = 50

function drop(pair: Pair) {
  pair.client.destroy()
  pair.server.destroy()
}

/** Cuts a connection in the middle of the next reply, or when it has been quiet a moment. */
function dropMidStream(pair: Pair): Promise<void> {
  return new Promise((resolve) => {
    const dropNow = () => {
      clearTimeout(timer)
      drop(pair)
      resolve()
    }
    const timer = setTimeout(dropNow, quietConnectionMs)
    pair.server.unpipe(pair.client)
    pair.server.once('data', (chunk: Buffer) => {
      pair.client.write(chunk.subarray(0, Math.ceil(chunk.length / 2)), dropNow)
    })
    pair.server.resume()
  })
}

/**
 * A loopback TCP proxy in front of a server (a database) that a test can cut and take down,
 * while the client keeps the same address throughout, as with a server that restarts.
 */
export async function startTcpProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  const pairs = new Set<Pair>()
  let accepting = true

  const listener = net.createServer((client) => {
    if (!accepting) {
      client.resetAndDestroy()
      return
    }
    const server = net.connect(targetPort, targetHost)
    const pair = { client, server }
    pairs.add(pair)
    client.pipe(server)
    server.pipe(client)
    // a reset on one side is a reset on the other; a clean close ends both through pipe()
    client.on('error', () => server.destroy())
    server.on('error', () => client.resetAndDestroy())
    // kept until the client side is gone: the listener closes only once every client has
    client.on('close', () => {
      pairs.delete(pair)
      server.destroy()
    })
  })
  await new Promise<void>((resolve, reject) => {
    listener.once('error', reject)
    listener.listen(0, '127.0.0.1', resolve)
  })
  const port = (listener.address() as net.AddressInfo).port

  return {
    port,
    proxiedUrl(url) {
      const proxied = new URL(url)
      proxied.hostname = '127.0.0.1'
      proxied.port = String(port)
      return proxied.toString()
    },
    async cut() {
      const open = [...pairs]
      pairs.clear()
      await Promise.all(open.map(dropMidStream))
      return open.length
    },
    down() {
      accepting = false
    },
    up() {
      accepting = true
    },
    async close() {
      for (const pair of pairs) drop(pair)
      pairs.clear()
      await new Promise<void>((resolve) => listener.close(() => resolve()))
    },
  }
}
