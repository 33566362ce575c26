// Wave: the seed's gradual ramp, 0 -> 500 VUs over 2 minutes, to find where latency
// and errors start to bend (the synchronous gateway's knee was at 300-350 VUs).
//
//   k6 run -e BASE_URL=http://127.0.0.1:8080 k6/wave.js
//   env: VUS (500), RAMP (2m), HOLD (30s), plus those of lib/sluice.js

import { Workload, rampThenHold, submitAndWait, summary } from './lib/sluice.js';

const workload = new Workload(open('./workload.json'));

export const options = rampThenHold('wave', 500, '2m', '30s');

export default function () {
  submitAndWait(workload.next());
}

/** @param {any} data */
export function handleSummary(data) {
  return summary('wave', data);
}
