"""The forked child's side: put the call's limits in place, run the code, describe the outcome.

Everything here runs after fork(), in a process that is thrown away: it ends with os._exit, never
returns into the worker loop, and reports through its own result pipe (not stdout).
"""
import ast
import builtins
import opcode
import os
import resource
import signal
import sys
import time
import traceback

import cf_values

# The reporting code runs after user code in the same process; it looks names up in a private copy
# of the builtins (functions take the module's __builtins__ when defined), so a call that rebinds
# `len` or `print` cannot break how its own result is described, and a one-call child needs no
# check or restore afterwards (comparing the builtins touches ~50 pages, each a copy-on-write fault).
__builtins__ = dict(builtins.__dict__)


def _import_random_without_fork_reseed():
    """random registers an at-fork hook that re-seeds it from os.urandom in every forked child;
    every call seeds it itself (seed_rngs), so the hook would only cost each call a getrandom and
    ~40 copy-on-write faults. Imported here, in the warm worker, so no child pays for the import."""
    register = os.register_at_fork
    os.register_at_fork = lambda **hooks: None
    try:
        import random as module
    finally:
        os.register_at_fork = register
    return module


random = _import_random_without_fork_reseed()


def _import_threading_with_light_fork_hook():
    """threading's at-fork hook rebuilds its locks and thread table in every forked child, in Python:
    measured, it doubles what an empty child costs (~130 more copy-on-write faults, ~0.3 ms). When
    the forking process has only its main thread (a pool worker always; a session worker until a
    cell starts threads) and is not inside threading's own code, those locks are free and the table
    holds just the forking thread, so all the child must fix is that thread's native id. Otherwise
    the child runs threading's own hook (which, in 3.11, leaves the native id stale). Imported
    here, before any preload can import threading."""
    hooks = {}
    register = os.register_at_fork
    os.register_at_fork = lambda **kw: hooks.update(kw)
    try:
        import threading as module
    finally:
        os.register_at_fork = register
    full = hooks.get("after_in_child")
    if full is None:  # this Python's threading registers no hook: nothing to lighten
        return module
    active, limbo, get_ident = module._active, module._limbo, module.get_ident

    def after_in_child():
        main = module._main_thread
        if len(active) == 1 and not limbo and active.get(get_ident()) is main \
                and module._shutdown_locks <= {main._tstate_lock}:
            main._set_native_id()
        else:
            full()
    os.register_at_fork(after_in_child=after_in_child)
    return module


threading = _import_threading_with_light_fork_hook()
# The real counters, taken before a frozen clock replaces the `time` module's functions: limits and
# durations are measured with these, whatever the user's code sees.
monotonic, perf_counter, process_time = time.monotonic, time.perf_counter, time.process_time
_SEED = random._random.Random.seed
_RANDOM = random._inst
PROGRAM = "<program>"


class CpuTimeout(BaseException):
    """Raised by the CPU timer; a BaseException so `except Exception` in user code cannot eat it."""


def _on_cpu_timer(signum, frame):
    raise CpuTimeout()


class Capture:
    """stdout/stderr of the call, in two memfds the worker owns (so a crash loses nothing)."""

    def __init__(self, out_fd, err_fd):
        self.out_fd, self.err_fd = out_fd, err_fd
        self.written = True  # unknown until this process reads

    def reset(self):
        for fd in (self.out_fd, self.err_fd):
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
        self.written = False

    def reset_if_written(self):
        """Between the calls of one process: the last read saw what the previous call wrote, so a
        call that printed nothing saves the next one four syscalls."""
        if self.written:
            self.reset()

    def read(self, cap):
        out = []
        for fd in (self.out_fd, self.err_fd):
            size = os.lseek(fd, 0, os.SEEK_END)  # an int, where fstat builds a stat_result
            data = os.pread(fd, min(size, cap), 0) if size else b""
            out.append((data.decode("utf-8", "replace"), size))
        self.written = out[0][1] > 0 or out[1][1] > 0
        return out


_OWNER = [0]
_BUILTINS = dict(builtins.__dict__)


def restore_builtins():
    """User code may rebind builtins (len, print, ...); the next call of a program, or the next cell
    of a session, must see the real ones."""
    current = builtins.__dict__
    if current != _BUILTINS:
        current.clear()
        current.update(_BUILTINS)


