#!/usr/bin/env bash
# The command line against the local emulator: export -> edit -> plan -> apply. Needs no
# credentials and no account; the emulator runs in the background and stops at the end.
#
#   examples/cli-demo.sh        (make demo runs it)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
cli() { node "$root/pkg/src/cli.mjs" "$@"; }
show() { printf '\n$ cf-dns-batch %s\n' "$*"; }

# 1. A local Cloudflare DNS API holding example.com, on a free port.
cd "$work"
node "$root/pkg/src/cli.mjs" emulator --port 0 --seed "$root/examples/cli-demo.zone" > emulator.out &
emulator=$!
trap 'kill "$emulator" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 100); do grep -q '^zone ' emulator.out && break; sleep 0.1; done
head -2 emulator.out
base_url=$(sed -n 's/^listening //p' emulator.out)
zone=$(sed -n 's/^zone .* id \([0-9a-f]*\) .*/\1/p' emulator.out)
[ -n "$zone" ] || { echo "the emulator did not start" >&2; exit 1; }
export CLOUDFLARE_API_TOKEN=local-demo-token   # the emulator takes any token
remote=(--zone "$zone" --base-url "$base_url")

# 2. Export the zone as a zone file.
show export --zone "$zone" --zone-name example.com '>' example.com.zone
cli export "${remote[@]}" --zone-name example.com > example.com.zone
cat example.com.zone

# 3. Edit it: move mail to a new address, add an AAAA, drop the old host.
sed -i -e 's/192\.0\.2\.25/192.0.2.26/' -e '/^old\./d' example.com.zone
echo 'mail.example.com. 3600 IN AAAA 2001:db8::25' >> example.com.zone
show validate example.com.zone
cli validate example.com.zone

# 4. See what would change (nothing is sent), then apply it in one atomic batch.
show plan example.com.zone --zone "$zone" --scope zone
cli plan example.com.zone "${remote[@]}" --scope zone
show apply example.com.zone --zone "$zone" --scope zone --yes
cli apply example.com.zone "${remote[@]}" --scope zone --yes

# 5. The zone now matches the file.
show plan example.com.zone --zone "$zone" --scope zone
cli plan example.com.zone "${remote[@]}" --scope zone
