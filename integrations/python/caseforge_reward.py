"""Rewards for RL trainers, scored by a running `caseforge serve` (Python standard library only).

    caseforge serve --data out/case2code        # records to find by id (optional)

TRL (GRPOTrainer):

    from caseforge_reward import caseforge_reward
    trainer = GRPOTrainer(model=..., reward_funcs=[caseforge_reward], train_dataset=ds, ...)

verl (custom reward function):

    custom_reward_function.path=integrations/python/caseforge_reward.py
    custom_reward_function.name=compute_score_batch  reward_model.reward_manager=batch
    # or name=compute_score with the default (naive) reward manager: one request per sample

Each call sends its whole batch as one POST /verify. The task of each sample comes from its row, as
`caseforge export --format trl-grpo` (and `--format verl`) writes it: `ground_truth` (JSON text, or a
dict) with the family in the `task` column (verl: `data_source` caseforge/<family>, or extra_info's
`task`), else `task_id` / `id` naming a record of the server's --data. Settings come from the
environment: CASEFORGE_URL (default http://127.0.0.1:8080), CASEFORGE_TOKEN (bearer token),
CASEFORGE_SCORE (`binary`, the default, or `fraction`: the share of cases passed), CASEFORGE_TIMEOUT
(seconds a request may take, default 600).
"""
import json
import os
import random
import time
import urllib.error
import urllib.request

__all__ = ["CaseforgeClient", "CaseforgeError", "caseforge_reward", "compute_score", "compute_score_batch"]

RETRY_STATUSES = (429, 502, 503, 504)


class CaseforgeError(RuntimeError):
    """The server refused a request, or answered that a task cannot be scored (a setup problem)."""


class CaseforgeClient:
    def __init__(self, url=None, token=None, score=None, timeout=None, retries=8, batch=1024, strict=True):
        self.url = (url or os.environ.get("CASEFORGE_URL") or "http://127.0.0.1:8080").rstrip("/")
        self.token = token if token is not None else os.environ.get("CASEFORGE_TOKEN")
        self.score = score or os.environ.get("CASEFORGE_SCORE") or "binary"
        self.timeout = float(timeout or os.environ.get("CASEFORGE_TIMEOUT") or 600)
        self.retries = retries
        self.batch = batch
        # strict: an item the server cannot score (unknown id, missing library) raises instead of
        # quietly scoring 0, which would train on a broken reward.
        self.strict = strict

    def verify(self, items):
        """Results of POST /verify for `items` ({completion, task}), in order."""
        results = []
        for start in range(0, len(items), self.batch):
            chunk = items[start:start + self.batch]
            body = self._post("/verify", {"items": chunk, "score": self.score})
            results.extend(body["results"])
        for r in results:
            if self.strict and r["status"] in ("invalid", "unavailable"):
                raise CaseforgeError(f"caseforge could not score a sample ({r['status']}): {r['error']}")
        return results

    def scores(self, items):
        return [float(r["score"]) for r in self.verify(items)]

    def _post(self, path, payload):
        data = json.dumps(payload).encode("utf-8")
        headers = {"content-type": "application/json"}
        if self.token:
            headers["authorization"] = f"Bearer {self.token}"
        delay = 0.5
        for attempt in range(self.retries + 1):
            req = urllib.request.Request(self.url + path, data=data, headers=headers, method="POST")
            try:
                with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                    return json.loads(resp.read())
            except urllib.error.HTTPError as e:
                text = e.read().decode("utf-8", "replace")
                if e.code not in RETRY_STATUSES or attempt == self.retries:
                    raise CaseforgeError(f"caseforge {path}: HTTP {e.code}: {_error_text(text)}") from None
                wait = _retry_after(e.headers.get("retry-after"), delay)
            except (urllib.error.URLError, ConnectionError, TimeoutError) as e:
                if attempt == self.retries:
                    raise CaseforgeError(f"caseforge {path}: cannot reach {self.url}: {e}") from None
                wait = delay
            time.sleep(wait * (1 + random.random() * 0.2))  # a little jitter: retries do not arrive together
            delay = min(delay * 2, 30)
        raise CaseforgeError(f"caseforge {path}: no answer")  # not reached