def leave_if_not_owner():
    """A process the user's code forked must never run our reporting code (it would write a second,
    interleaved result into the pipe, or go on to the program's next calls): it just ends."""
    if os.getpid() != _OWNER[0]:
        os._exit(0)


def prepare_worker(home, fixed_clock):
    """Once per worker, inherited by every child: stdin, home, signal dispositions, frozen clock.
    Done here rather than per child because every page a child touches is a copy-on-write fault."""
    devnull = os.open("/dev/null", os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    enter_dir(home)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # oversized writes fail with EFBIG instead of killing
    signal.signal(signal.SIGPROF, _on_cpu_timer)
    # RLIMIT_CPU's soft limit lies past the call's CPU timer, so SIGXCPU means code that never returns
    # to the interpreter (a loop in C): a Python handler would never run. The default action ends
    # the process (a `timeout` of that call; a program's remaining calls go on in a fresh child).
    signal.signal(signal.SIGXCPU, signal.SIG_DFL)
    # RLIMIT_CPU counts whole seconds, so a loop in C ran up to a second past a call's CPU limit (and
    # longer once a starved retry stretched its wall deadline). A user-CPU timer whose signal keeps its
    # default action (the process ends, whatever code it is in) stops it at C_GRACE times the limit.
    signal.signal(signal.SIGVTALRM, signal.SIG_DFL)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # that default action would also dump core
    if fixed_clock is not None:
        _freeze_clock(fixed_clock)


def enter_dir(path):
    os.chdir(path)
    os.environ["HOME"] = path
    os.environ["TMPDIR"] = path


def isolate_process(ctx, capture):
    """Once per child: own process group, captured stdio, no protocol fds, unprivileged identity."""
    _OWNER[0] = os.getpid()
    os.setpgid(0, 0)
    os.dup2(capture.out_fd, 1)
    os.dup2(capture.err_fd, 2)
    for fd in ctx["close_fds"]:
        try:
            os.close(fd)
        except OSError:
            pass
    if ctx.get("enter_dir"):
        enter_dir(ctx["enter_dir"])
    uid = ctx.get("uid")
    if uid is not None:
        os.setgroups([])
        os.setresgid(uid, uid, uid)
        os.setresuid(uid, uid, uid)


def _freeze_clock(t):
    """The wall clock at `t`, and every counter a program could read an elapsed time or an uptime
    from (monotonic, performance, process and thread CPU time) frozen at values that follow `t`: an
    output that follows any of them is the same on every run and differs in the determinism re-run,
    which freezes another `t`. Loops that wait for a counter to move end at the call's limits."""
    import datetime as _dt
    import threading  # noqa: F401  (its own timeouts bind the real monotonic clock at import)
    import queue  # noqa: F401

    uptime = float(t % 100_000_000) + 12_345.25  # seconds since an imagined boot
    cpu = float(t % 1_000) / 100.0 + 0.125
    time.time = lambda: float(t)
    time.time_ns = lambda: int(t * 1e9)
    for name, v in (("monotonic", uptime), ("perf_counter", uptime), ("process_time", cpu), ("thread_time", cpu)):
        setattr(time, name, (lambda v: lambda: v)(v))
        setattr(time, name + "_ns", (lambda v: lambda: int(v * 1e9))(v))
    clocks = {getattr(time, k): v for k, v in (
        ("CLOCK_REALTIME", float(t)), ("CLOCK_MONOTONIC", uptime), ("CLOCK_MONOTONIC_RAW", uptime),
        ("CLOCK_BOOTTIME", uptime), ("CLOCK_PROCESS_CPUTIME_ID", cpu), ("CLOCK_THREAD_CPUTIME_ID", cpu),
        ("CLOCK_TAI", float(t) + 37.0)) if hasattr(time, k)}
    gettime = time.clock_gettime
    time.clock_gettime = lambda clk: clocks[clk] if clk in clocks else gettime(clk)
    time.clock_gettime_ns = lambda clk: int(time.clock_gettime(clk) * 1e9)
    # The functions that read the clock when given no time.
    localtime, gmtime, ctime, asctime, strftime = time.localtime, time.gmtime, time.ctime, time.asctime, time.strftime
    time.localtime = lambda secs=None: localtime(t if secs is None else secs)
    time.gmtime = lambda secs=None: gmtime(t if secs is None else secs)
    time.ctime = lambda secs=None: ctime(t if secs is None else secs)
    time.asctime = lambda tup=None: asctime(localtime(t) if tup is None else tup)
    time.strftime = lambda fmt, tup=None: strftime(fmt, localtime(t) if tup is None else tup)
    real = _dt.datetime

    class FrozenDateTime(real):
        @classmethod
        def now(cls, tz=None):
            return real.fromtimestamp(t, tz)

        @classmethod
        def utcnow(cls):
            return real.utcfromtimestamp(t)

        @classmethod
        def today(cls):
            return real.fromtimestamp(t)

    class FrozenDate(_dt.date):
        @classmethod
        def today(cls):
            return _dt.date.fromtimestamp(t)

    # Named as the classes they stand in for, so that a repr reads `datetime.datetime(2038, 5, 12, ...)`
    # (the C type's name), never the sandbox's own class name.
    for cls, orig in ((FrozenDateTime, real), (FrozenDate, _dt.date)):
        cls.__name__, cls.__qualname__, cls.__module__ = 'datetime.' + orig.__name__, orig.__qualname__, orig.__module__
    _dt.datetime = FrozenDateTime
    _dt.date = FrozenDate


_STATM = os.open("/proc/self/statm", os.O_RDONLY | os.O_CLOEXEC)  # the worker's, opened at import
_PAGE = resource.getpagesize()


def vm_bytes():
    """The worker's address-space size (pread on a kept descriptor: no file objects per call)."""
    return int(os.pread(_STATM, 64, 0).split(None, 1)[0]) * _PAGE


def apply_process_limits(limits, ncalls, nproc_base, base_vm):
    """Once per child: address space relative to the worker's size (`base_vm`, read by the worker
    before forking), processes, file size, and a hard CPU ceiling for all its calls. Hard limits
    cannot be raised again, so they are set only here."""
    resource.setrlimit(resource.RLIMIT_AS, (base_vm + limits["memoryMb"] * 1024 * 1024,) * 2)
    resource.setrlimit(resource.RLIMIT_NPROC, (nproc_base + limits["maxProcesses"],) * 2)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limits["fileBytes"],) * 2)
    hard = int(process_time() + ncalls * (limits["cpuMs"] / 1000.0 + 1)) + 2
    resource.setrlimit(resource.RLIMIT_CPU, (hard, hard))
    _CPU_HARD[0] = hard


