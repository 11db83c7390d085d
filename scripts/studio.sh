#!/usr/bin/env bash
# Installs what is missing, builds, and starts mop-studio. Arguments go to mop-studio.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
exec "${MOP_BUILD_DIR:-build}/app/mop-studio" "$@"
