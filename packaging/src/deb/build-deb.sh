#!/bin/sh
# Builds keepalived-java_<version>_amd64.deb from the assembled distribution, with dpkg-deb
# alone (no debhelper): the tree below is laid out by hand, as the files list in
# docs/operations.md describes it.
# Usage: build-deb.sh DIST_DIR OUT_DIR PROJECT_VERSION
set -eu
dist=$1 out=$2 version=$3
src=$(dirname "$(readlink -f "$0")")

if ! command -v dpkg-deb >/dev/null 2>&1; then
	echo "build-deb.sh: dpkg-deb not found, no .deb built" >&2
	exit 0
fi

# Maven's 2.2.7-SNAPSHOT sorts before 2.2.7 only as Debian's 2.2.7~snapshot.
debversion=$(printf '%s' "$version" | sed -e 's/-SNAPSHOT$/~snapshot/' -e 's/-/~/g')
root=$out/deb-root
share=$root/usr/share/keepalived-java
doc=$root/usr/share/doc/keepalived-java
rm -rf "$root"
umask 022
mkdir -p "$share/bin" "$share/lib" "$root/usr/sbin" "$root/lib/systemd/system" "$root/etc/default" \
	"$root/etc/keepalived" "$doc/examples" "$root/DEBIAN"

install -m 0755 "$dist/bin/keepalived" "$share/bin/keepalived"
install -m 0644 "$dist"/lib/*.jar "$share/lib/"
# No lib/keepalived.jsa: a JDK 17 class-data archive only serves the class path it was made
# with, so postinst makes it in place (from the config below) and again when a JVM changes.
install -m 0644 "$dist/etc/keepalived/keepalived.conf" "$share/cds-training.conf"
# relative, so an unpacked copy (dpkg-deb -x) runs as well as the installed one
ln -s ../share/keepalived-java/bin/keepalived "$root/usr/sbin/keepalived"

install -m 0644 "$src/keepalived.service" "$root/lib/systemd/system/keepalived.service"
install -m 0644 "$src/default-keepalived" "$root/etc/default/keepalived"
install -m 0644 "$src/keepalived.conf" "$root/etc/keepalived/keepalived.conf"
install -m 0644 "$dist/etc/keepalived/keepalived.conf" "$doc/examples/keepalived.conf"
install -m 0644 "$src/README" "$src/copyright" "$doc/"

printf '/etc/default/keepalived\n/etc/keepalived/keepalived.conf\n' > "$root/DEBIAN/conffiles"
printf 'interest-noawait /usr/lib/jvm\n' > "$root/DEBIAN/triggers"
install -m 0755 "$src/preinst" "$src/postinst" "$src/prerm" "$src/postrm" "$root/DEBIAN/"
size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
sed -e "s/@VERSION@/$debversion/" -e "s/@INSTALLED_SIZE@/$size/" "$src/control.in" > "$root/DEBIAN/control"
(cd "$root" && find usr lib -type f -exec md5sum {} + | sort -k2) > "$root/DEBIAN/md5sums"
chmod 0644 "$root/DEBIAN/control" "$root/DEBIAN/conffiles" "$root/DEBIAN/md5sums" "$root/DEBIAN/triggers"

deb=$out/keepalived-java_${debversion}_amd64.deb
rm -f "$out"/keepalived-java_*_amd64.deb
dpkg-deb --root-owner-group -Zgzip --build "$root" "$deb" >/dev/null
echo "built $deb"
