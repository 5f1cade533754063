#!/bin/sh
# alif-tls [reload]: serve HTTPS once the certificate exists.
#
# The production configuration always serves port 80 (ACME challenges, redirects to HTTPS); its
# HTTPS servers (alif/apps.conf) are enabled by linking them into enabled/ when certbot's
# certificate is there, so nginx starts before the first certificate is issued. With `reload`,
# the configuration is tested and nginx reloads, which also picks up a renewed certificate.
set -eu

conf_dir="${ALIF_NGINX_DIR:-/etc/nginx}"
cert_dir="${ALIF_CERT_DIR:-/etc/letsencrypt/live/alif24}"

if [ -s "$cert_dir/fullchain.pem" ] && [ -s "$cert_dir/privkey.pem" ]; then
    ln -sfn ../alif/apps.conf "$conf_dir/enabled/apps.conf"
    echo "alif-tls: certificate found in $cert_dir: HTTPS is on"
else
    rm -f "$conf_dir/enabled/apps.conf"
    echo "alif-tls: no certificate in $cert_dir yet: only port 80 (ACME challenges)" \
        "is served; issue one as docs/operations.md shows, then run alif-tls reload" >&2
fi

if [ "${1:-}" = "reload" ]; then
    nginx -t -q
    nginx -s reload
fi
