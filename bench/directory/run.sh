#!/usr/bin/env bash
# Directory benchmark: builds bench/directory in Release and runs it against a private, temporary slapd.
#   bench/directory/run.sh        prints progress, then a table: metric, measured, target, PASS/MISS
# Exit status: 0 when every answer was right (a MISS on a target does not fail), non-zero otherwise.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

if [[ ! -x /usr/sbin/slapd ]] || ! command -v ldapadd >/dev/null 2>&1; then
  echo "run.sh: installing slapd and ldap-utils" >&2
  sudo=""; [[ $(id -u) -ne 0 ]] && sudo="sudo"
  # Without this preseed the package would create and start a system-wide slapd the bench does not want.
  echo "slapd slapd/no_configuration boolean true" | $sudo debconf-set-selections
  $sudo apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y slapd ldap-utils >/dev/null
fi

command -v dotnet >/dev/null 2>&1 || { echo "run.sh: the .NET 10 SDK (dotnet) is required" >&2; exit 1; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# A private artifacts folder keeps this build out of Mail.Directory/bin and obj, which other builds use.
artifacts="$here/.build"
dotnet build "$here/DirectoryBench.csproj" -c Release --artifacts-path "$artifacts" -nologo -v quiet -clp:"ErrorsOnly;NoSummary" >&2
exec dotnet "$artifacts/bin/DirectoryBench/release/DirectoryBench.dll" "$@"
