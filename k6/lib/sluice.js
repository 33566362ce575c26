// What every Sluice scenario shares: the query mix, one "submit and wait for the
// result" iteration, the custom metrics, thresholds and the JSON summary.
//
// Environment (all optional):
//   BASE_URL        ingress address, default http://127.0.0.1:8080
//   POLL_WAIT       seconds one long-poll GET may wait (Prefer: wait=N, capped at 30), default 10
//   RESULT_BUDGET   seconds a query may take from submit to a terminal state before it
//                   counts as lost, default 120
//   SUMMARY_DIR     where handleSummary writes summary-<scenario>.json, default the working dir
//   CUSTOMERS, ORDERS  row counts of the demo data when it was loaded at another scale than
//                   workload.json's sizes

import http from 'k6/http';
import { sleep } from 'k6';
import { Counter, Trend } from 'k6/metrics';
import { Zipf } from './zipf.js';

export const BASE_URL = (__ENV.BASE_URL || 'http://127.0.0.1:8080').replace(/\/+$/, '');
const POLL_WAIT = Math.min(30, positiveNumber('POLL_WAIT', 10));
const RESULT_BUDGET_MS = positiveNumber('RESULT_BUDGET', 120) * 1000;
const TERMINAL = ['SUCCEEDED', 'FAILED', 'CANCELED', 'EXPIRED'];
const DAY_MS = 24 * 3600 * 1000;

// Submit latency: POST until 202 (the record is durably in Kafka). End-to-end: POST
// until the terminal status document is in hand.
export const submitLatency = new Trend('sluice_submit_latency', true);
export const endToEndLatency = new Trend('sluice_end_to_end_latency', true);
// Every query that did not end SUCCEEDED, tagged outcome=rejected|unreachable|lost|
// failed|expired|canceled; "lost" = no terminal state within RESULT_BUDGET.
export const queriesLost = new Counter('sluice_queries_lost');

/**
 * The thresholds every scenario holds Sluice to.
 * @returns {{ [metric: string]: string[] }}
 */
export function thresholds() {
  return {
    http_req_failed: ['rate<0.01'],
    sluice_submit_latency: ['p(95)<200'],
    sluice_queries_lost: ['count<1'],
  };
}

/**
 * @param {string} name
 * @param {number} fallback
 * @returns {number}
 */
export function positiveNumber(name, fallback) {
  const raw = __ENV[name];
  if (raw === undefined || raw === '') {
    return fallback;
  }
  const value = Number(raw);
  if (!(value > 0)) {
    throw new Error(`${name} must be a positive number, was '${raw}'`);
  }
  return value;
}

/**
 * @param {string} name
 * @param {string} fallback a k6 duration such as 10s or 2m
 * @returns {string}
 */
export function duration(name, fallback) {
  const value = __ENV[name] || fallback;
  if (!/^(\d+(ms|s|m|h))+$/.test(value)) {
    throw new Error(`${name} must be a k6 duration such as 30s, 2m or 1h30m, was '${value}'`);
  }
  return value;
}

/** Draws queries and parameters as k6/workload.json describes. */
export class Workload {
  /** @param {string} json the text of workload.json */
  constructor(json) {
    const doc = JSON.parse(json);
    /** @type {Map<number, Zipf>} */
    this.zipfs = new Map();
    this.exponent = doc.zipfExponent;
    this.anchor = Date.parse(`${doc.anchorDate}T00:00:00Z`);
    /** @type {{ [name: string]: number }} */
    this.sizes = {};
    for (const [name, size] of Object.entries(doc.sizes)) {
      this.sizes[name] = positiveNumber(name.toUpperCase(), Number(size));
    }
    /** @type {{ name: string, weight: number, params: { [param: string]: any } }[]} */
    this.queries = doc.queries;
    this.totalWeight = this.queries.reduce((sum, q) => sum + q.weight, 0);
  }

  /** @returns {{ query: string, params: { [param: string]: string | number } }} */
  next() {
    let pick = Math.random() * this.totalWeight;
    const chosen = this.queries.find((q) => (pick -= q.weight) < 0) || this.queries[this.queries.length - 1];
    /** @type {{ [param: string]: string | number }} */
    const params = {};
    for (const [name, generator] of Object.entries(chosen.params)) {
      params[name] = this.generate(generator, params);
    }
    return { query: chosen.name, params };
  }

  /**
   * @param {any} generator
   * @param {{ [param: string]: string | number }} drawn the parameters drawn so far
   * @returns {string | number}
   */
  generate(generator, drawn) {
    if ('value' in generator) {
      return generator.value;
    }
    if ('zipf' in generator) {
      const n = typeof generator.zipf === 'number' ? generator.zipf : this.sizes[generator.zipf];
      if (n === undefined) {
        throw new Error(`workload.json: zipf names size '${generator.zipf}', which sizes does not define`);
      }
      return this.rank(n);
    }
    if ('oneOf' in generator) {
      return generator.oneOf[this.rank(generator.oneOf.length) - 1];
    }
    if ('daysBefore' in generator) {
      const day = new Date(this.anchor - (this.rank(generator.daysBefore) - 1) * DAY_MS);
      return generator.as === 'timestamp' ? day.toISOString() : day.toISOString().slice(0, 10);
    }
    if ('daysAfter' in generator) {
      const base = Date.parse(String(drawn[generator.daysAfter]));
      return new Date(base + generator.days * DAY_MS).toISOString().slice(0, 10);
    }
    throw new Error(`workload.json: unknown parameter generator ${JSON.stringify(generator)}`);
  }

