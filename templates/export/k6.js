// Load a Tencent Cloud IM callback receiver with k6, as `grpcb bench` does.
//
// Written by `grpcb export k6` (grpcb @GRPCB_VERSION@). Every iteration sends one callback of
// CALLBACKS below, picked by its weight: the body bytes grpcb's catalog builds, with each
// placeholder of a `--set` ({{seq}}, {{uuid}}, {{rand}}, {{now_ms}}) filled per request, and
// the query IM appends.
// @SIGNING@
//
// Every answer is checked: HTTP 200, a JSON object, ActionStatus "OK" or "FAIL", an ErrorCode
// the callback documents (CALLBACKS[...].codes) and an ErrorInfo string, and the decision
// `--expect` asked for (CALLBACKS[...].expect) when it did. The decisions IM would make are
// counted (grpcb_decision_allow, ...). The thresholds fail the run (exit 99) on any failed
// check or a p99 latency over IM's 2 s budget.
//
//   @TOKEN_PREFIX@k6 run --vus 50 --duration 1m @FILE@
//
// GRPCB_HOST=http://10.0.0.7:8080 sends to another receiver; the path and query stay as
// exported. On Kubernetes, the k6 operator runs it on several pods (a TestRun with
// parallelism N); {{seq}} stays unique across them.

import http from 'k6/http';
import { check } from 'k6';
import { sha256 } from 'k6/crypto';
import exec from 'k6/execution';
import { Counter } from 'k6/metrics';

// @GRPCB_SETTINGS@

const TOKEN = TOKEN_ENV ? __ENV[TOKEN_ENV] || '' : '';
if (TOKEN_ENV && !TOKEN) {
  throw new Error(`grpcb: set ${TOKEN_ENV} to the callback token: every request is signed with it`);
}
const TARGET = __ENV.GRPCB_HOST || HOST;
const TOTAL_WEIGHT = CALLBACKS.reduce((sum, callback) => sum + callback.weight, 0);
const DECISIONS = {};
for (const callback of CALLBACKS) {
  for (const decision of callback.decisions) {
    DECISIONS[decision] = DECISIONS[decision] || new Counter(`grpcb_decision_${decision.replace(/-/g, '_')}`);
  }
}
const CHECK = 'HTTP 200, a JSON object, a documented ErrorCode';

export const options = {
  vus: 10,
  duration: '30s',
  thresholds: {
    checks: ['rate==1'],
    http_req_duration: [`p(99)<${P99_LIMIT_MS}`],
  },
};

let signature = [null, null]; // [RequestTime, Sign] of the current second

// `&Sign=...&RequestTime=...`, made once a second: Sign = sha256(token + RequestTime).
function signedQuery() {
  if (!TOKEN_ENV) {
    return '';
  }
  const now = Math.floor(Date.now() / 1000);
  if (signature[0] !== now) {
    signature = [now, sha256(TOKEN + String(now), 'hex')];
  }
  return `&Sign=${signature[1]}&RequestTime=${now}`;
}

const PLACEHOLDERS = {
  // From 1, unique across VUs and across the instances of a distributed run.
  seq: (seq) => String(seq),
  uuid: () => crypto.randomUUID(),
  rand: () => String(Math.floor(Math.random() * 4294967296)),
  now_ms: () => String(Date.now()),
};

// A --set VALUE as grpcb reads it: JSON when it parses, else a string.
function asJson(text) {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch (_) {
    return JSON.stringify(text);
  }
}

// The body: its JSON text with each slot filled for this request.
function body(callback, seq) {
  return callback.body
    .map((part) => {
      if (typeof part === 'string') {
        return part;
      }
      const text = TEMPLATES[part]
        .map((piece) => ('text' in piece ? piece.text : PLACEHOLDERS[piece.placeholder](seq)))
        .join('');
      return asJson(text);
    })
    .join('');
}

// [what is wrong or null, the decision IM would make].
function judge(callback, response) {
  const unusable = callback.unusable;
  if (response.status === 0) {
    return [`no answer: ${response.error}`, unusable];
  }
  if (response.status !== 200) {
    return [`HTTP ${response.status}: IM counts any status but 200 as a failed callback`, unusable];
  }
  let answer;
  try {
    answer = JSON.parse(response.body);
  } catch (_) {
    return ['the answer is not JSON', unusable];
  }
  if (answer === null || typeof answer !== 'object' || Array.isArray(answer)) {
    return ['the answer is not a JSON object', unusable];
  }
  if (answer.ActionStatus !== 'OK' && answer.ActionStatus !== 'FAIL') {
    return ['ActionStatus is missing or not "OK" or "FAIL"', unusable];
  }
  const code = answer.ErrorCode;
  if (!Number.isInteger(code)) {
    return ['ErrorCode is missing or not an integer', unusable];
  }
  if (typeof answer.ErrorInfo !== 'string') {
    return ['ErrorInfo is missing or not a string', unusable];
  }
  const listed = callback.codes.find(([low, high]) => low <= code && code <= high);
  if (!listed) {
    return [`ErrorCode ${code} means nothing to ${callback.alias}: it takes ${callback.takes}`, unusable];
  }
  let decision = listed[2];
  if (decision === 'allow') {
    const refusal = callback.refusal;
    const named = refusal ? answer[refusal.field] : null;
    if (refusal && refusal.per_user) {
      // One result per user: a non-zero ResultCode refuses that one.
      if (!Array.isArray(named) || named.length === 0) {
        return [`the answer has no ${refusal.field}: IM needs one result per user`, unusable];
      }
      const refused = named.filter((item) => item && item.ResultCode !== 0);
      if (refused.length > 0) {
        decision = refused.length === named.length ? 'deny' : 'allow-partial';
      }
    } else if (Array.isArray(named) && named.length > 0) {
      decision = 'allow-partial';
    } else if (callback.can_rewrite && ['MsgBody', 'CloudCustomData'].some((field) => answer[field] != null)) {
      decision = 'allow-modified';
    }
  }
  const expect = callback.expect;
  if (expect && !expect.decisions.includes(decision)) {
    return [`expected ${expect.name}, got ${decision} (ErrorCode ${code})`, decision];
  }
  return [null, decision];
}

function pick() {
  let left = Math.random() * TOTAL_WEIGHT;
  for (const callback of CALLBACKS) {
    left -= callback.weight;
    if (left < 0) {
      return callback;
    }
  }
  return CALLBACKS[CALLBACKS.length - 1];
}

let reported = 0;

export default function () {
  const callback = pick();
  const seq = exec.scenario.iterationInTest + 1;
  const response = http.post(TARGET + callback.path + signedQuery(), body(callback, seq), {
    headers: HEADERS,
    timeout: `${TIMEOUT_S}s`,
    tags: { name: callback.alias },
  });
  const [problem, decision] = judge(callback, response);
  DECISIONS[decision].add(1, { callback: callback.alias });
  check(response, { [CHECK]: () => problem === null }, { callback: callback.alias });
  // The first few problems of each VU, so a failing run says why without flooding the log.
  if (problem !== null && reported < 3) {
    reported += 1;
    console.warn(`${callback.alias}: ${problem}`);
  }
}
