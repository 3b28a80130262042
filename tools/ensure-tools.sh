#!/usr/bin/env bash
# Makes sure the command-line tools some checks need are on this machine, installing the Debian
# package that provides each one when it is missing. The test command calls this, so a fresh
# Debian machine (as root or with sudo) needs nothing installed by hand.
#
# usage: tools/ensure-tools.sh command:package [command:package ...]
#   e.g. tools/ensure-tools.sh kcat:kcat promtool:prometheus
# exit 0: every tool is there; exit 3: a tool is missing and cannot be installed here (not Debian,
# not root, package unavailable). The checks that need it then skip with a warning, unless
# UNIONHUB_REQUIRE_TOOLS or CI is set, where they fail.
set -euo pipefail
cannot_install=3

missing=()
for pair in "$@"; do
  command_name=${pair%%:*}
  package=${pair#*:}
  command -v "$command_name" >/dev/null 2>&1 || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1 || { [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null 2>&1; }; then
  echo "ensure-tools: missing ${missing[*]} and cannot install them here (needs Debian's apt-get as root or with sudo)" >&2
  exit $cannot_install
fi
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# One install at a time: two builds on one machine must not fight over dpkg's lock.
exec 9>/tmp/unionhub-ensure-tools.lock
flock 9
echo "ensure-tools: installing ${missing[*]}" >&2
if ! as_root apt-get update -qq >/dev/null \
    || ! DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
  echo "ensure-tools: could not install ${missing[*]} from this machine's package sources" >&2
  exit $cannot_install
fi