_CPU_HARD = [None]  # this child's hard CPU limit, once apply_process_limits set it


def apply_call_limits(limits, hard_stop=True):
    """Per call: a fine CPU timer for Python code, the hard stop for C code (`hard_stop`), and the coarse
    rlimit (1 s granularity) behind both."""
    cpu_s = limits["cpuMs"] / 1000.0
    hard = _CPU_HARD[0] if _CPU_HARD[0] is not None else resource.getrlimit(resource.RLIMIT_CPU)[1]
    # process_time() is this process's user + system CPU, as RLIMIT_CPU counts it (no rusage object).
    soft = int(process_time() + cpu_s) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (min(soft, hard), hard))
    arm_cpu_timers(cpu_s, hard_stop)


# The hard stop for code in C past the CPU timer: this share of the limit, plus a margin, of user CPU.
# Python code gets its CpuTimeout at the limit itself (ITIMER_PROF counts user and system time, so it
# always fires first) and disarms both timers. Not for a session's cells, which run in the session
# process itself: a cell past its limit in C ends the session at its wall deadline, as it did.
C_GRACE = 1.25
C_MARGIN_S = 0.05


def arm_cpu_timers(cpu_s, hard_stop=True):
    signal.setitimer(signal.ITIMER_PROF, cpu_s)
    if hard_stop:
        signal.setitimer(signal.ITIMER_VIRTUAL, cpu_s * C_GRACE + C_MARGIN_S)


def disarm_cpu_timers():
    signal.setitimer(signal.ITIMER_PROF, 0)
    signal.setitimer(signal.ITIMER_VIRTUAL, 0)


# [the seed of this call, for numpy imported during it; the seed the generators were set to with
#  nothing drawn since (the worker's own, inherited by the fork), or None]
_SEEDS = [0, None]


def preseed_rngs(seed):
    """In the warm worker, which never draws: its children inherit generators already at `seed`,
    so a child's first step need not seed them again (~20 copy-on-write faults saved per call)."""
    seed_rngs(seed)
    _SEEDS[1] = seed


