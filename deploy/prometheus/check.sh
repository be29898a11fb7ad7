#!/usr/bin/env bash
# Checks the Prometheus config, the rule files and their unit tests with promtool.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

if ! command -v promtool >/dev/null 2>&1; then
    echo "skipped: promtool not installed"
    exit 0
fi

promtool check config prometheus.yml
promtool check rules ./*.rules.yml
promtool test rules tests/*.yml

# promtool checks the file_sd targets only where they are: check the example as if installed.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir "$scratch/rigs"
cp prometheus.yml ./*.rules.yml "$scratch/"
cp rigs.example.yml "$scratch/rigs/example.yml"
echo "Checking rigs.example.yml as rigs/example.yml"
promtool check config "$scratch/prometheus.yml" >/dev/null
echo "  SUCCESS"
