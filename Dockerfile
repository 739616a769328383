# Gatehouse container image: build with Maven and a JDK, run on a JRE as a non-root user.
#   docker build -t gatehouse .
#   docker run -p 8080:8080 -v $PWD/deploy:/etc/gatehouse gatehouse
# (Not built on the project machines: they have no Docker engine. See docs/OPERATIONS.md.)
FROM maven:3.9-eclipse-temurin-25 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests -Dspotless.check.skip=true package

FROM eclipse-temurin:25-jre
RUN useradd --system --uid 10001 --home-dir /var/lib/gatehouse --create-home gatehouse
COPY --from=build /src/server/target/gatehouse.jar /opt/gatehouse/gatehouse.jar
COPY --from=build /src/server/target/lib /opt/gatehouse/lib
COPY --from=build /src/policies /etc/gatehouse/policies
USER gatehouse
WORKDIR /var/lib/gatehouse
EXPOSE 8080
ENTRYPOINT ["java", "--enable-native-access=ALL-UNNAMED", "-jar", "/opt/gatehouse/gatehouse.jar"]
CMD ["serve", "--config", "/etc/gatehouse/gatehouse.yaml"]
