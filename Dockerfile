# Multi-stage build: compile with Maven on JDK 25, run on a JRE 25 as a non-root user.
FROM maven:3.9-eclipse-temurin-25 AS build
# h2 (embedded, the default) or postgresql: the database kind is fixed at build time.
ARG DB_KIND=h2
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
COPY training-data training-data
COPY seeds seeds
# The AOT cache (app.aot): on H2 the build records it from a training run of the service
# (src/build/AotCacheTraining.java); that run would need a database on PostgreSQL, so there
# Quarkus records it from the application's static initialisation alone.
RUN if [ "$DB_KIND" = h2 ]; then \
      mvn -B -q -DskipTests package; \
    else \
      mvn -B -q -DskipTests package -Dquarkus.datasource.db-kind=${DB_KIND} -DskipAotCache \
        -Dquarkus.package.jar.aot.enabled=true -Dquarkus.package.jar.aot.phase=build; \
    fi

FROM eclipse-temurin:25-jre
RUN groupadd --system --gid 10001 commentshield \
 && useradd --system --uid 10001 --gid commentshield --home-dir /app commentshield \
 && mkdir -p /data && chown commentshield:commentshield /data
WORKDIR /app
COPY --from=build --chown=commentshield:commentshield /src/target/quarkus-app/ /app/
# The training data is also inside the application jar; the copies here are for people and for
# bin/evaluate-style tools run in the container.
COPY --chown=commentshield:commentshield training-data /app/training-data
COPY --chown=commentshield:commentshield seeds /app/seeds
ENV COMMENTSHIELD_DATA_DIR=/data \
    QUARKUS_HTTP_PORT=8080 \
    JAVA_OPTS_APPEND=""
VOLUME /data
USER commentshield
EXPOSE 8080
# A cache from another JDK build than this image's is ignored by the JVM, with a warning.
ENTRYPOINT ["sh", "-c", "exec java -XX:AOTCache=/app/app.aot $JAVA_OPTS_APPEND -jar /app/quarkus-run.jar"]
