// Load a Tencent Cloud IM callback receiver with k6, as `grpcb bench` does.
//
// Written by `grpcb export k6` (grpcb @GRPCB_VERSION@). Every iteration sends one callback of
// CALLBACKS below, picked by its weight: the body bytes grpcb's catalog builds, with each
// placeholder of a `--set` ({{seq}}, {{uuid}}, {{rand}}, {{now_ms}}) filled per request, and
// the query IM appends.
// @SIGNING@
//
// Every answer is checked: in time (within IM's 2 s budget, BUDGET_MS, by the response's
// timings.duration: IM gave up on a slower answer, so it counts as none), HTTP 200, a JSON
// object with no key twice at any depth, ActionStatus "OK" or "FAIL", an ErrorCode written
// as an integer that the callback documents (CALLBACKS[...].codes) and an ErrorInfo string;
// a refusal names only users the request listed; a replacement MsgBody is a message body;
// and the decision `--expect` asked for (CALLBACKS[...].expect) when it did. The decisions
// IM would make are counted (grpcb_decision_allow, ...). The thresholds fail the run
// (exit 99) on any failed check or a p99 latency over IM's 2 s budget.
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
    http_req_duration: [`p(99)<${BUDGET_MS}`],
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

// What JSON.parse does not tell, from the answer's text (valid JSON): the pointer of the
// first key given twice in one object (JSON.parse keeps the last, other parsers the first),
// and the pointers of the numbers grpcb does not read as integers (`0.0`, `1e0`, `-0`,
// beyond 64 bits).
function scan(text) {
  const notIntegers = new Set();
  let duplicate = null;
  let at = 0;
  const space = () => {
    while (at < text.length && ' \t\n\r'.includes(text[at])) at += 1;
  };
  const string = () => {
    const start = at;
    at += 1;
    while (text[at] !== '"') at += text[at] === '\\' ? 2 : 1;
    at += 1;
    return JSON.parse(text.slice(start, at));
  };
  const value = (pointer) => {
    space();
    const first = text[at];
    if (first === '{' || first === '[') {
      const keys = first === '{' ? new Set() : null;
      at += 1;
      space();
      if (text[at] === (keys ? '}' : ']')) {
        at += 1;
        return;
      }
      for (let index = 0; ; index += 1) {
        let path = `${pointer}/${index}`;
        if (keys) {
          space();
          const key = string();
          path = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
          if (keys.has(key) && duplicate === null) duplicate = path;
          keys.add(key);
          space();
          at += 1; // the colon
        }
        value(path);
        space();
        at += 1; // a comma, or the end
        if (text[at - 1] !== ',') return;
      }
    }
    if (first === '"') {
      string();
      return;
    }
    const start = at;
    while (at < text.length && !',}] \t\n\r'.includes(text[at])) at += 1;
    const literal = text.slice(start, at);
    if (/^-?\d/.test(literal) && !isInt64(literal)) notIntegers.add(pointer);
  };
  value('');
  return { duplicate, notIntegers };
}

// Whether a number literal is an integer that fits 64 bits signed, as grpcb reads one.
function isInt64(literal) {
  if (!/^-?(0|[1-9]\d*)$/.test(literal) || literal === '-0') return false;
  const digits = literal.replace('-', '');
  const limit = literal.startsWith('-') ? '9223372036854775808' : '9223372036854775807';
  return digits.length < 19 || (digits.length === 19 && digits <= limit);
}

// The users the request listed (refusal.request, each one's refusal.user).
function requested(refusal, sent) {
  const listed = JSON.parse(sent)[refusal.request];
  const items = Array.isArray(listed) ? listed : [];
  return new Set(items.filter((item) => item && typeof item === 'object').map((item) => item[refusal.user]));
}

// What is wrong with a refusal list (RefusedMembers_Account, ...), or null.
function refusedProblem(refusal, answer, sent) {
  const listed = answer[refusal.field];
  if (listed == null) return null;
  if (!Array.isArray(listed)) return `${refusal.field} is not an array of UserIDs`;
  const users = requested(refusal, sent);
  for (const user of listed) {
    if (typeof user !== 'string') return `${refusal.field} holds ${JSON.stringify(user)}, not a UserID string`;
    if (!users.has(user)) return `\`${user}\` is refused but was not in ${refusal.request}`;
  }
  return null;
}

// [what is wrong with one-result-per-user ResultItem or null, the users refused, requested].
function resultsProblem(refusal, listed, sent, isInteger) {
  const users = requested(refusal, sent);
  const seen = new Set();
  let refused = 0;
  for (const [index, item] of listed.entries()) {
    if (!item || typeof item !== 'object' || Array.isArray(item)) return ['a result is not an object', 0, users];
    const user = item.To_Account;
    const resultCode = `/${refusal.field}/${index}/ResultCode`;
    if (typeof user !== 'string' || !isInteger(item.ResultCode, resultCode) || typeof item.ResultInfo !== 'string') {
      return ['a result needs To_Account (string), ResultCode (integer), ResultInfo (string)', 0, users];
    }
    if (!users.has(user)) return [`\`${user}\` has a result but was not in ${refusal.request}`, 0, users];
    if (seen.has(user)) return [`\`${user}\` has more than one result`, 0, users];
    seen.add(user);
    refused += item.ResultCode !== 0 ? 1 : 0;
  }
  return [null, refused, users];
}