def seed_rngs(seed):
    _SEEDS[0] = seed
    untouched, _SEEDS[1] = _SEEDS[1], None  # this step may draw: the next one in this process seeds
    if untouched == seed:
        return
    # What random.seed(int) does, without its Python-level wrapper (fewer pages touched per child).
    _SEED(_RANDOM, seed)
    _RANDOM.gauss_next = None
    np = sys.modules.get("numpy")
    if np is not None:
        np.random.seed(seed % (2 ** 32))


class SeedNumpyOnImport:
    """numpy imported by the call itself (the plain profile does not preload it) would seed its
    global generator from the OS; this meta-path finder seeds it with the call's seed instead."""

    def find_spec(self, name, path=None, target=None):
        if name != "numpy.random":
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None:
                break
        else:
            return None
        run = getattr(spec.loader, "exec_module", None)
        if run is None:
            return spec

        def exec_module(module):
            run(module)
            if hasattr(module, "seed"):
                module.seed(_SEEDS[0] % (2 ** 32))

        spec.loader.exec_module = exec_module
        return spec


def compile_program(code, call):
    """Returns (body, expr): code to exec and an expression to evaluate (the call, or the code's
    last expression when there is no call)."""
    if call is not None:
        return compile(code, PROGRAM, "exec"), compile(call, "<call>", "eval")
    if "\n" not in code.rstrip() and code[:1] not in (" ", "\t"):
        # One line that is an expression needs no syntax tree in Python objects (many pages touched
        # in the warm worker); eval mode would also accept leading indentation, exec mode does not.
        try:
            return None, compile(code, PROGRAM, "eval")
        except SyntaxError:
            pass  # a statement: the general path below, outside this handler (no chained errors)
    tree = ast.parse(code, PROGRAM)
    if tree.body and isinstance(tree.body[-1], ast.Expr):
        last = ast.Expression(tree.body.pop().value)
        return compile(tree, PROGRAM, "exec"), compile(last, PROGRAM, "eval")
    return compile(tree, PROGRAM, "exec"), None


_RAISE_OPS = frozenset(opcode.opmap[n] for n in ("RAISE_VARARGS", "RERAISE") if n in opcode.opmap)


def raised_at(tb):
    """Where an exception was raised, from the innermost frame of its traceback: `kind` is `raise`
    for a raise or assert statement, `interpreter` for an operation or a C function that rejected its
    operands (`'a' + 1`, `int('x')`, `d[k]`); `where` is `program`, `call` (the call expression) or
    `library` (Python code the program imported). A bare `raise` keeps the original frames, so the
    innermost one is where the exception began."""
    last = None
    while tb is not None:
        last, tb = tb, tb.tb_next
    if last is None:
        return None
    code = last.tb_frame.f_code
    name = code.co_filename
    where = "program" if name == PROGRAM else "call" if name == "<call>" else "library"
    raw = code.co_code
    op = raw[last.tb_lasti] if 0 <= last.tb_lasti < len(raw) else -1
    return {"kind": "raise" if op in _RAISE_OPS else "interpreter", "where": where, "line": last.tb_lineno}


def exception_info(e):
    t = type(e)
    mod = getattr(t, "__module__", "builtins")
    name = t.__qualname__ if mod in ("builtins", "__main__", None) else f"{mod}.{t.__qualname__}"
    try:
        message = str(e)
    except BaseException:  # noqa: BLE001 - a hostile __str__
        message = "<str() of the exception raised>"
    tb = e.__traceback__
    try:
        origin = raised_at(tb)
        if origin is not None:
            # Value errors (ValueError, ArithmeticError and their kin) say the operand's value was
            # refused, not its type.
            origin["value_error"] = isinstance(e, (ValueError, ArithmeticError))
    except BaseException:  # noqa: BLE001 - a traceback that cannot be read costs only the origin
        origin = None
    while tb is not None and tb.tb_frame.f_code.co_filename not in (PROGRAM, "<call>"):
        tb = tb.tb_next  # hide the worker's own frames
    try:
        text = "".join(traceback.format_exception(t, e, tb))
    except BaseException:  # noqa: BLE001
        text = f"{name}: {message}\n"
    info = {"type": name, "message": message[:10000], "traceback": text[-20000:]}
    if origin is not None:
        info["origin"] = origin
    return info


