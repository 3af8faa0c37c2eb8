#!/usr/bin/env bash
# Builds the MailAppliance container image with podman (no Docker engine, no registry; see
# shared/notes/containers.md) and exports it as packaging/out/mailappliance.oci.tar.
#   packaging/build-image.sh              base (once) + publish + image + OCI archive
#   packaging/build-image.sh --no-export  the same without the archive (the smoke test uses the local image)
# Environment: IMAGE (default localhost/mailappliance), REBUILD_BASE=1 to debootstrap the base again,
# SOURCE and LICENSES for the OCI labels. Needs root (debootstrap, rootful podman) and the .NET 10 SDK; installs
# podman, runc and debootstrap from Debian when they are missing.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
packaging="$root/packaging"
out="$packaging/out"
image=${IMAGE:-localhost/mailappliance}
base=localhost/mailappliance-base:bookworm
mirror=http://deb.debian.org/debian
export_archive=1
[[ ${1:-} == --no-export ]] && export_archive=0

say() { printf 'build-image: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }
[[ $(id -u) -eq 0 ]] || die "run as root: the base is made with debootstrap and the image with rootful podman"

missing=()
for p in podman runc debootstrap; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [[ ${#missing[@]} -gt 0 ]]; then
  say "installing Debian packages: ${missing[*]}"
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi
command -v dotnet >/dev/null || die "the .NET 10 SDK (dotnet) is required"

# The machine's podman needs runc and a containers.conf without default ulimits (shared/notes/containers.md).
export CONTAINERS_CONF="$packaging/containers.conf"
podman() { command podman --runtime /usr/sbin/runc "$@"; }
mkdir -p "$out"
started=$SECONDS

# debootstrap mounts /proc (and in a container binds /dev) inside the rootfs while it works: never delete through a
# mount point, even when it was interrupted.
remove_rootfs() {
  [[ -n ${rootfs:-} && -d $rootfs ]] || return 0
  awk -v r="$rootfs/" 'index($2, r) == 1 { print $2 }' /proc/mounts | sort -r | while read -r m; do umount -l "$m" || true; done
  rm -rf --one-file-system "$rootfs"
}

# 1. The base: Debian 12 minbase from the Debian mirror, slimmed, imported once and reused.
if [[ ${REBUILD_BASE:-0} == 1 ]] || ! podman image exists "$base"; then
  rootfs=$(mktemp -d "$out/rootfs.XXXXXX")
  trap remove_rootfs EXIT
  say "making the Debian 12 base with debootstrap (about half a minute)"
  debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >"$out/debootstrap.log" 2>&1 \
    || { tail -5 "$out/debootstrap.log" >&2; die "debootstrap failed (log: $out/debootstrap.log)"; }
  cat >"$rootfs/etc/apt/sources.list" <<SOURCES
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb http://deb.debian.org/debian-security bookworm-security main
SOURCES
  # Later installs in the image leave out documentation, manual pages and translations too.
  cat >"$rootfs/etc/dpkg/dpkg.cfg.d/01-slim" <<'SLIM'
path-exclude=/usr/share/doc/*
path-include=/usr/share/doc/*/copyright
path-exclude=/usr/share/man/*
path-exclude=/usr/share/info/*
path-exclude=/usr/share/locale/*
path-exclude=/usr/share/lintian/*
SLIM
  echo 'APT::Install-Recommends "false"; APT::Install-Suggests "false";' >"$rootfs/etc/apt/apt.conf.d/01-norecommends"
  find "$rootfs/usr/share/doc" -mindepth 1 ! -name copyright ! -type d -delete 2>/dev/null || true
  rm -rf "$rootfs"/usr/share/{man,info,locale,lintian}/* "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* \
    "$rootfs"/var/log/* "$rootfs"/var/cache/debconf/*-old
  tar -C "$rootfs" -c . | podman import --quiet - "$base" >/dev/null
  remove_rootfs; trap - EXIT
  say "base image $base made ($((SECONDS - started)) s)"
fi

# 2. The appliance, published self-contained (the image has no .NET runtime of its own).
context="$out/context"
rm -rf "$context"; mkdir -p "$context"
say "publishing the appliance (self-contained, linux-x64)"
publish_log="$out/publish.log"
dotnet publish "$root/Mail.Server/Mail.Server.csproj" -c Release -r linux-x64 --self-contained -o "$context/app" \
  -p:DebugType=none -p:GenerateDocumentationFile=false -nologo -v quiet >"$publish_log" 2>&1 \
  || { tail -20 "$publish_log" >&2; die "dotnet publish failed (log: $publish_log)"; }
cp "$packaging/entrypoint.sh" "$context/entrypoint.sh"

# 3. The image. Docker format: the OCI image config has no HEALTHCHECK field, so podman drops it from OCI-format
#    images; the archive below keeps it in the docker-format config.
revision=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
version=${VERSION:-0.7.0+$revision}
source_url=${SOURCE:-$(git -C "$root" config --get remote.origin.url 2>/dev/null || echo "local checkout")}
say "building $image:latest ($version)"
podman build --quiet --format docker -f "$packaging/Containerfile" -t "$image:latest" \
  --build-arg BASE_IMAGE="$base" --build-arg VERSION="$version" --build-arg REVISION="$revision" \
  --build-arg CREATED="$(date -u +%Y-%m-%dT%H:%M:%SZ)" --build-arg SOURCE="$source_url" \
  --build-arg LICENSES="${LICENSES:-NOASSERTION}" "$context" >/dev/null
# Only this image's superseded builds: other images on the machine are not ours to prune.
old=$(podman images --quiet --filter dangling=true --filter label=org.opencontainers.image.title=MailAppliance)
[[ -z $old ]] || podman rmi --force $old >/dev/null 2>&1 || true
say "image $image:latest: $(podman image inspect --format '{{.Size}}' "$image:latest" | awk '{printf "%.0f MB", $1/1048576}') unpacked"

# 4. The OCI archive.
if [[ $export_archive == 1 ]]; then
  archive="$out/mailappliance.oci.tar"
  rm -f "$archive"
  podman save --quiet --format oci-archive -o "$archive" "$image:latest"
  say "exported $archive: $(du -m "$archive" | cut -f1) MB"
fi
say "done in $((SECONDS - started)) s"
