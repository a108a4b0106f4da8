#!/usr/bin/env bash
# Counts the public API of each client jar: the lines `javap -public` prints for its classes ("Compiled from"
# lines left out), in three parts: the API (what users may use), the internal packages (`.internal.`: public
# only for the library's own modules, not part of the API) and the generated packages (`.api.`, `.model.`).
# Build the jars first: ./mvnw -B -o -q package -DskipTests -pl client-core,teez-client,yandex-client -am
# Usage: tools/public-surface.sh [repository root]   (default: this checkout)
set -euo pipefail
root="${1:-$(git rev-parse --show-toplevel)}"
count() { # jar, class names -> "public-types lines"
  local jar="$1" names="$2" out
  if [ -z "$names" ]; then echo "0 0"; return; fi
  # one block per class, from its "Compiled from" line; a class that is not public shows nothing of itself
  out=$(echo "$names" | xargs javap -public -cp "$jar" 2>/dev/null | awk '
    /^Compiled from/ { keep = -1; next }
    keep == -1 { keep = ($0 ~ /^(public|protected) /) }
    keep == 1 { print }' || true)
  echo "$(echo "$out" | grep -cE '^(public|protected) .*(class|interface|enum|record) ' || true) $(echo "$out" | grep -c . || true)"
}
printf '%-14s %6s %7s | %8s %9s | %9s %10s\n' module types lines internal int-lines generated gen-lines
for module in client-core yandex-client teez-client; do
  jar=$(ls "$root/$module"/target/"$module"-*.jar | grep -v -- '-tests\|-sources\|-javadoc' | head -1)
  classes=$(unzip -Z1 "$jar" | grep '\.class$' | grep -v 'module-info\|package-info' | sed 's/\.class$//; s|/|.|g')
  api=$(echo "$classes" | grep -v '\.api\.\|\.model\.\|\.internal\.' || true)
  internal=$(echo "$classes" | grep '\.internal\.' || true)
  gen=$(echo "$classes" | grep '\.api\.\|\.model\.' || true)
  read -r at al <<< "$(count "$jar" "$api")"
  read -r it il <<< "$(count "$jar" "$internal")"
  read -r gt gl <<< "$(count "$jar" "$gen")"
  printf '%-14s %6s %7s | %8s %9s | %9s %10s\n' "$module" "$at" "$al" "$it" "$il" "$gt" "$gl"
done
