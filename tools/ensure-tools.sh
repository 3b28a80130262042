#!/usr/bin/env bash
# Makes sure the command-line tools some checks need are on this machine, installing the Debian
# package that provides each one when it is missing. The test command calls this, so a fresh
# machine needs nothing installed by hand.
#
# usage: tools/ensure-tools.sh command:package [command:package ...]
#   e.g. tools/ensure-tools.sh kcat:kcat promtool:prometheus
set -euo pipefail

missing=()
for pair in "$@"; do
  command_name=${pair%%:*}
  package=${pair#*:}
  command -v "$command_name" >/dev/null 2>&1 || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null 2>&1; then
  echo "ensure-tools: missing ${missing[*]}; install them (apt-get install ${missing[*]}) and retry" >&2
  exit 1
fi
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# One install at a time: two builds on one machine must not fight over dpkg's lock.
exec 9>/tmp/unionhub-ensure-tools.lock
flock 9
echo "ensure-tools: installing ${missing[*]}" >&2
as_root apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
