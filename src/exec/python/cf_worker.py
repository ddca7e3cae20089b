"""A warm worker: imports once, then forks a fresh child per call (or per program) on request.

Protocol: length-prefixed JSON frames on fd 3 (never the code's stdout/stderr). Requests:
  {op: "call", id, code, call?, limits, seed, trace?, precompile?} -> one result
  {op: "program", id, code, calls: [...], limits, setup_limits?, stop_after?, seed, trace?} -> {setup, calls, forks}
  {op: "cell", id, code, limits, seed}    (session workers: runs in this process, state persists)
  {op: "exit"}
Configuration arrives in the CF_WORKER environment variable (JSON), read once at start.
"""
import builtins
import fcntl
import gc
import json
import os
import select
import signal
import struct
import sys

# Private builtins for the code that reports after user code ran (see cf_child); user code gets the
# real module (USER_BUILTINS).
USER_BUILTINS = builtins
__builtins__ = dict(builtins.__dict__)

CONFIG = json.loads(os.environ.pop("CF_WORKER"))
for _p in CONFIG.get("python_path", []):
    sys.path.insert(0, _p)

import cf_child  # noqa: E402
import cf_values  # noqa: E402  (imported before fork so children pay nothing)

CHANNEL = CONFIG.get("channel_fd", 3)
HEADER = struct.Struct(">I")


def read_exact(fd, n):
    buf = bytearray()
    while len(buf) < n:
        chunk = os.read(fd, n - len(buf))
        if not chunk:
            raise EOFError
        buf += chunk
    return bytes(buf)


def read_frame(fd):
    (n,) = HEADER.unpack(read_exact(fd, 4))
    return json.loads(read_exact(fd, n))


# json.dumps with options builds a JSONEncoder in Python on every call; in a forked child that is
# dozens of copy-on-write faults, so the C encoder is made once, here.
def _not_json(obj):
    raise TypeError(f"{type(obj).__name__} is not JSON serialisable")


_ENCODE = json.encoder.c_make_encoder(
    None, _not_json, json.encoder.encode_basestring, None, ":", ",", False, False, False,
) if json.encoder.c_make_encoder is not None else None


