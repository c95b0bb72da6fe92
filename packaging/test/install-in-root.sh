#!/bin/sh
# Installs the built .deb with dpkg into a private dpkg root (dpkg --root: its own database, no
# chroot, nothing of this host's packages touched) over a stand-in for Debian's keepalived with
# an administrator's configuration, non-interactively as apt would, then removes and purges it.
# Checks dpkg's view at each step. Dependencies are not in the private root (--force-depends);
# maintainer scripts run without chroot and see DPKG_ROOT, which keeps them off this system.
# Usage: install-in-root.sh PATH/TO/keepalived-java_*.deb    (as root; run by DebianPackageIT)
set -eu
deb=$(readlink -f "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$work/root
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"
: > "$root/var/lib/dpkg/status"
dpkg_root() {
	dpkg --root="$root" --log="$work/dpkg.log" --force-script-chrootless --force-depends "$@" </dev/null
}
fail() { echo "FAIL: $*" >&2; exit 1; }
status() { dpkg-query --admindir="$root/var/lib/dpkg" -W -f='${db:Status-Abbrev}' "$1" 2>/dev/null | tr -d ' '; }

# A stand-in for Debian's keepalived: its binary, its conffile /etc/default/keepalived
stand=$work/keepalived
mkdir -p "$stand/DEBIAN" "$stand/usr/sbin" "$stand/etc/default"
printf '#!/bin/sh\necho debian keepalived\n' > "$stand/usr/sbin/keepalived"
chmod 0755 "$stand/usr/sbin/keepalived"
cp "$(dirname "$0")/../src/deb/default-keepalived" "$stand/etc/default/keepalived" # Debian's, byte for byte
printf 'Package: keepalived\nVersion: 1:2.2.7-1\nArchitecture: amd64\nMaintainer: test <test@localhost>\nDescription: stand-in for Debian keepalived\n' > "$stand/DEBIAN/control"
echo /etc/default/keepalived > "$stand/DEBIAN/conffiles"
dpkg-deb --root-owner-group --build "$stand" "$work/keepalived.deb" >/dev/null
dpkg_root -i "$work/keepalived.deb" >/dev/null
[ "$(status keepalived)" = ii ] || fail "stand-in keepalived not installed"

# The administrator's own files, as on a host running keepalived
mkdir -p "$root/etc/keepalived"
echo '! the administrator'"'"'s configuration' > "$root/etc/keepalived/keepalived.conf"
echo 'DAEMON_ARGS="-D"' > "$root/etc/default/keepalived"

echo "== install over keepalived (no terminal, no --force-conf*)"
dpkg_root -i "$deb" || fail "dpkg -i failed"
[ "$(status keepalived-java)" = ii ] || fail "keepalived-java is $(status keepalived-java), not ii"
case $(status keepalived) in ?c) ;; *) fail "keepalived is $(status keepalived), not removed to its config-files" ;; esac
[ "$(readlink "$root/usr/sbin/keepalived")" = ../share/keepalived-java/bin/keepalived ] || fail "/usr/sbin/keepalived"
[ -f "$root/lib/systemd/system/keepalived.service" ] || fail "unit missing"
ls "$root"/usr/share/keepalived-java/lib/keepalived-vrrp-*.jar >/dev/null || fail "jars missing"
grep -q "administrator" "$root/etc/keepalived/keepalived.conf" || fail "keepalived.conf not kept"
grep -qx 'DAEMON_ARGS="-D"' "$root/etc/default/keepalived" || fail "/etc/default/keepalived not kept"
[ -z "$(find "$root/etc" -name '*.keepalived-java-saved' -o -name '*.dpkg-*')" ] || fail "leftovers in /etc"
dpkg-query --admindir="$root/var/lib/dpkg" -W -f='${Conffiles}\n' keepalived-java | grep -q /etc/keepalived/keepalived.conf \
	|| fail "keepalived.conf is not a registered conffile"

echo "== purge the old keepalived: the configuration stays"
dpkg_root -P keepalived >/dev/null
grep -qx 'DAEMON_ARGS="-D"' "$root/etc/default/keepalived" || fail "purging keepalived took /etc/default/keepalived"

echo "== remove: files go, configuration stays"
dpkg_root -r keepalived-java >/dev/null
case $(status keepalived-java) in ?c) ;; *) fail "after -r: $(status keepalived-java)" ;; esac
[ ! -e "$root/usr/sbin/keepalived" ] && [ ! -e "$root/usr/share/keepalived-java" ] || fail "files left after -r"
grep -q "administrator" "$root/etc/keepalived/keepalived.conf" || fail "-r took keepalived.conf"

echo "== reinstall, then purge: configuration goes"
dpkg_root -i "$deb" >/dev/null
grep -q "administrator" "$root/etc/keepalived/keepalived.conf" || fail "reinstall replaced keepalived.conf"
dpkg_root -P keepalived-java >/dev/null
[ -z "$(status keepalived-java)" ] || [ "$(status keepalived-java)" = un ] || fail "after -P: $(status keepalived-java)"
[ ! -e "$root/etc/keepalived/keepalived.conf" ] && [ ! -e "$root/etc/default/keepalived" ] || fail "conffiles left after purge"

echo "== fresh install on an empty root: the packaged defaults"
dpkg_root -i "$deb" >/dev/null
grep -q '^!vrrp_instance' "$root/etc/keepalived/keepalived.conf" || fail "packaged keepalived.conf not installed"
grep -qx 'DAEMON_ARGS=""' "$root/etc/default/keepalived" || fail "packaged /etc/default/keepalived not installed"
echo "OK"
