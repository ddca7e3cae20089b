"""A SandboxFusion `/run_code` request inside one forked call: the request's files written and its
stdin put on fd 0, then the code run the way `python3 main.py` runs a script (as `__main__`, an
uncaught exception printed to stderr with exit status 1, `sys.exit(n)` giving status n, non-daemon
threads joined at the end). The value returned is JSON text: the exit status and the files asked for.

Preloaded by the server's warm workers, so the imports below cost a call nothing. A CPU timeout and
MemoryError are not caught here: the executor reports them as `timeout` and `memory`.
"""
import base64
import builtins
import io
import json
import linecache
import os
import sys
import traceback

SCRIPT = "main.py"


def run(request_json):
    req = json.loads(request_json)
    for name, data in (req.get("files") or {}).items():
        if data is None:
            continue
        folder = os.path.dirname(name)
        if folder:
            os.makedirs(folder, exist_ok=True)
        with open(name, "wb") as f:
            f.write(base64.b64decode(data))
    _set_stdin(req.get("stdin"))
    status = _run_script(req["code"])
    fetched = {}
    for name in req.get("fetch_files") or []:
        try:
            with open(name, "rb") as f:
                fetched[name] = base64.b64encode(f.read()).decode("ascii")
        except OSError:
            pass  # SandboxFusion leaves out a file that is not there
    return json.dumps({"return_code": status, "files": fetched})


# sys.stdin of every run: made here, in the warm worker, which never reads it, so each forked child
# gets it unread (building a text wrapper per child would cost it copy-on-write faults). It reads
# whatever fd 0 is when the script reads: /dev/null, or the request's stdin.
_STDIN = io.TextIOWrapper(io.FileIO(0, "r", closefd=False), encoding="utf-8", errors="replace")


def _set_stdin(text):
    """The text on fd 0 (a memory file: any size, nothing on disk), and sys.stdin on it."""
    if text:
        fd = os.memfd_create("stdin")
        os.write(fd, text.encode("utf-8", "surrogatepass"))
        os.lseek(fd, 0, os.SEEK_SET)
        os.dup2(fd, 0)
        os.close(fd)
    sys.stdin = _STDIN


def _run_script(code):
    """The exit status a script with this code would have."""
    linecache.cache[SCRIPT] = (len(code), None, code.splitlines(True), SCRIPT)  # tracebacks show its lines
    namespace = {"__name__": "__main__", "__file__": SCRIPT, "__builtins__": builtins, "__doc__": None}
    try:
        body = compile(code, SCRIPT, "exec")
    except (SyntaxError, ValueError) as e:  # as Python reports a script that does not compile
        sys.stderr.write("".join(traceback.format_exception_only(type(e), e)))
        return 1
    try:
        exec(body, namespace)
        _join_threads()
    except SystemExit as e:
        return _exit_status(e.code)
    except MemoryError:
        raise
    except Exception as e:  # noqa: BLE001 - what the interpreter would print before exiting 1
        tb = e.__traceback__
        while tb is not None and tb.tb_frame.f_code.co_filename != SCRIPT:
            tb = tb.tb_next  # our own frames are not the script's
        sys.stderr.write("".join(traceback.format_exception(type(e), e, tb)))
        return 1
    return 0


def _join_threads():
    """An interpreter waits for non-daemon threads before it exits; so does a script here."""
    threading = sys.modules.get("threading")
    if threading is not None:
        threading._shutdown()


def _exit_status(code):
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    sys.stderr.write(f"{code}\n")
    return 1
