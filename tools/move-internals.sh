#!/usr/bin/env bash
# Moves client-core's internal types into com.marketplacecontracts.core.internal.* and rewrites every reference.
# Idempotent: run it again after merging other branches; it moves what is still in the old place and rewrites
# references new code makes to the old names. Run from the repository root: tools/move-internals.sh
# Afterwards: compile (./mvnw -B -o -q test-compile), and make public any member that is now used across packages.
set -euo pipefail
cd "$(git rev-parse --show-toplevel)"

CORE=client-core/src
ROOT=com/marketplacecontracts/core
# old package (under core)   type   new package (under core)
MOVES="
error      ErrorDecoder                  internal.error
error      ErrorBodyParser               internal.error
error      Redactor                      internal.error
error      RedactedFailure               internal.error
error      RetryAfter                    internal.error
error      UriMask                       internal.error
http       ClientRuntime                 internal.http
http       CallState                     internal.http
http       TypedCallAdapterFactory       internal.http
http       DeprecationNotice             internal.http
http       RedirectInterceptor           internal.http
http       ResponseLimitInterceptor      internal.http
http       ExchangeGuard                 internal.http
http       DownloadConverterFactory      internal.http
http       DecodingFailures              internal.http
http       RedactedEvents                internal.http
http       JsonValueLimit                internal.http
auth       Origins                       internal.http
auth       CredentialInterceptor         internal.http
auth       UnauthorizedRetryInterceptor  internal.http
retry      RetryInterceptor              internal.http
validation ValidatingProxy               internal.http
validation Validators                    internal.http
ratelimit  RateLimitInterceptor          internal.ratelimit
ratelimit  LocalLimiterStore             internal.ratelimit
ratelimit  IdleMap                       internal.ratelimit
ratelimit  QuotaHeaders                  internal.ratelimit
ratelimit  LimiterMemoryTest             internal.ratelimit
ratelimit  HostileQuotaHeadersTest       internal.ratelimit
"
# (A name ending in Test is a test that goes to the internal package it tests.)
# Tests that go with the type they test (same package: they may use its package-private members).
TESTS_OF="ClientRuntime Redactor RetryAfter UriMask CredentialInterceptor UnauthorizedRetryInterceptor RetryInterceptor
RateLimitInterceptor ValidatingProxy JsonValueLimit DeprecationNotice RedactedEvents"

pkgdir() { echo "${1//.//}"; }

while read -r old name new; do
  [ -z "$old" ] && continue
  for kind in main test; do
    src="$CORE/$kind/java/$ROOT/$(pkgdir "$old")/$name.java"
    dst="$CORE/$kind/java/$ROOT/$(pkgdir "$new")/$name.java"
    if [[ "$name" == *Test ]]; then
      [ "$kind" = test ] || continue
    elif [ "$kind" = test ]; then
      case " $(echo $TESTS_OF) " in *" $name "*) ;; *) continue ;; esac
      src="${src%.java}Test.java"; dst="${dst%.java}Test.java"
    fi
    if [ -f "$src" ] && [ ! -f "$dst" ]; then
      mkdir -p "$(dirname "$dst")"
      git mv "$src" "$dst"
    fi
    if [ -f "$dst" ]; then
      sed -i "s/^package com\.marketplacecontracts\.core\.$old;/package com.marketplacecontracts.core.$new;/" "$dst"
    fi
  done
done <<< "$MOVES"

# Every file a reference may be in: all modules' sources and tests, docs, the README.
mapfile -t FILES < <(git ls-files '*.java' '*.md' '*.kt' '*.properties' 'templates/**' \
  | grep -v '^node_modules/' | while read -r f; do [ -f "$f" ] && echo "$f"; done)

while read -r old name new; do
  [ -z "$old" ] && continue
  # Fully qualified references (imports, static imports, docs): com.marketplacecontracts.core.<old>.<Name>
  { grep -l "com\.marketplacecontracts\.core\.$old\.$name\b" "${FILES[@]}" 2>/dev/null || true; } | while read -r f; do
    sed -i "s/com\.marketplacecontracts\.core\.$old\.$name\b/com.marketplacecontracts.core.$new.$name/g" "$f"
  done
done <<< "$MOVES"

# Simple-name references that need a new import: a file of the old package (or one importing it with '*') that
# uses a moved type, and a moved file that uses a type left in its old package.
add_import() { # file fqn
  local f="$1" fqn="$2"
  grep -q "^import $fqn;" "$f" && return 0
  local pkg; pkg=$(sed -n '/^package /{s/^package \([a-z0-9_.]*\);.*/\1/p;q;}' "$f")
  [ "$pkg.${fqn##*.}" = "$fqn" ] && return 0
  if grep -q '^import ' "$f"; then
    sed -i "0,/^import /s//import $fqn;\nimport /" "$f"
  else
    sed -i "s/^package \(.*\);$/package \1;\n\nimport $fqn;/" "$f"
  fi
}
uses() { # file simpleName: used as a word outside import lines
  # (no -q: a grep that stops early would break the pipe, and pipefail would call that a miss)
  grep -v '^import ' "$1" | grep -w "$2" > /dev/null
}

mapfile -t JAVA < <(printf '%s\n' "${FILES[@]}" | grep '\.java$')
while read -r old name new; do
  [ -z "$old" ] && continue
  { grep -lw "$name" "${JAVA[@]}" 2>/dev/null || true; } | while read -r f; do
    pkg=$(sed -n '/^package /{s/^package \([a-z0-9_.]*\);.*/\1/p;q;}' "$f")
    if { [ "$pkg" = "com.marketplacecontracts.core.$old" ] \
        || grep -q "^import com\.marketplacecontracts\.core\.$old\.\*;" "$f"; } && uses "$f" "$name"; then
      add_import "$f" "com.marketplacecontracts.core.$new.$name"
    fi
  done
done <<< "$MOVES"

# Moved files (and their tests) that use types remaining in the package they left.
while read -r old name new; do
  [ -z "$old" ] && continue
  for kind in main test; do
    for dst in "$CORE/$kind/java/$ROOT/$(pkgdir "$new")/$name.java" "$CORE/$kind/java/$ROOT/$(pkgdir "$new")/${name}Test.java"; do
      [ -f "$dst" ] || continue
      for left in "$CORE"/main/java/$ROOT/$(pkgdir "$old")/*.java "$CORE"/test/java/$ROOT/$(pkgdir "$old")/*.java; do
        [ -f "$left" ] || continue
        type=$(basename "$left" .java)
        [ "$type" = package-info ] && continue
        if uses "$dst" "$type" && grep -qE "^public (final |abstract |sealed )*(class|interface|record|enum|@interface) $type\b" "$left"; then
          add_import "$dst" "com.marketplacecontracts.core.$old.$type"
        fi
      done
    done
  done
done <<< "$MOVES"

echo "moved; now: ./mvnw -B -o -q test-compile -pl <modules> -am"
