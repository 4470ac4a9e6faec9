#!/usr/bin/env bash
# The README's test command: installs what the tests need on a fresh
# machine (Debian or Ubuntu: qpdf, poppler-utils, LibreOffice, Chromium;
# npm packages axe-core and puppeteer-core; python3 and node are assumed),
# then runs the test suite. Arguments go to `cargo test`.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v qpdf >/dev/null || missing+=(qpdf)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
# Office attachments are converted by LibreOffice; the conversion tests run.
command -v soffice >/dev/null || missing+=(libreoffice-writer-nogui libreoffice-calc-nogui libreoffice-impress-nogui)
# The web agenda is checked in headless Chromium with axe-core.
command -v chromium >/dev/null || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
    echo "installing: ${missing[*]}" >&2
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
command -v python3 >/dev/null || { echo "python3 is needed by the tests" >&2; exit 1; }
# The independent PDF/UA check of the accessibility tests: pdfua, on pikepdf.
if ! command -v pdfua >/dev/null; then
    echo "installing: pdfua (pip)" >&2
    python3 -m pip --version >/dev/null 2>&1 || {
        sudo=""
        [ "$(id -u)" -ne 0 ] && sudo="sudo"
        $sudo apt-get update -qq
        $sudo apt-get install -y -qq --no-install-recommends python3-pip >/dev/null
    }
    pip_install="python3 -m pip install --quiet --user pdfua==0.1.3 pikepdf==10.18.0"
    $pip_install 2>/dev/null || $pip_install --break-system-packages
    export PATH="$HOME/.local/bin:$PATH"
fi
# axe-core and puppeteer-core, at the versions of tests/web/package-lock.json.
if [ ! -d tests/web/node_modules/axe-core ] || [ ! -d tests/web/node_modules/puppeteer-core ]; then
    command -v npm >/dev/null || { echo "node and npm are needed by the web agenda's tests" >&2; exit 1; }
    (cd tests/web && npm ci --no-audit --no-fund --silent)
fi

cargo test --locked "$@"
