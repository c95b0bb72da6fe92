#!/bin/sh
# The whole life of the .deb in a throw-away Debian (debootstrap chroot), never on this host:
# Debian's keepalived installed with an administrator's configuration, then ours installed with
# apt (dependencies from the archive, keepalived replaced, the configuration kept), the unit
# enabled and accepted by systemd-analyze, the launcher's -t and its class-data archive, and a
# purge. Needs root and the Debian archive (debootstrap and apt use this host's usual mirror), so
# CI does not run it by default.
# Usage: install-in-chroot.sh PATH/TO/keepalived-java_*.deb [EXISTING_CHROOT]
#   EXISTING_CHROOT: a debootstrap --variant=minbase tree to reuse (a copy is used, it stays clean)
set -eu
deb=$(readlink -f "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$work/root
suite=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
if [ -n "${2:-}" ]; then
	cp -a "$2" "$root"
else
	echo "== debootstrap $suite"
	debootstrap --variant=minbase "$suite" "$root" >"$work/debootstrap.log" 2>&1 \
		|| { tail -20 "$work/debootstrap.log"; exit 1; }
fi
cp /etc/resolv.conf "$root/etc/resolv.conf"
cp "$deb" "$root/tmp/"
debname=$(basename "$deb")

# Everything below runs in a private mount namespace: /proc for the JVM, gone on exit.
unshare -m --propagation private sh -eu -s "$root" "$debname" <<'INNER'
root=$1 debname=$2
mount -t proc proc "$root/proc"
inroot() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive "$@"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
quiet() { "$@" >"$root/tmp/last.log" 2>&1 || { tail -30 "$root/tmp/last.log"; fail "$*"; }; }

echo "== Debian's keepalived, with the administrator's configuration"
quiet inroot apt-get update
quiet inroot apt-get install -y --no-install-recommends keepalived systemd procps
mkdir -p "$root/etc/keepalived"
printf 'global_defs {\n   router_id ADMIN\n}\n' > "$root/etc/keepalived/keepalived.conf"
sed -i 's/^DAEMON_ARGS=.*/DAEMON_ARGS="-D"/' "$root/etc/default/keepalived"

echo "== apt-get install ./$debname"
quiet inroot apt-get install -y --no-install-recommends "/tmp/$debname"
inroot dpkg-query -W -f='${db:Status-Abbrev} ${Version}\n' keepalived-java | grep -q '^ii ' || fail "keepalived-java not installed"
inroot dpkg-query -W -f='${db:Status-Abbrev}\n' keepalived | grep -q '^.c' || fail "keepalived not replaced"
grep -q 'router_id ADMIN' "$root/etc/keepalived/keepalived.conf" || fail "keepalived.conf not kept"
grep -qx 'DAEMON_ARGS="-D"' "$root/etc/default/keepalived" || fail "/etc/default/keepalived not kept"
[ -L "$root/etc/systemd/system/multi-user.target.wants/keepalived.service" ] || fail "unit not enabled"
[ -s "$root/usr/share/keepalived-java/lib/keepalived.jsa" ] || fail "postinst made no class-data archive"

echo "== the installed daemon"
inroot /usr/sbin/keepalived --version 2>&1 | head -1
inroot /usr/sbin/keepalived -t -f /etc/keepalived/keepalived.conf || fail "-t on the kept configuration"
inroot env KEEPALIVED_JAVA_OPTS="-Xlog:cds=info" /usr/sbin/keepalived -v 2>&1 | grep -q 'Mapped dynamic region' \
	|| fail "the class-data archive is not used"
inroot env KEEPALIVED_JAVA_OPTS="-Xlog:cds=info" /usr/sbin/keepalived -v 2>&1 | grep -q 'mismatch' \
	&& fail "the class-data archive does not match"
inroot systemd-analyze verify /lib/systemd/system/keepalived.service || fail "systemd-analyze verify"

echo "== apt-get purge keepalived-java"
quiet inroot apt-get purge -y keepalived-java
[ ! -e "$root/usr/share/keepalived-java" ] && [ ! -e "$root/usr/sbin/keepalived" ] || fail "files left after purge"
[ ! -e "$root/lib/systemd/system/keepalived.service" ] || fail "unit left after purge"
[ ! -e "$root/etc/systemd/system/multi-user.target.wants/keepalived.service" ] || fail "enablement left after purge"
umount "$root/proc"
echo OK
INNER
