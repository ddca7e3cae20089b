// Hostile Python snippets, shared by the executor's red-team suite and the server's: the same code
// must be contained whether it reaches the sandbox directly or through HTTP.
export const HOSTILE = {
  infiniteLoop: 'while True:\n    pass',
  sleep: 'import time\ntime.sleep(60)',
  loopInC: 'sum(range(10**12))',
  memoryBomb: 'x = bytearray(8 * 1024**3)',
  growingMemory: "l = []\nwhile True:\n    l.append(' ' * 10**6)",
  forkBomb: 'import os\nwhile True:\n    os.fork()',
  threadBomb: 'import threading, time\nfor i in range(10000):\n    threading.Thread(target=time.sleep, args=(30,)).start()',
  hugeStdout: "while True:\n    print('x' * 10000)",
  exitWithoutResult: 'import os\nos._exit(0)',
  killParent: 'import os\nos.kill(os.getppid(), 9)',
  ignoreSignals: 'import signal\nfor s in (signal.SIGPROF, signal.SIGXCPU, signal.SIGTERM, signal.SIGALRM):\n    signal.signal(s, signal.SIG_IGN)\nwhile True:\n    pass',
  nameResolution: "import socket\nsocket.getaddrinfo('example.com', 80)",
  deepRecursion: 'def f(n):\n    return f(n + 1)\nf(0)',
  cStackRecursion: 'import sys\nsys.setrecursionlimit(10**8)\ndef f(n):\n    return f(n + 1)\nf(0)',
  segfault: 'import ctypes\nctypes.string_at(0)',
  closeStdio: 'import os\nfor fd in (0, 1, 2):\n    os.close(fd)\n5',
  setsidDaemon: 'import os, time\nif os.fork() == 0:\n    os.setsid()\n    time.sleep(100)\n3',
} as const;
