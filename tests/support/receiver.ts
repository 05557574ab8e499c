import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A webhook receiver on loopback for the fakes' self-tests: it keeps the raw bytes it got. */
export interface Receiver {
  url: string
  /** what came in, with the status it was answered */
  received: {
    headers: Record<string, string | string[] | undefined>
    raw: string
    status: number
  }[]
  /** statuses to answer with, in order; 200 once they run out */
  answers: number[]
  /** forgets what was received and the answers still to give */
  clear(): void
  close(): Promise<void>
}

export async function startReceiver(): Promise<Receiver> {
  const received: Receiver['received'] = []
  const answers: number[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const status = answers.shift() ?? 200
      received.push({ headers: req.headers, raw: Buffer.concat(chunks).toString('utf8'), status })
      res.writeHead(status).end('ok')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    received,
    answers,
    clear() {
      received.length = 0
      answers.length = 0
    },
    close() {
      server.closeAllConnections()
      return new Promise((resolve) => server.close(() => resolve()))
    },
  }
}

/** the status, with the body read so the connection can be reused */
export async function statusOf(response: Promise<Response>): Promise<number> {
  const res = await response
  await res.arrayBuffer()
  return res.status
}

/** response bodies here are loosely shaped JSON */
export function json(res: Response): Promise<any> {
  return res.json()
}
