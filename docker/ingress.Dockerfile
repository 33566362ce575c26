# syntax=docker/dockerfile:1
# Sluice ingress: the HTTP edge.
# Build context: the repository root (docker compose build ingress, or
# docker build -f docker/ingress.Dockerfile .).

FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
# Maven reads every module's pom of the reactor, even the ones it does not build.
COPY common/pom.xml common/
COPY client/pom.xml client/
COPY boot-support/pom.xml boot-support/
COPY devstack/pom.xml devstack/
COPY ingress-api/pom.xml ingress-api/
COPY worker/pom.xml worker/
COPY e2e/pom.xml e2e/
COPY bench/pom.xml bench/
COPY deploy/pom.xml deploy/
# The apps' tests use the devstack (they are compiled, not run, here).
COPY common/src common/src
COPY boot-support/src boot-support/src
COPY devstack/src devstack/src
COPY ingress-api/src ingress-api/src
# The cache mount keeps downloaded dependencies between builds.
RUN --mount=type=cache,target=/root/.m2 \
	./mvnw -q -B -pl ingress-api -am -DskipTests -Dspring-javaformat.skip=true package \
	&& cp ingress-api/target/sluice-ingress-api.jar /src/app.jar

FROM eclipse-temurin:21-jre
# curl for the HEALTHCHECK: newer JRE images no longer ship it.
RUN apt-get update \
	&& apt-get install -y --no-install-recommends curl \
	&& rm -rf /var/lib/apt/lists/* \
	&& groupadd --system --gid 10001 sluice \
	&& useradd --system --uid 10001 --gid sluice --home-dir /app --shell /usr/sbin/nologin sluice
WORKDIR /app
COPY --from=build --chown=sluice:sluice /src/app.jar /app/app.jar
# Numeric, so that Kubernetes can verify runAsNonRoot (deploy/kubernetes runs as 10001).
USER 10001:10001
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
	CMD curl -fsS "http://127.0.0.1:${SERVER_PORT:-8080}/actuator/health/readiness" > /dev/null || exit 1
# The container's memory limit, not the host's, sizes the heap.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"]
