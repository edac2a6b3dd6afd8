/**
 * The load generator: autocannon in its own process, which bench.ts starts pinned to its own core
 * (`taskset -c 1`). Reads a `LoadSpec` as JSON from the file named on the command line, runs it,
 * and prints a `LoadResult` as one line of JSON. Each request of a run takes the next target of
 * the spec's list (round and round for reads; once each for writes, with `amount`).
 */
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

export interface LoadTarget {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface LoadSpec {
  url: string;
  connections: number;
  /** Seconds; ignored when `amount` is set. */
  duration: number;
  /** Run exactly this many requests (a pool of fresh write targets, each used once). */
  amount?: number;
  /** A fixed rate across all connections (requests a second); none: as fast as the server answers. */
  overallRate?: number;
  targets: LoadTarget[];
}

export interface LoadResult {
  requests: number;
  seconds: number;
  /** Requests answered a second. */
  rps: number;
  p50: number;
  p99: number;
  mean: number;
  /** Socket errors and timeouts. */
  errors: number;
  non2xx: number;
  /** The first few answers that were not 2xx, for the reader to see why. */
  samples: string[];
}

interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
}

export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  let at = 0;
  const samples: string[] = [];
  const instance = autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: spec.duration,
    ...(spec.amount === undefined ? {} : { amount: spec.amount }),
    ...(spec.overallRate === undefined ? {} : { overallRate: spec.overallRate }),
    timeout: 10,
    requests: [
      {
        setupRequest: (request: AutocannonRequest) => {
          const target = spec.targets[at % spec.targets.length] as LoadTarget;
          at += 1;
          return {
            ...request,
            method: target.method,
            path: target.path,
            headers: target.headers,
            ...(target.body === undefined ? {} : { body: target.body }),
          };
        },
        onResponse: (status: number, body: string) => {
          if ((status < 200 || status > 299) && samples.length < 3)
            samples.push(`${status} ${body.slice(0, 300)}`);
        },
      },
    ],
  });
  const result = await instance;
  const seconds = result.duration;
  const requests = result.requests.total;
  return {
    requests,
    seconds,
    rps: seconds > 0 ? requests / seconds : 0,
    p50: result.latency.p50,
    p99: result.latency.p99,
    mean: result.latency.mean,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    samples,
  };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '-')) {
  const spec = JSON.parse(readFileSync(process.argv[2] as string, 'utf8')) as LoadSpec;
  const result = await runLoad(spec);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
