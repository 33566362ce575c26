// Soak: a moderate, steady load for a long time, to catch what only time reveals:
// growing memory, a results store that never forgets, consumer lag that creeps up.
//
//   k6 run -e BASE_URL=http://127.0.0.1:8080 k6/soak.js
//   env: VUS (100), RAMP (1m), HOLD (30m), plus those of lib/sluice.js

import { sleep } from 'k6';
import { Workload, duration, positiveNumber, submitAndWait, summary, thresholds } from './lib/sluice.js';

const workload = new Workload(open('./workload.json'));
// Think time between a result and the next submit, as real clients have.
const THINK_SECONDS = positiveNumber('THINK', 1);

export const options = {
  scenarios: {
    soak: {
      executor: 'ramping-vus',
      startVUs: 0,
      stages: [
        { duration: duration('RAMP', '1m'), target: positiveNumber('VUS', 100) },
        { duration: duration('HOLD', '30m'), target: positiveNumber('VUS', 100) },
      ],
      gracefulRampDown: '30s',
    },
  },
  thresholds: thresholds(),
  summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(95)', 'p(99)'],
};

export default function () {
  submitAndWait(workload.next());
  sleep(THINK_SECONDS);
}

/** @param {any} data */
export function handleSummary(data) {
  return summary('soak', data);
}
