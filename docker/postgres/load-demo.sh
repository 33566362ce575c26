#!/bin/sh
# Loads the Sluice demo shop into $POSTGRES_DB the first time the postgres container
# starts (the image runs /docker-entrypoint-initdb.d/* on an empty data directory), from
# the same SQL files as ./sluice demo-db. SLUICE_DEMO_SCALE sets the volume
# (1 = 1,000,000 orders). The image's init server listens on its socket only, so the
# service's healthcheck over TCP stays red until this has finished.
set -e
echo "Loading the Sluice demo data at scale ${SLUICE_DEMO_SCALE:-1} into ${POSTGRES_DB}"
PGOPTIONS="-c sluice.demo_scale=${SLUICE_DEMO_SCALE:-1}" psql -v ON_ERROR_STOP=1 \
	--username "${POSTGRES_USER}" --dbname "${POSTGRES_DB}" \
	-f /sluice/demo/schema.sql -f /sluice/demo/data.sql -f /sluice/demo/keys.sql
