#!/usr/bin/env python3
"""Answers every request, but a non-daemon thread keeps the process alive after stdin closes."""
import json
import os
import sys
import threading
import time


def forever():
    while True:
        time.sleep(1)


if os.environ.get("HIE_HOSTILE_PIDS"):
    with open(os.environ["HIE_HOSTILE_PIDS"], "a") as f:
        f.write(f"{os.getpid()}\n")
threading.Thread(target=forever).start()
for line in sys.stdin:
    if not line.strip():
        continue
    request = json.loads(line)
    fn = request.get("params", {}).get("function")
    result = {"Fail": "linger-thread says no"} if fn == "verdict" else {"Pass": None}
    print(json.dumps({"jsonrpc": "2.0", "result": result, "id": request["id"]}), flush=True)
# stdin closed: the main thread ends here, the background thread never does