  /** @param {number} n */
  rank(n) {
    let zipf = this.zipfs.get(n);
    if (!zipf) {
      zipf = new Zipf(n, this.exponent);
      this.zipfs.set(n, zipf);
    }
    return zipf.next();
  }
}

/**
 * One iteration: submit a query, then long-poll until it is terminal, sleeping for
 * Retry-After between polls when the server asks for it.
 * @param {{ query: string, params: { [param: string]: string | number } }} item
 */
export function submitAndWait(item) {
  const tags = { query: item.query };
  const started = Date.now();
  const submitted = http.post(`${BASE_URL}/v1/queries`, JSON.stringify(item), {
    headers: { 'Content-Type': 'application/json' },
    tags: { name: 'POST /v1/queries', query: item.query },
    timeout: '30s',
  });
  submitLatency.add(submitted.timings.duration, tags);
  if (submitted.status !== 202 && submitted.status !== 200) {
    queriesLost.add(1, { query: item.query, outcome: submitted.status === 0 ? 'unreachable' : 'rejected' });
    return;
  }
  /** @type {any} */
  let status = submitted.json();
  const location = absolute(submitted.headers['Location'] || `/v1/queries/${status.id}`);
  while (!TERMINAL.includes(status.state)) {
    if (Date.now() - started > RESULT_BUDGET_MS) {
      queriesLost.add(1, { query: item.query, outcome: 'lost' });
      return;
    }
    const polled = http.get(location, {
      headers: { Prefer: `wait=${POLL_WAIT}` },
      tags: { name: 'GET /v1/queries/{id}', query: item.query },
      timeout: `${POLL_WAIT + 10}s`,
    });
    if (polled.status !== 200) {
      queriesLost.add(1, { query: item.query, outcome: polled.status === 404 ? 'lost' : 'unreachable' });
      return;
    }
    status = polled.json();
    const retryAfter = Number(polled.headers['Retry-After']);
    if (!TERMINAL.includes(status.state) && retryAfter > 0) {
      sleep(retryAfter);
    }
  }
  endToEndLatency.add(Date.now() - started, { query: item.query, state: status.state });
  if (status.state !== 'SUCCEEDED') {
    queriesLost.add(1, { query: item.query, outcome: String(status.state).toLowerCase() });
  }
}

/** @param {string} location */
function absolute(location) {
  return location.startsWith('/') ? `${BASE_URL}${location}` : location;
}

/**
 * handleSummary for a scenario: the full k6 summary as JSON, plus a few lines on stdout.
 * @param {string} scenario
 * @param {any} data the summary k6 hands to handleSummary
 * @returns {{ [file: string]: string }}
 */
export function summary(scenario, data) {
  const dir = __ENV.SUMMARY_DIR ? `${__ENV.SUMMARY_DIR.replace(/\/+$/, '')}/` : '';
  /** @param {string} metric @param {string} stat */
  const value = (metric, stat) => {
    const m = data.metrics[metric];
    return m && m.values[stat] !== undefined ? m.values[stat] : 0;
  };
  const failedThresholds = Object.entries(data.metrics)
    .filter(([, m]) => m.thresholds && Object.values(m.thresholds).some((t) => !t.ok))
    .map(([name]) => name);
  const lines = [
    `sluice ${scenario}: ${value('iterations', 'count')} iterations against ${BASE_URL}`,
    `  submit      p50 ${value('sluice_submit_latency', 'med').toFixed(1)} ms, p95 ${value('sluice_submit_latency', 'p(95)').toFixed(1)} ms`,
    `  end-to-end  p50 ${value('sluice_end_to_end_latency', 'med').toFixed(1)} ms, p95 ${value('sluice_end_to_end_latency', 'p(95)').toFixed(1)} ms`,
    `  http_req_failed ${(100 * value('http_req_failed', 'rate')).toFixed(2)} %, lost/expired/failed queries ${value('sluice_queries_lost', 'count')}`,
    failedThresholds.length === 0 ? '  thresholds: all met' : `  thresholds NOT met: ${failedThresholds.join(', ')}`,
    '',
  ];
  return {
    [`${dir}summary-${scenario}.json`]: JSON.stringify(data, null, 2),
    stdout: lines.join('\n'),
  };
}

/**
 * Options of a closed-model scenario that ramps to VUS users over RAMP, then holds them
 * for HOLD; each of the three can be overridden from the environment.
 * @param {string} name the scenario name
 * @param {number} users default for VUS
 * @param {string} ramp default for RAMP, e.g. '10s'
 * @param {string} hold default for HOLD, e.g. '60s'
 */
export function rampThenHold(name, users, ramp, hold) {
  const target = positiveNumber('VUS', users);
  return {
    scenarios: {
      [name]: {
        executor: 'ramping-vus',
        startVUs: 0,
        stages: [
          { duration: duration('RAMP', ramp), target },
          { duration: duration('HOLD', hold), target },
        ],
        gracefulRampDown: '30s',
        gracefulStop: '60s',
      },
    },
    thresholds: thresholds(),
    summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(95)', 'p(99)'],
  };
}
