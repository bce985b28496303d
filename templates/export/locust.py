"""Load a Tencent Cloud IM callback receiver with Locust, as `grpcb bench` does.

Written by `grpcb export locust` (grpcb @GRPCB_VERSION@). Every request is one callback of
CALLBACKS below, picked by its weight: the body bytes grpcb's catalog builds, with each
placeholder of a `--set` ({{seq}}, {{uuid}}, {{rand}}, {{now_ms}}) filled per request, and
the query IM appends.
@SIGNING@

Every answer is checked: in time (within IM's 2 s budget, BUDGET_MS, as Locust measures the
request: IM gave up on a slower answer, so it counts as none), HTTP 200, a JSON object with
no key twice at any depth, ActionStatus "OK" or "FAIL", an integer ErrorCode the callback
documents (CALLBACKS[...]["codes"]) and an ErrorInfo string; a refusal names only users the
request listed; a replacement MsgBody is a message body; and the decision `--expect` asked
for (CALLBACKS[...]["expect"]) when it did; anything else is a failure. The decisions IM
would make are counted (workers report theirs to the master) and logged at the end as
`grpcb decisions: {...}`. The run exits 1 on any failure or when the p99 latency is over
IM's 2 s budget.

One machine:
    @TOKEN_PREFIX@locust -f @FILE@ --headless -u 50 -r 10 -t 1m
Distributed: one master, and workers on as many machines as it takes
    locust -f @FILE@ --master --headless -u 500 -r 50 -t 5m --expect-workers 4
    @TOKEN_PREFIX@locust -f @FILE@ --worker --master-host MASTER_ADDRESS
`--host http://10.0.0.7:8080` sends to another receiver; the path and query stay as exported.
"""

import hashlib
import itertools
import json
import logging
import os
import random
import sys
import time
import uuid
from collections import Counter

from locust import HttpUser, constant, events
from locust.runners import MasterRunner, WorkerRunner

# @GRPCB_SETTINGS@

TOKEN = os.environ.get(TOKEN_ENV, "") if TOKEN_ENV else ""
DECISIONS = Counter()
_numbers = itertools.count(1)
_signature = [None, None]  # [RequestTime, Sign] of the current second


@events.init.add_listener
def _need_the_token(environment, **_kwargs):
    # Only the processes that send need it; a master sends nothing.
    if TOKEN_ENV and not TOKEN and not isinstance(environment.runner, MasterRunner):
        sys.exit(f"grpcb: set {TOKEN_ENV} to the callback token: every request is signed with it")


def signed_query():
    """`&Sign=...&RequestTime=...`, made once a second: Sign = sha256(token + RequestTime)."""
    if not TOKEN_ENV:
        return ""
    now = int(time.time())
    if _signature[0] != now:
        _signature[0] = now
        _signature[1] = hashlib.sha256((TOKEN + str(now)).encode("utf-8")).hexdigest()
    return f"&Sign={_signature[1]}&RequestTime={now}"


def next_seq(environment):
    """{{seq}}: from 1, unique across workers (worker k numbers from k x 10^9 + 1)."""
    worker = max(getattr(environment.runner, "worker_index", 0), 0)
    return worker * 1_000_000_000 + next(_numbers)


