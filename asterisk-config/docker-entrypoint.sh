#!/bin/sh
# Starts Asterisk in Switchboard's container stack (asterisk-config/Dockerfile).
#
# 1. NAT: Asterisk's .conf files cannot read the environment, so the transport settings that
#    depend on where the stack runs are written at every start into /etc/asterisk/pjsip_nat.conf,
#    which pjsip.conf's transport #tryinclude-s:
#      ASTERISK_EXTERNAL_ADDRESS  the address phones and the provider reach Asterisk at (a public
#                                 IP or host name); unset or empty: no NAT settings
#      ASTERISK_LOCAL_NETS        networks reached without NAT, comma-separated
#                                 (default 10.0.0.0/8,172.16.0.0/12,192.168.0.0/16)
# 2. The AMI secret: manager.conf's [switchboard] #tryinclude-s /etc/asterisk/manager_secret.conf,
#    written here from SWITCHBOARD_AMI_SECRET (the secret Switchboard logs in with); unset or
#    empty: the secret in manager.conf stands.
# 3. Sounds: /var/lib/asterisk is a volume (the astdb lives there), so the sounds this image
#    brings are linked into Asterisk's data directory at every start instead of being copied
#    into the volume once and going stale.
# 4. Logs: /var/log/asterisk is readable by Switchboard's user (it reads queue_log).
set -eu

conf=/etc/asterisk
nat=$conf/pjsip_nat.conf
address=${ASTERISK_EXTERNAL_ADDRESS:-}
nets=${ASTERISK_LOCAL_NETS:-10.0.0.0/8,172.16.0.0/12,192.168.0.0/16}

valid() { # an address, a host name or a network: nothing that could end a line or start a comment
  case $1 in '' | *[!A-Za-z0-9.:/_-]*) return 1 ;; esac
}

{
  echo "; written by docker-entrypoint.sh at every start from ASTERISK_EXTERNAL_ADDRESS and ASTERISK_LOCAL_NETS"
  if [ -n "$address" ]; then
    valid "$address" || { echo "ASTERISK_EXTERNAL_ADDRESS is not an address: $address" >&2; exit 64; }
    echo "external_media_address = $address"
    echo "external_signaling_address = $address"
    for net in $(echo "$nets" | tr ',' ' '); do
      valid "$net" || { echo "ASTERISK_LOCAL_NETS has a bad network: $net" >&2; exit 64; }
      echo "local_net = $net"
    done
  fi
} > "$nat.new"
mv "$nat.new" "$nat"

secret=${SWITCHBOARD_AMI_SECRET:-}
umask 077
{
  echo "; written by docker-entrypoint.sh at every start from SWITCHBOARD_AMI_SECRET"
  if [ -n "$secret" ]; then
    case $secret in
      *';'* | *'
'* | ' '* | *' ') echo "SWITCHBOARD_AMI_SECRET may not contain ';', a line break or surrounding spaces" >&2; exit 64 ;;
    esac
    echo "secret = $secret"
  fi
} > "$conf/manager_secret.conf.new"
mv "$conf/manager_secret.conf.new" "$conf/manager_secret.conf"
umask 022
if id asterisk >/dev/null 2>&1; then
  chown asterisk:asterisk "$conf/manager_secret.conf"
fi

lib=/var/lib/asterisk
# sounds are looked up under astdatadir (asterisk.conf; /var/lib/asterisk unless the image says otherwise)
data=$(sed -n 's/^[[:space:]]*astdatadir[[:space:]]*=>*[[:space:]]*//p' "$conf/asterisk.conf" 2>/dev/null | head -n 1)
data=${data:-$lib}
mkdir -p "$data"
if [ ! -L "$data/sounds" ]; then
  rm -rf "$data/sounds"
fi
ln -sfn /usr/share/switchboard-asterisk/sounds "$data/sounds"

mkdir -p /var/log/asterisk /var/spool/asterisk
if id asterisk >/dev/null 2>&1; then
  chown asterisk:asterisk "$lib" /var/log/asterisk /var/spool/asterisk
  [ ! -e "$lib/astdb.sqlite3" ] || chown asterisk:asterisk "$lib/astdb.sqlite3"
  set -- -U asterisk -G asterisk "$@"
fi
chmod 0755 /var/log/asterisk

# foreground, so Asterisk is the container's main process and gets its SIGTERM
exec asterisk -f "$@"
