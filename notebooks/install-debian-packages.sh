#!/usr/bin/env bash
# Installs what executing the notebooks needs (Debian packages; PyPI is not used): Jupyter's nbconvert, the Python
# kernel, pandas and matplotlib, and the DejaVu fonts the PDF report prefers. Called by .ci/run and, when Jupyter is
# missing, by the notebook test. Needs root or password-less sudo. Takes about 80 s on a fresh Debian machine.
set -euo pipefail
packages=(jupyter-nbconvert python3-ipykernel python3-pandas python3-matplotlib fonts-dejavu-core)
if [ -x /usr/bin/jupyter ] && /usr/bin/python3 -c "import pandas, matplotlib, ipykernel, nbconvert" 2>/dev/null; then
  exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo -n"
fi
export DEBIAN_FRONTEND=noninteractive
if ! $sudo apt-get install -y -q "${packages[@]}"; then
  $sudo apt-get update -q
  $sudo apt-get install -y -q "${packages[@]}"
fi
