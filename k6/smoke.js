// Smoke: a handful of VUs for half a minute, to prove the stack answers end to end
// before a heavier run.
//
//   k6 run -e BASE_URL=http://127.0.0.1:8080 k6/smoke.js
//   env: VUS (5), HOLD (30s), plus those of lib/sluice.js

import { Workload, duration, positiveNumber, submitAndWait, summary, thresholds } from './lib/sluice.js';

const workload = new Workload(open('./workload.json'));

export const options = {
  scenarios: {
    smoke: {
      executor: 'constant-vus',
      vus: positiveNumber('VUS', 5),
      duration: duration('HOLD', '30s'),
    },
  },
  thresholds: thresholds(),
  summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(95)', 'p(99)'],
};

export default function () {
  submitAndWait(workload.next());
}

/** @param {any} data */
export function handleSummary(data) {
  return summary('smoke', data);
}