def encode_json(obj):
    if _ENCODE is None:
        return json.dumps(obj, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return "".join(_ENCODE(obj, 0))


def write_frame(fd, obj):
    data = encode_json(obj).encode("utf-8", "surrogatepass")
    data = HEADER.pack(len(data)) + data
    n = os.write(fd, data)
    if n < len(data):  # a pipe takes a large frame in parts
        view = memoryview(data)[n:]
        while view:
            view = view[os.write(fd, view):]


def _reject_constant(name):
    raise ValueError(f"{name} is not JSON")  # NaN/Infinity: Node's JSON.parse would refuse them


# The C scanner alone (json.loads adds encoding detection and Python frames; fewer pages touched).
_SCAN = json.scanner.make_scanner(json.JSONDecoder(parse_constant=_reject_constant))


def decode_frame(raw):
    """A child's result frame as a dict; ValueError if it is not exactly one JSON object."""
    text = raw.decode("utf-8", "surrogatepass")  # as the child encoded it (lone surrogates survive)
    obj, end = _SCAN(text, 0)
    if end != len(text) or type(obj) is not dict:
        raise ValueError("not one JSON object")
    return obj


class FrameReader:
    """Incremental reader of frames from a child's result pipe (the child may stream several).
    Frames are counted as they arrive (all collect() needs while the child runs) and decoded once it
    is gone. (Decoding after the child ends was meant to spare copy-on-write faults; measured, the
    worker's faults per program did not change.)"""

    def __init__(self, fd):
        self.fd, self.buf, self.eof = fd, bytearray(), False
        self.complete = 0  # whole frames in buf
        self._scan = 0  # offset of the first frame not yet counted

    def pump(self):
        """Reads what is there without blocking; returns (bytes read, whole frames that arrived)."""
        got = 0
        while True:
            try:
                chunk = os.read(self.fd, 1 << 16)
            except BlockingIOError:
                break
            if not chunk:
                self.eof = True
                break
            self.buf += chunk
            got += len(chunk)
        before = self.complete
        while len(self.buf) - self._scan >= 4:
            (n,) = HEADER.unpack_from(self.buf, self._scan)
            if len(self.buf) - self._scan < 4 + n:
                break
            self._scan += 4 + n
            self.complete += 1
        return got, self.complete - before

    def frames(self, limit):
        """Decodes the first `limit` whole frames (a frame that is not JSON becomes {"corrupt": True})."""
        out = []
        view, at = memoryview(self.buf), 0
        for _ in range(min(limit, self.complete)):
            (n,) = HEADER.unpack_from(view, at)
            try:
                out.append(decode_frame(view[at + 4:at + 4 + n].tobytes()))
            except (ValueError, StopIteration):  # the scanner signals "nothing here" by StopIteration
                out.append({"corrupt": True})
            at += 4 + n
        view.release()
        return out


class Worker:
    def __init__(self, config):
        self.cfg = config
        self.session = config.get("session", False)
        self.ns = {"__name__": "__main__", "__builtins__": USER_BUILTINS}
        self.capture = cf_child.Capture(os.memfd_create("cf-stdout"), os.memfd_create("cf-stderr"))
        self.pid_ns = config.get("pid_namespace", False)
        self._private_stamp = None
        self.base_dir = config["tmp_dir"]
        self.private_path = os.path.join(self.base_dir, "private")
        self.child_uid = config.get("child_uid")  # None: children keep this process's identity
        self.nproc_base = 0 if self.child_uid is not None else config.get("nproc_base", 1)
        if not self.pid_ns:
            _set_subreaper()
        home = self.make_private_dir()
        if self.session:
            # A session's own cells work in a directory of their own; its forks get the private one.
            home = os.path.join(self.base_dir, "session")
            os.makedirs(home, 0o700, exist_ok=True)
            if self.child_uid is not None:
                os.chown(home, self.child_uid, self.child_uid)
        cf_child.prepare_worker(home, config.get("fixed_clock"))

    # ---- private directories -------------------------------------------------------------
    def make_private_dir(self):
        """The call's private directory: one per worker, emptied whenever a call changed it."""
        path = self.private_path
        if self._private_stamp is None:
            os.mkdir(path, 0o700)
            if self.child_uid is not None:
                os.chown(path, self.child_uid, self.child_uid)
            self._private_stamp = _stamp(path)
            if not self.session:
                cf_child.enter_dir(path)  # children inherit the worker's working directory
        return path

    def remove_private_dir(self, path):
        """Empties it if the call wrote anything (its mtime, mode or owner changed)."""
        if _stamp(path) == self._private_stamp:
            return
        import shutil  # rarely needed, and its compression modules would enlarge every fork

        shutil.rmtree(path, ignore_errors=True)
        if os.path.exists(path):  # something the call made undeletable: set it aside, start clean
            os.rename(path, f"{path}-stale-{int(cf_child.monotonic() * 1e9)}")
        self._private_stamp = None
        self.make_private_dir()

    # ---- forking ------------------------------------------------------------------------
    def fork(self, private, body_fn):
        """Forks a child running body_fn(write_fd); returns (pid, pidfd, reader)."""
        r, w = os.pipe2(os.O_CLOEXEC)
        os.set_blocking(r, False)
        try:
            fcntl.fcntl(w, 1031, 1 << 20)  # F_SETPIPE_SZ: room for many frames between drains
        except OSError:
            pass
        pid = os.fork()
        if pid == 0:
            code = 0
            try:
                os.close(r)
                ctx = {"close_fds": [CHANNEL], "uid": self.child_uid,
                       "enter_dir": private if self.session else None}
                cf_child.isolate_process(ctx, self.capture)
                body_fn(w)
            except BaseException:  # noqa: BLE001 - must never return into the worker loop
                code = 70
            finally:
                os._exit(code)
        os.close(w)
        try:
            os.setpgid(pid, pid)
        except OSError:
            pass  # the child already did it (or already exited)
        return pid, os.pidfd_open(pid), FrameReader(r)

    def kill_leftovers(self, pid):
        """SIGKILL the child's group and anything it left behind (setsid escapees included)."""
        try:
            os.killpg(pid, signal.SIGKILL)
        except OSError:
            pass
        if self.pid_ns:
            # In our own PID namespace everything but init and us is the call's debris; init (bwrap)
            # reaps it, and our only child, the call's, was already waited for.
            try:
                os.kill(-1, signal.SIGKILL)
            except OSError:
                pass
            return
        for _ in range(20):
            kids = _children()
            if not kids:
                break
            for k in kids:
                try:
                    os.kill(k, signal.SIGKILL)
                except OSError:
                    pass
            _reap_all()
        _reap_all()

    def collect(self, pid, pidfd, reader, want, per_step, start):
        """Reads up to `want` result frames. Step k has `per_step(k)` seconds, counted from the
        previous frame (or `start`); past that the child's group is killed.
        Returns (frames, timed_out, wait_status, rusage)."""
        mark = start
        timed_out = False
        # Waiting on the child's exit and draining the pipe on a short, backing-off poll (rather than
        # waking on every frame) lets a program's child run many calls per context switch.
        interval = 0.0005
        while reader.complete < want:
            left = mark + per_step(reader.complete) - cf_child.monotonic()
            if left <= 0:
                timed_out = True
                break
            exited = bool(select.select([pidfd], [], [], min(left, interval))[0])
            moved, arrived = reader.pump()
            if arrived:
                mark = cf_child.monotonic()
            interval = 0.0005 if moved else min(interval * 2, 0.05)
            if exited or reader.eof:
                if exited:  # take what it wrote before it ended
                    reader.pump()
                break
        if reader.complete < want:
            for target in (-pid, pid):
                try:
                    os.kill(target, signal.SIGKILL)
                except OSError:
                    pass
        if reader.complete >= want:  # reported in full: its exit status and usage are not needed
            _, status = os.waitpid(pid, 0)
            rusage = None
        else:
            _, status, rusage = os.wait4(pid, 0)
        os.close(pidfd)
        os.close(reader.fd)
        self.kill_leftovers(pid)
        return reader.frames(want), timed_out, status, rusage

    # ---- call mode -----------------------------------------------------------------------
    def do_call(self, req):
        limits = req["limits"]
        t0 = cf_child.monotonic()
        # Compiling here, before the fork, spares the child the copy-on-write faults of the compiler.
        try:
            prog, expr = cf_child.compile_program(req.get("code", ""), req.get("call"))
        except BaseException as e:  # noqa: BLE001 - a syntax error is the call's outcome
            return _failed(e)
        compiled = _precompile(req.get("precompile"))
        private = self.make_private_dir()
        base_vm = cf_child.vm_bytes()
        self.capture.reset()

        def body(w):
            cf_child.apply_process_limits(limits, 1, self.nproc_base, base_vm)
            ns = self.ns if self.session else {"__name__": "__main__", "__builtins__": USER_BUILTINS}
            ns.update(compiled)
            write_frame(w, cf_child.run_step(ns, prog, expr, req, self.capture, fresh=True))

        deadline = limits["timeoutMs"] / 1000.0
        for attempt in range(1 + STARVED_RETRIES):
            pid, pidfd, reader = self.fork(private, body)
            frames, timed_out, status, rusage = self.collect(pid, pidfd, reader, 1, lambda k: deadline, cf_child.monotonic())
            if frames:
                break
            result = self.death_result(status, timed_out, rusage, limits)
            factor = starved_factor(result, timed_out, deadline, limits) if attempt < STARVED_RETRIES else None
            if factor is None:
                break
            deadline *= factor
            self.remove_private_dir(private)
            private = self.make_private_dir()
            self.capture.reset()
        if frames:  # the child reported (fresh step: its output is read here, now that it is gone)
            result = frames[0] if not frames[0].get("corrupt") else _crash("corrupt result frame")
            cf_child.attach_output(result, self.capture, limits["outputBytes"])
        result["wall_ms"] = (cf_child.monotonic() - t0) * 1000
        self.remove_private_dir(private)
        return result

    def death_result(self, status, timed_out, rusage, limits, prior_ms=0.0):
        """What to say about a child that ended without reporting (killed, crashed, _exit).
        `prior_ms`: CPU time the child's earlier, reported steps used (the rest is this step's)."""
        cpu_ms = max(0.0, (rusage.ru_utime + rusage.ru_stime) * 1000 - prior_ms)
        base = cf_child.attach_output({"cpu_ms": cpu_ms}, self.capture, limits["outputBytes"])
        if "status" in base:  # output past the cap: that is the verdict
            return base
        if timed_out or (os.WIFSIGNALED(status) and os.WTERMSIG(status) in (signal.SIGXCPU, signal.SIGKILL, signal.SIGVTALRM)
                         and cpu_ms >= limits["cpuMs"] - 50):
            why = "wall deadline" if timed_out else "CPU limit"
            return {**base, "status": "timeout", "exception": {"type": "Timeout", "message": f"{why} exceeded",
                                                              "traceback": ""}}
        if os.WIFSIGNALED(status):
            sig = os.WTERMSIG(status)
            msg = f"killed by signal {signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else sig}"
        else:
            msg = f"exited with code {os.WEXITSTATUS(status)} without a result"
        return {**base, "status": "crash", "exception": {"type": "Crash", "message": msg, "traceback": ""}}

    # ---- program mode --------------------------------------------------------------------
    def do_program(self, req):
        t_start = cf_child.monotonic()
        limits = req["limits"]
        calls = req["calls"]
        per_call = limits["timeoutMs"] / 1000.0
        # The definition may have limits of its own (a caller holding calls to tight limits need not
        # hold the program's imports to them).
        setup_limits = req.get("setup_limits") or limits
        setup_req = {**req, "limits": setup_limits} if setup_limits is not limits else req
        step_limits = lambda step: setup_limits if step == -1 else limits  # noqa: E731
        deadline_of = lambda step: stretch.get(step, setup_limits["timeoutMs"] / 1000.0 if step == -1 else per_call)  # noqa: E731
        results = []
        # `stop_after: [n, t]`: the t-th timeout among the first n calls ends the request there (a
        # probe: the rest are not run, and the result lists only the calls run).
        stop_n, stop_t = req.get("stop_after") or (0, 0)
        # `stop_work: [limit, call, timeout]`: the call that brings the calls' work (each call's steps
        # plus `call`, or `timeout` for a timeout) past `limit` is the last one run. Steps, not time:
        # where a request stops must not follow the machine's load.
        work_limit, work_call, work_timeout = req.get("stop_work") or (0, 0, 0)

        def work(done):
            return sum(work_timeout if r.get("status") == "timeout" else work_call + (r.get("steps") or 0) for r in done)

        def stops(done):
            if work_limit and work(done) > work_limit:
                return True
            return bool(stop_n) and sum(r.get("status") == "timeout" for r in done[:stop_n]) >= stop_t

        setup = None
        forks = 0
        start = 0  # index of the next call to run; a fresh child continues after a killed one
        stretch = {}  # step (-1: the definition, i: call i) -> its deadline, once it was starved
        retries = 0
        try:
            prog = compile(req["code"], cf_child.PROGRAM, "exec")
        except BaseException as e:  # noqa: BLE001 - every call shares a definition that does not compile
            fail = _failed(e)
            return {"setup": fail, "calls": [dict(fail) for _ in calls], "forks": 0}
        batch, exprs = _compile_calls(calls)
        base_vm = cf_child.vm_bytes()
        while setup is None or (start < len(calls) and not stops(results)):
            private = self.make_private_dir()
            first = start
            forks += 1
            t_fork = cf_child.monotonic()

            def body(w, first=first):
                cf_child.apply_process_limits(limits, len(calls) - first + 1, self.nproc_base, base_vm)
                ns = {"__name__": "__main__", "__builtins__": USER_BUILTINS}
                res = cf_child.run_step(ns, prog, None, setup_req, self.capture)
                write_frame(w, res)
                if res["status"] != "ok":
                    return
                fns = _bind_calls(batch, ns, len(calls))
                each = exprs if fns is not None or exprs is not None else _compile_each(calls)
                done = list(results)  # the calls earlier children ran (this child's copy)
                for i in range(first, len(calls)):
                    expr = fns[i] if fns is not None else each[i]
                    if isinstance(expr, dict):  # the call expression did not compile
                        frame = expr
                    else:
                        frame = cf_child.run_step(ns, None, expr, req, self.capture)
                    write_frame(w, frame)
                    done.append(frame)
                    if stops(done):
                        return

            def step_of(k, first=first):  # frame k of this child: the definition, then calls from `first`
                return -1 if k == 0 else first + k - 1

            # The child's own resets do not reach this process's view of the capture: without this,
            # output a previous program's last call left behind would be read as this setup's.
            self.capture.reset()
            pid, pidfd, reader = self.fork(private, body)
            want = 1 + len(calls) - first
            got, timed_out, status, rusage = self.collect(
                pid, pidfd, reader, want, lambda k: deadline_of(step_of(k)), t_fork)
            self.remove_private_dir(private)
            steps = [f if not f.get("corrupt") else _crash("corrupt result frame") for f in got]
            if len(steps) < want and steps and steps[0]["status"] == "ok" and stops(results + steps[1:]):
                setup = setup or steps[0]  # the child stopped where the probe's rule said
                results.extend(steps[1:])
                break
            if len(steps) < want:
                step = step_of(len(steps))
                death = self.death_result(status, timed_out, rusage, step_limits(step), sum(f.get("cpu_ms", 0) for f in steps))
                deadline = deadline_of(step)
                factor = starved_factor(death, timed_out, deadline, step_limits(step)) if retries < STARVED_RETRIES else None
                if factor is not None:
                    # Stopped by the wall deadline while the machine gave it too little CPU: the same
                    # step again with a deadline it can spend its CPU limit in, so that the verdict
                    # follows the code and not the machine's load.
                    retries += 1
                    stretch[step] = deadline * factor
                    if steps and steps[0]["status"] == "ok":
                        setup = setup or steps[0]
                        results.extend(steps[1:])
                        start = len(results)
                    continue
                steps.append(death)
            if setup is None:
                setup = steps[0]
            if steps[0]["status"] != "ok":
                # Defining the program failed (or killed the child): every remaining call shares that fate.
                fail = {k: v for k, v in steps[0].items() if k not in ("stdout", "stderr", "lines")}
                results.extend({**fail, "stdout": "", "stderr": ""} for _ in range(len(calls) - len(results)))
                break
            results.extend(steps[1:])
            start = len(results)
        return {"setup": setup, "calls": results[:len(calls)], "forks": forks,
                "wall_ms": (cf_child.monotonic() - t_start) * 1000}

    # ---- session cells -------------------------------------------------------------------
    def do_cell(self, req):
        limits = req["limits"]
        try:
            prog, expr = cf_child.compile_program(req["code"], None)
        except BaseException as e:  # noqa: BLE001
            return {"status": "error", "exception": cf_child.exception_info(e), "cpu_ms": 0, "wall_ms": 0,
                    "stdout": "", "stderr": ""}
        # Cells run in this process (state persists): stdio is redirected around the cell only,
        # and this process is the one that reports.
        cf_child._OWNER[0] = os.getpid()
        saved = os.dup(1), os.dup(2)
        os.dup2(self.capture.out_fd, 1)
        os.dup2(self.capture.err_fd, 2)
        try:
            return cf_child.run_step(self.ns, prog, expr, req, self.capture, hard_stop=False)
        finally:
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            os.close(saved[0])
            os.close(saved[1])

    def serve(self):
        while True:
            try:
                req = read_frame(CHANNEL)
            except EOFError:
                return
            op = req.get("op")
            if op == "exit":
                return
            try:
                if op == "call":
                    res = self.do_call(req)
                elif op == "program":
                    res = self.do_program(req)
                elif op == "cell":
                    res = self.do_cell(req)
                else:
                    res = {"status": "crash", "exception": {"type": "ProtocolError", "message": f"unknown op {op}",
                                                            "traceback": ""}}
            except Exception as e:  # noqa: BLE001 - a fault of the worker itself, reported, not fatal
                res = {"status": "crash", "stdout": "", "stderr": "", "cpu_ms": 0, "wall_ms": 0,
                       "exception": {"type": "WorkerError", "message": f"{type(e).__name__}: {e}", "traceback": ""}}
            res["id"] = req.get("id")
            write_frame(CHANNEL, res)


# A step stopped by its wall deadline is run once more (at most this many times a request) when it
# was starved of CPU: it used under STARVED_CPU of its CPU limit, but at least STARVED_SHARE of the
# wall time (a call that waits, sleeping or blocked, uses next to none and keeps its timeout). Only
# where the deadline is a backstop behind the CPU limit (timeoutMs >= cpuMs): a caller that set a
# deadline shorter than the CPU limit asked for wall time to decide.
# Twelve: a round of a few dozen calls on a machine loaded four times over starves more than two of
# them (a queued-vs-local comparison saw a third one stay a timeout); a starved retry costs wall time only.
STARVED_RETRIES = 12
STARVED_CPU = 0.9
STARVED_SHARE = 0.05
STARVED_MAX_FACTOR = 8


def starved_factor(death, timed_out, deadline_s, limits):
    """By how much to stretch the deadline of a step the wall deadline stopped while it was starved
    of CPU (a busy machine), or None when the timeout is the code's own."""
    if not timed_out or death.get("status") != "timeout":
        return None
    cpu_ms, limit = death.get("cpu_ms", 0.0), limits["cpuMs"]
    if limit > limits["timeoutMs"] or cpu_ms >= STARVED_CPU * limit or cpu_ms < STARVED_SHARE * deadline_s * 1000:
        return None
    return min(STARVED_MAX_FACTOR, max(2.0, limit / max(cpu_ms, 1.0) * 1.25))


def _stamp(path):
    st = os.stat(path)
    return (st.st_mtime_ns, st.st_ctime_ns, st.st_mode, st.st_uid, st.st_nlink)


def _precompile(sources):
    """A call's `precompile` texts as {name: code object, or the exception compiling raised}.
    Warnings are silenced: compiled in the child under a harness's redirected stderr they would
    have gone nowhere, and here they would reach the worker's own stderr."""
    out = {}
    if not sources:
        return out
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for s in sources:
            try:
                out[s["name"]] = compile(s["source"], s["filename"], "exec")
            except BaseException as e:  # noqa: BLE001 - a program that does not compile is the call's data
                out[s["name"]] = e
    return out


def _compile_calls(calls):
    """Compiling is a large fixed cost per expression, so a program's calls are compiled together,
    as a tuple of lambdas; each call then costs only its own evaluation. If the batch does not
    compile, each expression is compiled alone (and a bad one fails only its own call)."""
    src = "(" + "".join(f"lambda: (\n{c}\n),\n" for c in calls) + ")"
    try:
        return compile(src, "<call>", "eval"), None
    except BaseException:  # noqa: BLE001
        pass  # not compiled inside this handler: the calls' own errors must not chain to it
    return None, _compile_each(calls)


def _compile_each(calls):
    exprs = []
    for c in calls:
        try:
            exprs.append(compile(c, "<call>", "eval"))
        except BaseException as e:  # noqa: BLE001
            exprs.append(_failed(e))
    return exprs


def _bind_calls(batch, ns, n):
    """The batch's lambdas, bound to the program's globals; None if the batch was not usable."""
    if batch is None:
        return None
    fns = eval(batch, ns)  # builds lambdas only; evaluates no call
    return fns if len(fns) == n else None  # unbalanced brackets in a call reshaped the tuple


def _failed(e):
    return {"status": "error", "exception": cf_child.exception_info(e), "cpu_ms": 0, "wall_ms": 0,
            "stdout": "", "stderr": ""}


def _crash(message):
    return {"status": "crash", "stdout": "", "stderr": "", "cpu_ms": 0, "wall_ms": 0,
            "exception": {"type": "Crash", "message": message, "traceback": ""}}


def _set_subreaper():
    """Orphans of a call are re-parented to us, so we can find and kill them (no PID namespace)."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
    except Exception:  # noqa: BLE001 - best effort outside bubblewrap
        pass


def _children():
    pid = os.getpid()
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(x) for x in f.read().split()]
    except OSError:
        return []


def _reap_all():
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def _preload(cfg):
    profile = cfg.get("profile", "plain")
    if profile == "datasci":
        import numpy  # noqa: F401
        import pandas  # noqa: F401
    for name in cfg.get("preload", []):
        __import__(name)


def main():
    cfg = CONFIG
    os.makedirs(cfg["tmp_dir"], exist_ok=True)
    _preload(cfg)
    worker = Worker(cfg)
    if cfg.get("session") and cfg.get("child_uid") is not None:
        # A session's cells run in this process: it takes the unprivileged identity itself.
        uid = cfg["child_uid"]
        os.chown(cfg["tmp_dir"], uid, uid)
        os.setgroups([])
        os.setresgid(uid, uid, uid)
        os.setresuid(uid, uid, uid)
        worker.child_uid = None
        worker.nproc_base = 2
    sys.meta_path.insert(0, cf_child.SeedNumpyOnImport())
    cf_child.preseed_rngs(cfg.get("seed", 0))
    gc.collect()
    gc.freeze()  # keep the parent's objects out of the children's collections (fewer COW faults)
    vm = cf_child.vm_bytes()
    write_frame(CHANNEL, {"op": "ready", "pid": os.getpid(), "vm_bytes": vm,
                          "python": sys.version.split()[0]})
    worker.serve()


if __name__ == "__main__":
    main()
