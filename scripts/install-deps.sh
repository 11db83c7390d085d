#!/usr/bin/env bash
# Installs the Debian 12 packages Pathway Studio needs to build, test and run (only those missing).
set -euo pipefail

# libopenblas0-openmp: LibTorch calls BLAS through libblas.so.3; Debian's default reference BLAS
# is ~10x slower at the GEMMs training runs on. poppler-utils, librsvg2-bin: the figure export tests
# open the PDF and SVG files. slurm-wlm, munge: the `mop sweep --slurm` test brings up a one-node
# Slurm cluster on localhost. Extra packages may be passed as arguments.
packages=(
  build-essential cmake ninja-build pkg-config git
  libtorch-dev libopenblas0-openmp nlohmann-json3-dev libcli11-dev catch2
  libimgui-dev libglfw3-dev libgl-dev libstb-dev libfreetype-dev fonts-dejavu-core python3-glad libcairo2-dev
  xvfb xauth libgl1-mesa-dri poppler-utils librsvg2-bin
  slurm-wlm munge
  "$@"
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing: ${missing[*]}"
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
