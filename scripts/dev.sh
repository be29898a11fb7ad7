#!/usr/bin/env bash
# The two quick-start commands: `scripts/dev.sh run [ARGS…]` builds and opens the dashboard,
# `scripts/dev.sh test` runs the test suite. Both first install the system libraries the build needs
# (Debian/Ubuntu packages) when they are missing, using sudo when not root.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(libncurses-dev pkg-config tmux libsqlite3-dev)
# The tests also talk to the real peers: Prometheus (and promtool), and HiveOS's stats script's tools.
# Solo mining is tested against real nodes: Litecoin Core (litecoind) and monerod (monero).
# rigtop's own RandomX is compared with librandomx (v1) and with cyrx from PyPI (v2): test oracles
# only, rigtop never needs them to run. xmrig-api from PyPI is a real client of xmrig's HTTP API,
# run against rigtop's.
[ "${1:-run}" = test ] && packages+=(prometheus jq curl litecoind monero librandomx0 python3-pip)

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
    echo "rigtop: installing ${missing[*]} (apt-get)" >&2
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# pip_install MODULE PACKAGE WHY: installs PACKAGE unless python3 can import MODULE already.
pip_install() {
    python3 -c "import $1" 2>/dev/null && return 0
    echo "rigtop: installing $2 (pip), $3" >&2
    python3 -m pip install --quiet --disable-pip-version-check "$2" 2>/dev/null ||
        python3 -m pip install --quiet --disable-pip-version-check --break-system-packages "$2"
}
if [ "${1:-run}" = test ]; then
    pip_install cyrx cyrx "RandomX v2's reference for the tests"
    pip_install "xmrig; xmrig.XMRigAPI" xmrig-api "a client of xmrig's API for the tests"
fi

command="${1:-run}"
shift || true
case "$command" in
    run) exec swift run -c release rigtop "$@" ;;
    # The suite, then (when no arguments narrow the suite) every fuzz target after its sanitized
    # build: the committed seeds and every crash ever found (Fuzz/Regressions/) replayed, then a
    # fixed number of runs from a fixed seed, so that the same commit passes or fails the same way
    # on every machine. Exploring by time (scripts/fuzz.sh TARGET SECONDS) stays outside.
    test)
        status=0
        swift test "$@" || status=$?
        if [ $# -eq 0 ]; then scripts/fuzz.sh all --runs 2000 || status=$((status ? status : $?)); fi
        exit "$status" ;;
    *) echo "usage: scripts/dev.sh run [rigtop arguments…] | test" >&2; exit 2 ;;
esac
