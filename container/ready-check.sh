#!/usr/bin/env bash
# The container's health check: asks Switchboard's /ready on its own port and succeeds on 200 only.
# Plain HTTP through bash's /dev/tcp (the image has no curl); HTTPS through openssl when the
# service has a certificate (SWITCHBOARD_TLS_CERT), since the port then speaks only TLS.
set -o pipefail
port="${SWITCHBOARD_HTTP_PORT:-8080}"
request='GET /ready HTTP/1.0\r\nHost: localhost\r\n\r\n'
if [ -n "${SWITCHBOARD_TLS_CERT:-}" ]; then
  # -quiet also waits for the server to close the connection after it answers (HTTP/1.0)
  printf "$request" | timeout 4 openssl s_client -quiet -connect "127.0.0.1:${port}" 2>/dev/null \
    | head -n 1 | grep -q ' 200 '
else
  exec 3<>"/dev/tcp/127.0.0.1/${port}" || exit 1
  printf "$request" >&3
  timeout 4 head -n 1 <&3 | grep -q ' 200 '
fi
