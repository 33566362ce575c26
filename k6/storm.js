// Storm: the seed's traffic spike. Ramping VUs 0 -> 1000 in 10 s, then hold.
// The synchronous gateway measured 30 % errors and a 2 s p99 here; Sluice must accept
// everything fast and drain the backlog at a steady database rate.
//
//   k6 run -e BASE_URL=http://127.0.0.1:8080 k6/storm.js
//   env: VUS (1000), RAMP (10s), HOLD (60s), plus those of lib/sluice.js

import { Workload, rampThenHold, submitAndWait, summary } from './lib/sluice.js';

const workload = new Workload(open('./workload.json'));

export const options = rampThenHold('storm', 1000, '10s', '60s');

export default function () {
  submitAndWait(workload.next());
}

/** @param {any} data */
export function handleSummary(data) {
  return summary('storm', data);
}
