#!/usr/bin/env bash
# Installs what the os-integration tests need, idempotently:
#   - qemu-system-x86 (the emulator), busybox-static (the guest's userland), cpio (to inspect initramfs archives);
#   - the kernel image of Debian's linux-image-cloud-amd64, unpacked (./boot only) into a cache directory.
# The end-to-end test boots that kernel with a busybox initramfs it builds itself, because KhronOS
# cannot be built in CI. Cache directory: $KHRONOS_CACHE, default /var/cache/khronos-j; the kernel
# ends up as $KHRONOS_CACHE/linux-cloud/boot/vmlinuz-<version>, and the path is printed last.
set -euo pipefail

cache="${KHRONOS_CACHE:-/var/cache/khronos-j}"
export DEBIAN_FRONTEND=noninteractive

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
need_install=()
for pkg in qemu-system-x86 busybox-static cpio; do
  installed "$pkg" || need_install+=("$pkg")
done

apt_updated=0
apt_update_once() {
  if [ "$apt_updated" -eq 0 ]; then
    apt-get update -qq
    apt_updated=1
  fi
}

if [ "${#need_install[@]}" -gt 0 ]; then
  echo "install-deps: installing ${need_install[*]}"
  apt_update_once
  apt-get install -y -qq --no-install-recommends "${need_install[@]}" >/dev/null
else
  echo "install-deps: qemu-system-x86, busybox-static and cpio already installed"
fi

# The meta package only depends on the versioned image package; resolve it so that the cache
# key is the real kernel version (a new Debian kernel release lands in a new directory).
resolve_image_pkg() {
  apt-cache depends linux-image-cloud-amd64 2>/dev/null \
    | awk '/Depends: linux-image-[0-9]/ {print $2; exit}'
}
image_pkg="$(resolve_image_pkg)"
if [ -z "$image_pkg" ]; then
  apt_update_once
  image_pkg="$(resolve_image_pkg)"
fi
if [ -z "$image_pkg" ]; then
  echo "install-deps: cannot resolve the image package behind linux-image-cloud-amd64" >&2
  exit 1
fi

dest="$cache/linux-cloud"
version="${image_pkg#linux-image-}"
kernel="$dest/boot/vmlinuz-$version"
if [ ! -s "$kernel" ]; then
  echo "install-deps: fetching $image_pkg"
  mkdir -p "$cache/debs" "$dest"
  download() { (cd "$cache/debs" && apt-get download -qq -o APT::Sandbox::User=root "$image_pkg"); }
  if ! download; then
    # Stale package lists name a version the mirror no longer has: refresh and resolve again.
    apt_update_once
    image_pkg="$(resolve_image_pkg)"
    version="${image_pkg#linux-image-}"
    kernel="$dest/boot/vmlinuz-$version"
    download
  fi
  deb="$(ls -t "$cache/debs/${image_pkg}"_*.deb | head -1)"
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  dpkg-deb -x "$deb" "$work"
  mkdir -p "$dest/boot"
  cp -a "$work/boot/." "$dest/boot/"
  rm -f "$deb"
fi
[ -s "$kernel" ] || { echo "install-deps: kernel not found at $kernel" >&2; exit 1; }
echo "install-deps: kernel at $kernel"