// Why a replacement MsgBody is not a message body, or null.
function messageBodyProblem(body) {
  if (!Array.isArray(body) || body.length === 0) return 'the replacement MsgBody is not a non-empty array';
  const isObject = (element) => element && typeof element === 'object' && !Array.isArray(element);
  if (body.filter((element) => isObject(element) && element.MsgType === AT_MOST_ONCE).length > 1) {
    return `the replacement MsgBody has more than one ${AT_MOST_ONCE}`;
  }
  for (const element of body) {
    const kind = isObject(element) ? element.MsgType : undefined;
    if (!MESSAGE_TYPES.includes(kind)) {
      return `a replacement element's MsgType ${JSON.stringify(kind)} is not a message element type`;
    }
    if (!isObject(element.MsgContent)) return 'a replacement element has no MsgContent object';
  }
  return null;
}

// What is wrong with a replacement MsgBody or CloudCustomData, or null.
function replacementProblem(answer) {
  if (answer.MsgBody != null) {
    const problem = messageBodyProblem(answer.MsgBody);
    if (problem) return problem;
  }
  if (answer.CloudCustomData != null && typeof answer.CloudCustomData !== 'string') {
    return 'CloudCustomData is not a string';
  }
  return null;
}

// [what is wrong or null, the decision IM would make].
function judge(callback, response, sent) {
  const unusable = callback.unusable;
  if (response.status === 0) {
    return [`no answer: ${response.error}`, unusable];
  }
  // IM stops waiting at its budget and applies its failure policy, whatever came later.
  const took = response.timings.duration;
  if (took > BUDGET_MS) {
    return [`took ${Math.round(took)} ms, over IM's ${BUDGET_MS / 1000} s: IM would have given up and applied its failure policy`, unusable];
  }
  if (response.status !== 200) {
    return [`HTTP ${response.status}: IM counts any status but 200 as a failed callback`, unusable];
  }
  let answer;
  let shape;
  try {
    answer = JSON.parse(response.body);
    shape = scan(response.body);
  } catch (_) {
    return ['the answer is not JSON', unusable];
  }
  if (answer === null || typeof answer !== 'object' || Array.isArray(answer)) {
    return ['the answer is not a JSON object', unusable];
  }
  if (shape.duplicate !== null) {
    return [`the key at ${shape.duplicate} appears more than once: JSON parsers disagree on which value wins`, unusable];
  }
  const isInteger = (value, pointer) => Number.isInteger(value) && !shape.notIntegers.has(pointer);
  if (answer.ActionStatus !== 'OK' && answer.ActionStatus !== 'FAIL') {
    return ['ActionStatus is missing or not "OK" or "FAIL"', unusable];
  }
  const code = answer.ErrorCode;
  if (!isInteger(code, '/ErrorCode')) {
    return ['ErrorCode is missing or not an integer', unusable];
  }
  if (typeof answer.ErrorInfo !== 'string') {
    return ['ErrorInfo is missing or not a string', unusable];
  }
  const listed = callback.codes.find(([low, high]) => low <= code && code <= high);
  if (!listed) {
    return [`ErrorCode ${code} means nothing to ${callback.alias}: it takes ${callback.takes}`, unusable];
  }
  const refusal = callback.refusal;
  const problem =
    (refusal && !refusal.per_user ? refusedProblem(refusal, answer, sent) : null) ||
    (callback.can_rewrite ? replacementProblem(answer) : null);
  if (problem) {
    return [problem, unusable];
  }
  let decision = listed[2];
  if (decision === 'allow') {
    const named = refusal ? answer[refusal.field] : null;
    if (refusal && refusal.per_user) {
      // One result per user: a non-zero ResultCode refuses that one.
      if (!Array.isArray(named) || named.length === 0) {
        return [`the answer has no ${refusal.field}: IM needs one result per user`, unusable];
      }
      const [wrong, refused, users] = resultsProblem(refusal, named, sent, isInteger);
      if (wrong) {
        return [wrong, unusable];
      }
      if (refused > 0) {
        decision = refused === users.size ? 'deny' : 'allow-partial';
      }
    } else if (Array.isArray(named) && named.length > 0) {
      decision = 'allow-partial';
    } else if (callback.reply && typeof answer[callback.reply] !== 'string') {
      return [`the answer has no ${callback.reply} string: with ErrorCode 0 IM needs one`, unusable];
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
  const sent = body(callback, seq);
  const response = http.post(TARGET + callback.path + signedQuery(), sent, {
    headers: HEADERS,
    timeout: `${TIMEOUT_S}s`,
    tags: { name: callback.alias },
  });
  const [problem, decision] = judge(callback, response, sent);
  DECISIONS[decision].add(1, { callback: callback.alias });
  check(response, { [CHECK]: () => problem === null }, { callback: callback.alias });
  // The first few problems of each VU, so a failing run says why without flooding the log.
  if (problem !== null && reported < 3) {
    reported += 1;
    console.warn(`${callback.alias}: ${problem}`);
  }
}
