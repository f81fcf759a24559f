# Multi-stage build: compile with Maven on JDK 25, run on a JRE 25 as a non-root user.
FROM maven:3.9-eclipse-temurin-25 AS build
# h2 (embedded, the default) or postgresql: the database kind is fixed at build time.
ARG DB_KIND=h2
# true: health and metrics move to a second port (9000, QUARKUS_MANAGEMENT_PORT) and Swagger UI
# is left out, so that a load balancer or Service in front of port 8080 never exposes them
# (deploy/kubernetes.yaml builds with it). false: everything on 8080, as `bin/serve` runs it.
ARG MANAGEMENT_INTERFACE=false
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
COPY training-data training-data
COPY seeds seeds
# No AOT cache here: a cache only fits the JVM that wrote it, and this stage's JDK is not the
# runtime stage's JRE (a JDK's cache is refused there: "Unable to map shared spaces"). The H2
# build records it below, on the runtime image. The PostgreSQL build is a fast-jar without a
# cache (the training run needs a database; an aot-jar without its cache starts slower).
RUN if [ "$DB_KIND" = h2 ]; then \
      mvn -B -q -DskipTests -DskipAotCache package -Dquarkus.management.enabled=${MANAGEMENT_INTERFACE} \
        $([ "$MANAGEMENT_INTERFACE" = true ] && echo -Dquarkus.swagger-ui.always-include=false); \
    else \
      mvn -B -q -DskipTests -DskipAotCache package -Dquarkus.datasource.db-kind=${DB_KIND} \
        -Dquarkus.package.jar.type=fast-jar -Dquarkus.management.enabled=${MANAGEMENT_INTERFACE} \
        $([ "$MANAGEMENT_INTERFACE" = true ] && echo -Dquarkus.swagger-ui.always-include=false); \
    fi \
 && javac --release 25 -d /src/target/aot-training src/build/AotCacheTraining.java

FROM eclipse-temurin:25-jre
ARG DB_KIND=h2
RUN groupadd --system --gid 10001 commentshield \
 && useradd --system --uid 10001 --gid commentshield --home-dir /app commentshield \
 && mkdir -p /data && chown commentshield:commentshield /data
WORKDIR /app
COPY --from=build --chown=commentshield:commentshield /src/target/quarkus-app/ /app/
COPY --from=build /src/target/aot-training /tmp/aot-training
# The training run (src/build/AotCacheTraining.java, compiled above) starts the packaged service
# with this image's JRE on an empty data directory, sends it a typical session and stops it: the
# cache app.aot is written by the JVM that will read it. Only the H2 build can run it here.
RUN if [ "$DB_KIND" = h2 ]; then \
      java -cp /tmp/aot-training AotCacheTraining /app && test -s /app/app.aot \
      && chown commentshield:commentshield /app/app.aot; \
    fi \
 && rm -rf /tmp/aot-training /aot-training.log
# The training data is also inside the application jar; the copies here are for people and for
# bin/evaluate-style tools run in the container.
COPY --chown=commentshield:commentshield training-data /app/training-data
COPY --chown=commentshield:commentshield seeds /app/seeds
ENV COMMENTSHIELD_DATA_DIR=/data \
    QUARKUS_HTTP_PORT=8080 \
    JAVA_OPTS_APPEND=""
VOLUME /data
USER commentshield
EXPOSE 8080 9000
# The H2 image starts with its cache; the PostgreSQL image has none and starts without one.
ENTRYPOINT ["sh", "-c", "if [ -f /app/app.aot ]; then aot=-XX:AOTCache=/app/app.aot; fi; exec java $aot $JAVA_OPTS_APPEND -jar /app/quarkus-run.jar"]
