#!/usr/bin/env bash
# Re-capture every case of capture.py on this machine's kernel into tests/fixtures/linux/.
# Run as root (it makes a private network namespace per case); needs tcpdump and nftables.
set -euo pipefail
cd "$(dirname "$0")/../.."
for tool in tcpdump nft unshare; do
  command -v "$tool" > /dev/null || { echo "needs $tool (apt-get install -y tcpdump nftables)" >&2; exit 1; }
done
cases=$(sed -n 's/^def case_\([a-z0-9_]*\)(.*/\1/p' tools/linux-capture/capture.py | tr '_' '-')
for c in $cases; do
  echo "capturing $c" >&2
  unshare -n python3 tools/linux-capture/capture.py "$c" > "tests/fixtures/linux/$c.json.new"
  mv "tests/fixtures/linux/$c.json.new" "tests/fixtures/linux/$c.json"
done
