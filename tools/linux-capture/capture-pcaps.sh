#!/usr/bin/env bash
# Ground truth for the capture reader (issue 14): every case of capture.py once more, keeping the
# raw pcap beside the JSON (segments and the states `ss` saw) of the same run, in
# tests/fixtures/linux-pcap/. Run as root; needs tcpdump and nftables. The fixtures in
# tests/fixtures/linux/ are left as they are.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=tests/fixtures/linux-pcap
mkdir -p "$out"
# Every case, the engine's (case_*) and the reader's own (reader_case_*: keep-alives, a late or one-sided capture, crossing FINs).
cases=$(sed -n 's/^def \(reader_\)\{0,1\}case_\([a-z0-9_]*\)(.*/\2/p' tools/linux-capture/capture.py | tr '_' '-')
for c in ${1:-$cases}; do
  echo "capturing $c" >&2
  KEEP_PCAP="$PWD/$out/$c.pcap" unshare -n python3 tools/linux-capture/capture.py "$c" > "$out/$c.json"
done