def status_of(e):
    if isinstance(e, CpuTimeout):
        return "timeout"
    if isinstance(e, MemoryError):
        return "memory"
    return "error"


# Work counted in interpreter steps: a line run in the program's own code is one step, a Python frame
# entered anywhere (the program's or a library's) is FRAME_STEPS. Unlike CPU time, the count follows
# the code and not the machine's load, so limits and budgets set in steps decide alike on a busy
# machine. (A frame stands for the library lines run untraced in it; C code is not counted: the CPU
# limit still bounds it.)
FRAME_STEPS = 8


class StepLimit(CpuTimeout):
    """The call ran past its step limit (a timeout that follows the code, not the machine)."""


class LineTracer:
    """Records executed lines of the program's own code (for coverage) and counts the call's steps,
    raising StepLimit past `limit` (0: none). Raising from a trace function also unsets it."""

    def __init__(self, limit=0):
        self.lines = set()
        self.steps = 0
        self.limit = limit or 0

    def __call__(self, frame, event, arg):
        self.steps += FRAME_STEPS
        if self.limit and self.steps > self.limit:
            raise StepLimit("step limit")
        if frame.f_code.co_filename != PROGRAM:
            return None
        return self._local

    def _local(self, frame, event, arg):
        if event == "line":
            self.steps += 1
            self.lines.add(frame.f_lineno)
            if self.limit and self.steps > self.limit:
                raise StepLimit("step limit")
        return self._local


def run_step(ns, body, expr, req, capture, fresh=False, hard_stop=True):
    """Runs one step (define + evaluate) under fresh limits and returns the result message.
    `fresh=True` for a child's one and only step: the worker emptied the capture before forking and
    attaches it afterwards, and no later step of this process will see the builtins. `hard_stop`: see
    C_GRACE."""
    limits = req["limits"]
    if not fresh:
        capture.reset_if_written()
    seed_rngs(req["seed"])
    step_limit = limits.get("steps") or 0
    tracer = LineTracer(step_limit) if req.get("trace") or step_limit else None
    stdout, stderr = sys.stdout, sys.stderr
    result = {"status": "ok"}
    t0, c0 = perf_counter(), process_time()
    value = None
    try:
        apply_call_limits(limits, hard_stop)
        if tracer:
            sys.settrace(tracer)
        if body is not None:
            exec(body, ns)
        if callable(expr):  # a pre-bound call (see cf_worker._compile_calls)
            value = expr()
            result["has_value"] = True
        elif expr is not None:
            value = eval(expr, ns)
            result["has_value"] = True
    except BaseException as e:  # noqa: BLE001 - every outcome is data
        sys.settrace(None)
        disarm_cpu_timers()
        result = {"status": status_of(e), "exception": exception_info(e)}
    finally:
        sys.settrace(None)
        disarm_cpu_timers()
        leave_if_not_owner()
        if not fresh:  # a one-step child is thrown away; our own code uses private builtins
            restore_builtins()
    result["cpu_ms"] = (process_time() - c0) * 1000
    result["wall_ms"] = (perf_counter() - t0) * 1000
    if result.pop("has_value", False):
        try:
            arm_cpu_timers(limits["cpuMs"] / 1000.0, hard_stop)  # a slow repr is the call's too
            result["value"] = cf_values.encode(value, limits["valueBytes"])
        except cf_values.ReprError as e:
            result = {**result, "status": "error",
                      "exception": {"type": "ReprError", "message": str(e), "traceback": ""}}
        except BaseException as e:  # noqa: BLE001
            result = {**result, "status": status_of(e), "exception": exception_info(e)}
        finally:
            disarm_cpu_timers()
    if tracer:
        result["lines"] = sorted(tracer.lines)
        result["steps"] = tracer.steps
    for s in (stdout, stderr, sys.stdout, sys.stderr):
        try:
            s.flush()
        except BaseException:  # noqa: BLE001 - user may have closed or replaced them
            pass
    if fresh:
        return result  # the worker reads the capture once this process is gone
    return attach_output(result, capture, limits["outputBytes"])


def attach_output(result, capture, cap):
    """Adds the step's captured stdout/stderr (cut at `cap`); output past the cap is `output_limit`."""
    (out, out_size), (err, err_size) = capture.read(cap)
    result["stdout"], result["stderr"] = out, err
    if max(out_size, err_size) > cap:
        result["output_truncated"] = True
        result["status"] = "output_limit"
    return result
