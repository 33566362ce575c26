// Wave: the seed's gradual ramp, 0 -> 500 VUs over 2 minutes, to find where latency
// and errors start to bend (the synchronous gateway's knee was at 300-350 VUs).
//
//   k6 run -e BASE_URL=http://127.0.0.1:8080 k6/wave.js
//   env: VUS (500), RAMP (2m), HOLD (30s), plus those of lib/sluice.js

import { Workload, duration, positiveNumber, submitAndWait, summary, thresholds } from './lib/sluice.js';

const workload = new Workload(open('./workload.json'));

export const options = {
  scenarios: {
    wave: {
      executor: 'ramping-vus',
      startVUs: 0,
      stages: [
        { duration: duration('RAMP', '2m'), target: positiveNumber('VUS', 500) },
        { duration: duration('HOLD', '30s'), target: positiveNumber('VUS', 500) },
      ],
      gracefulRampDown: '30s',
      gracefulStop: '60s',
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
  return summary('wave', data);
}
