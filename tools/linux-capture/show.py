#!/usr/bin/env python3
"""Print captured cases one segment a line: python3 tools/linux-capture/show.py tests/fixtures/linux/*.json"""
import json, sys
for f in sys.argv[1:]:
    d = json.load(open(f))
    print("==", d["case"], d["result"], d["states"])
    for s in d["segments"]:
        print(f'   {s["t"]:>9} {s["from"]:>6} {s["flags"]:<8} seq={s["seq"]} ack={s["ack"]} len={s["len"]}')