def _error_text(text):
    try:
        return json.loads(text).get("error", text)
    except ValueError:
        return text[:500]


def _retry_after(header, fallback):
    try:
        return max(0.1, float(header))
    except (TypeError, ValueError):
        return fallback


_CLIENT = None


def _client():
    global _CLIENT
    if _CLIENT is None:
        _CLIENT = CaseforgeClient()
    return _CLIENT


def _text(completion):
    """A completion as text: a string, or a conversation (the last assistant message)."""
    if isinstance(completion, str):
        return completion
    if isinstance(completion, dict):
        return str(completion.get("content", ""))
    if isinstance(completion, (list, tuple)) and completion:
        replies = [m for m in completion if isinstance(m, dict) and m.get("role") == "assistant"]
        return str((replies or list(completion))[-1].get("content", ""))
    return ""


def _decode(value):
    if isinstance(value, (bytes, bytearray)):
        value = value.decode("utf-8")
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value  # not JSON: a record id
    return value


def _task(ground_truth, family=None, entry_point=None, task_id=None):
    """The /verify task of one sample."""
    gt = _decode(ground_truth)
    if isinstance(gt, dict):
        task = dict(gt)
        if family and "family" not in task:
            task["family"] = family
        if entry_point and "entry_point" not in task and task.get("family") == "humaneval":
            task["entry_point"] = entry_point
        if "family" not in task and task_id is not None:
            return str(task_id)
        return task
    if isinstance(gt, str) and gt:
        return gt
    if task_id is not None:
        return str(task_id)
    raise CaseforgeError("a sample has neither ground truth nor a task id")


def _column(kwargs, name, i):
    col = kwargs.get(name)
    if isinstance(col, (list, tuple)) and i < len(col):
        return col[i]
    return None


def caseforge_reward(prompts, completions, **kwargs):
    """TRL reward function: one float per completion, from the dataset's ground-truth columns."""
    items = []
    for i, completion in enumerate(completions):
        task = _task(
            _column(kwargs, "ground_truth", i),
            family=_column(kwargs, "task", i) or _column(kwargs, "task_family", i) or _column(kwargs, "family", i),
            entry_point=_column(kwargs, "entry_point", i),
            task_id=_column(kwargs, "task_id", i) if _column(kwargs, "task_id", i) is not None else _column(kwargs, "id", i),
        )
        items.append({"completion": _text(completion), "task": task})
    return _client().scores(items)


def _family_of(data_source):
    """verl's data_source, e.g. `caseforge/case2code`, names the family last."""
    return str(data_source).rsplit("/", 1)[-1] if data_source else None


def _verl_item(data_source, solution_str, ground_truth, extra_info):
    info = extra_info if isinstance(extra_info, dict) else {}
    family = info.get("task") or _family_of(data_source)
    task = _task(ground_truth, family=family, entry_point=info.get("entry_point"), task_id=info.get("task_id") or info.get("id"))
    return {"completion": _text(solution_str), "task": task}


def compute_score(data_source, solution_str, ground_truth, extra_info=None, **kwargs):
    """verl reward function for one sample."""
    return _client().scores([_verl_item(data_source, solution_str, ground_truth, extra_info)])[0]


def compute_score_batch(data_sources, solution_strs, ground_truths, extra_infos=None, **kwargs):
    """verl's batch form (reward_manager=batch): every sample of the step in one request."""
    infos = extra_infos if extra_infos is not None else [None] * len(solution_strs)
    items = [_verl_item(d, s, g, e) for d, s, g, e in zip(data_sources, solution_strs, ground_truths, infos)]
    return _client().scores(items)
