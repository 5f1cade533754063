#!/bin/sh
# Run by the nginx image's entrypoint before nginx starts (/docker-entrypoint.d/).
set -eu
alif-tls
# certbot renews the certificate in its own container; a reload every 12 hours picks it up.
( while sleep 43200; do alif-tls reload || true; done ) &
