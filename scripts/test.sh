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
# axe-core and puppeteer-core, at the versions of tests/web/package-lock.json.
if [ ! -d tests/web/node_modules/axe-core ] || [ ! -d tests/web/node_modules/puppeteer-core ]; then
    command -v npm >/dev/null || { echo "node and npm are needed by the web agenda's tests" >&2; exit 1; }
    (cd tests/web && npm ci --no-audit --no-fund --silent)
fi

cargo test --locked "$@"
