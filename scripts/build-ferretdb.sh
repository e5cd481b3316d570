#!/usr/bin/env bash
# Builds FerretDB 1.24.2 (Apache-2.0; speaks the MongoDB wire protocol and keeps its data in SQLite with
# --handler=sqlite) into .cache/ferretdb/ferretdb, once. The MongoDB ReadStore contract suite runs against it
# (test/support/ferretdb.ts). Needs Go and the Go module proxy; without Go it says so and exits 0, and the test
# suite decides whether that is allowed (it is not in CI).
#
# Why not `go install github.com/FerretDB/FerretDB/cmd/ferretdb@v1.24.2`: it builds, but the binary panics at start
# ("Invalid build/version/version.txt file content"), because the module zip has no generated version.txt and a
# binary whose main module is FerretDB requires one. So the script downloads the module source through the proxy
# (checked against the Go checksum database as usual), copies it to a temporary directory, writes the
# version.txt that FerretDB's own `task gen-version` would write, and builds cmd/ferretdb from there. The binary then
# reports `version: v1.24.2`, which is also how a later run knows it can skip the build.
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION="v1.24.2"
MODULE="github.com/FerretDB/FerretDB"
OUT_DIR="$PWD/.cache/ferretdb"
BIN="$OUT_DIR/ferretdb"

log() { echo "build-ferretdb: $*"; }
# The version line of a binary, or nothing. (Captured first: `--version | grep -q` under pipefail can fail on SIGPIPE.)
built_version() { local out; out="$("$1" --version 2>/dev/null)" || return 0; printf '%s\n' "$out" | sed -n 's/^version: //p'; }

if [ -x "$BIN" ] && [ "$(built_version "$BIN")" = "$VERSION" ]; then
  log "FerretDB ${VERSION} is already built at ${BIN#"$PWD/"}; nothing to do."
  exit 0
fi

if ! command -v go >/dev/null 2>&1; then
  log "Go is not installed, so FerretDB cannot be built; the MongoDB ReadStore suite will skip (or fail in CI, where CI is set)."
  exit 0
fi

log "building FerretDB ${VERSION} with $(go version) into ${BIN#"$PWD/"} (about a minute of compiling on a cold Go build cache, plus downloads)..."
start=$(date +%s)

WORK="$(mktemp -d "${TMPDIR:-/tmp}/ferretdb-build.XXXXXX")"
trap 'chmod -R u+w "$WORK" 2>/dev/null || true; rm -rf "$WORK"' EXIT

# Module source through GOPROXY (default proxy.golang.org), verified against GOSUMDB.
if ! INFO="$(go mod download -json "${MODULE}@${VERSION}")"; then
  log "could not download ${MODULE}@${VERSION} through the Go module proxy ($(go env GOPROXY)):" >&2
  echo "$INFO" >&2
  exit 1
fi
SRC="$(printf '%s\n' "$INFO" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
if [ -z "$SRC" ] || [ ! -f "$SRC/go.mod" ]; then
  log "go mod download gave no source directory for ${MODULE}@${VERSION}:" >&2
  echo "$INFO" >&2
  exit 1
fi
log "source: ${MODULE}@${VERSION} (module cache: ${SRC})"

cp -R "$SRC/." "$WORK/src"
chmod -R u+w "$WORK/src"
echo "${VERSION}" > "$WORK/src/build/version/version.txt"

mkdir -p "$OUT_DIR"
# CGO is not needed: the SQLite backend is modernc.org/sqlite (pure Go). -trimpath keeps local paths out of the binary.
(cd "$WORK/src" && CGO_ENABLED=0 GOFLAGS=-mod=readonly go build -trimpath -o "$OUT_DIR/ferretdb.tmp" ./cmd/ferretdb)
mv -f "$OUT_DIR/ferretdb.tmp" "$BIN"

if [ "$(built_version "$BIN")" != "$VERSION" ]; then
  log "the built binary does not report ${VERSION}:" >&2
  "$BIN" --version >&2 || true
  exit 1
fi
log "built ${BIN#"$PWD/"} in $(( $(date +%s) - start ))s:"
"$BIN" --version | sed 's/^/  /'