PLACEHOLDERS = {
    "seq": lambda seq: str(seq),
    "uuid": lambda seq: str(uuid.uuid4()),
    "rand": lambda seq: str(random.getrandbits(32)),
    "now_ms": lambda seq: str(time.time_ns() // 1_000_000),
}


def _no_constant(name):
    raise ValueError(f"{name} is not JSON")


def as_json(text):
    """A --set VALUE as grpcb reads it: JSON when it parses, else a string."""
    try:
        value = json.loads(text, parse_constant=_no_constant)
    except ValueError:
        return json.dumps(text, ensure_ascii=False)
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def body(callback, seq):
    """The body's bytes: its JSON text with each slot filled for this request."""
    parts = []
    for part in callback["body"]:
        if isinstance(part, str):
            parts.append(part)
        else:
            template = TEMPLATES[part]
            text = "".join(
                piece["text"] if "text" in piece else PLACEHOLDERS[piece["placeholder"]](seq)
                for piece in template
            )
            parts.append(as_json(text))
    return "".join(parts).encode("utf-8")


class _DuplicateKey(ValueError):
    pass


def _no_duplicates(pairs):
    """An object whose keys are all different: parsers disagree on which of two values wins."""
    seen = {}
    for key, value in pairs:
        if key in seen:
            raise _DuplicateKey(key)
        seen[key] = value
    return seen


def _integer(text):
    """An integer as grpcb reads one (a 64-bit signed integer; `-0` is not one): else a float."""
    value = int(text)
    return value if text != "-0" and -(2**63) <= value < 2**63 else float(text)


def is_integer(value):
    return isinstance(value, int) and not isinstance(value, bool)


def parse_answer(content):
    """The answer's JSON, strictly: UTF-8, no NaN, no key twice in any object."""
    return json.loads(
        content.decode("utf-8"),
        parse_constant=_no_constant,
        parse_int=_integer,
        object_pairs_hook=_no_duplicates,
    )


def requested(refusal, sent):
    """The users the request listed (refusal["request"], each one's refusal["user"])."""
    listed = json.loads(sent).get(refusal["request"])
    items = listed if isinstance(listed, list) else []
    return {item.get(refusal["user"]) for item in items if isinstance(item, dict)}


def refused_problem(refusal, answer, sent):
    """What is wrong with a refusal list (RefusedMembers_Account, ...), or None."""
    field = refusal["field"]
    listed = answer.get(field)
    if listed is None:
        return None
    if not isinstance(listed, list):
        return f"{field} is not an array of UserIDs"
    users = requested(refusal, sent)
    for user in listed:
        if not isinstance(user, str):
            return f"{field} holds {json.dumps(user)}, not a UserID string"
        if user not in users:
            return f"`{user}` is refused but was not in {refusal['request']}"
    return None


def results_problem(refusal, listed, sent):
    """(what is wrong with one-result-per-user ResultItem or None, the users refused, requested)."""
    users = requested(refusal, sent)
    seen = set()
    refused = 0
    for item in listed:
        if not isinstance(item, dict):
            return "a result is not an object", 0, users
        user = item.get("To_Account")
        if not isinstance(user, str) or not is_integer(item.get("ResultCode")) or not isinstance(item.get("ResultInfo"), str):
            return "a result needs To_Account (string), ResultCode (integer), ResultInfo (string)", 0, users
        if user not in users:
            return f"`{user}` has a result but was not in {refusal['request']}", 0, users
        if user in seen:
            return f"`{user}` has more than one result", 0, users
        seen.add(user)
        refused += item["ResultCode"] != 0
    return None, refused, users


def message_body_problem(body):
    """Why a replacement MsgBody is not a message body, or None."""
    if not isinstance(body, list) or not body:
        return "the replacement MsgBody is not a non-empty array"
    if sum(isinstance(element, dict) and element.get("MsgType") == AT_MOST_ONCE for element in body) > 1:
        return f"the replacement MsgBody has more than one {AT_MOST_ONCE}"
    for element in body:
        kind = element.get("MsgType") if isinstance(element, dict) else None
        if kind not in MESSAGE_TYPES:
            return f"a replacement element's MsgType {json.dumps(kind)} is not a message element type"
        if not isinstance(element.get("MsgContent"), dict):
            return "a replacement element has no MsgContent object"
    return None


def replacement_problem(answer):
    """What is wrong with a replacement MsgBody or CloudCustomData, or None."""
    if answer.get("MsgBody") is not None:
        problem = message_body_problem(answer["MsgBody"])
        if problem:
            return problem
    data = answer.get("CloudCustomData")
    if data is not None and not isinstance(data, str):
        return "CloudCustomData is not a string"
    return None


def judge(callback, response, sent):
    """(what is wrong or None, the decision IM would make)."""
    unusable = callback["unusable"]
    if response.status_code == 0:
        return f"no answer: {response.error}", unusable
    # IM stops waiting at its budget and applies its failure policy, whatever came later.
    took = response.request_meta["response_time"]
    if took > BUDGET_MS:
        return f"took {took:.0f} ms, over IM's {BUDGET_MS / 1000:g} s: IM would have given up and applied its failure policy", unusable
    if response.status_code != 200:
        return f"HTTP {response.status_code}: IM counts any status but 200 as a failed callback", unusable
    try:
        answer = parse_answer(response.content)
    except _DuplicateKey as key:
        return f"the key {key} appears more than once: JSON parsers disagree on which value wins", unusable
    except (ValueError, RecursionError):
        return "the answer is not JSON", unusable
    if not isinstance(answer, dict):
        return "the answer is not a JSON object", unusable
    if answer.get("ActionStatus") not in ("OK", "FAIL"):
        return 'ActionStatus is missing or not "OK" or "FAIL"', unusable
    code = answer.get("ErrorCode")
    if not is_integer(code):
        return "ErrorCode is missing or not an integer", unusable
    if not isinstance(answer.get("ErrorInfo"), str):
        return "ErrorInfo is missing or not a string", unusable
    decision = next((name for low, high, name in callback["codes"] if low <= code <= high), None)
    if decision is None:
        return f"ErrorCode {code} means nothing to {callback['alias']}: it takes {callback['takes']}", unusable
    refusal = callback["refusal"]
    if refusal and not refusal["per_user"]:
        problem = refused_problem(refusal, answer, sent)
        if problem:
            return problem, unusable
    if callback["can_rewrite"]:
        problem = replacement_problem(answer)
        if problem:
            return problem, unusable
    if decision == "allow":
        listed = answer.get(refusal["field"]) if refusal else None
        if refusal and refusal["per_user"]:
            # One result per user: a non-zero ResultCode refuses that one.
            if not isinstance(listed, list) or not listed:
                return f"the answer has no {refusal['field']}: IM needs one result per user", unusable
            problem, refused, users = results_problem(refusal, listed, sent)
            if problem:
                return problem, unusable
            if refused:
                decision = "deny" if refused == len(users) else "allow-partial"
        elif isinstance(listed, list) and listed:
            decision = "allow-partial"
        elif callback["reply"] and not isinstance(answer.get(callback["reply"]), str):
            return f"the answer has no {callback['reply']} string: with ErrorCode 0 IM needs one", unusable
        elif callback["can_rewrite"] and any(answer.get(field) is not None for field in ("MsgBody", "CloudCustomData")):
            decision = "allow-modified"
    expect = callback["expect"]
    if expect and decision not in expect["decisions"]:
        return f"expected {expect['name']}, got {decision} (ErrorCode {code})", decision
    return None, decision


def send(user, callback):
    seq = next_seq(user.environment)
    sent = body(callback, seq)
    with user.client.post(
        callback["path"] + signed_query(),
        data=sent,
        headers=HEADERS,
        name=callback["alias"],
        timeout=TIMEOUT_S,
        catch_response=True,
    ) as response:
        problem, decision = judge(callback, response, sent)
        DECISIONS[decision] += 1
        if problem:
            response.failure(problem)
        else:
            response.success()


def _task(callback):
    def task(user):
        send(user, callback)

    task.__name__ = callback["alias"]
    return task


class ImCallbacks(HttpUser):
    """One connection with one request in flight at a time, as a bench connection."""

    host = HOST
    wait_time = constant(0)
    tasks = {_task(callback): callback["weight"] for callback in CALLBACKS}


@events.report_to_master.add_listener
def _report_decisions(client_id, data, **_kwargs):
    data["grpcb_decisions"] = dict(DECISIONS)
    DECISIONS.clear()


@events.worker_report.add_listener
def _add_decisions(client_id, data, **_kwargs):
    DECISIONS.update(data.get("grpcb_decisions", {}))


@events.quitting.add_listener
def _verdict(environment, **_kwargs):
    if isinstance(environment.runner, WorkerRunner):
        return
    logging.info("grpcb decisions: %s", json.dumps(dict(sorted(DECISIONS.items()))))
    total = environment.stats.total
    p99 = total.get_response_time_percentile(0.99) if total.num_requests else 0
    if p99 > BUDGET_MS:
        logging.error("grpcb: p99 %s ms is over IM's %s ms budget", p99, BUDGET_MS)
        environment.process_exit_code = 1
