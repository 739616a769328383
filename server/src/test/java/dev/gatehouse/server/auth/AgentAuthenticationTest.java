package dev.gatehouse.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.server.testing.GatewayHarness;
import dev.gatehouse.server.testing.RawMcpSession;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every MCP request needs a valid, unrevoked, unexpired token of this gateway. */
class AgentAuthenticationTest {
  @TempDir static Path data;
  static GatewayHarness harness;

  @BeforeAll
  static void start() throws Exception {
    harness = GatewayHarness.start(data, List.of());
  }

  @AfterAll
  static void stop() throws Exception {
    harness.close();
  }

  private static HttpResponse<String> initializeWith(String token) throws Exception {
    RawMcpSession session = new RawMcpSession(harness.mcpUri(), token);
    return session.post(
        "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
            + "\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}");
  }

  private static void assertRefused(HttpResponse<String> response) {
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer realm=\"gatehouse\""));
    assertThat(response.body())
        .doesNotContain("Exception")
        .doesNotContain("expired")
        .doesNotContain("signature");
  }

  @Test
  void aValidTokenOpensASession() throws Exception {
    HttpResponse<String> response = initializeWith(harness.token("good-agent"));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Mcp-Session-Id")).isPresent();
  }

  @Test
  void noTokenIsRefusedWithAChallenge() throws Exception {
    HttpResponse<String> response = initializeWith(null);
    assertRefused(response);
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .hasValue("Bearer realm=\"gatehouse\"");
  }

  @Test
  void aTokenWithAnEditedPayloadIsRefused() throws Exception {
    String[] parts = harness.token("victim").split("\\.");
    String payload =
        new String(Base64.getUrlDecoder().decode(parts[1])).replace("victim", "admin1");
    String forged =
        parts[0]
            + "."
            + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes())
            + "."
            + parts[2];
    assertRefused(initializeWith(forged));
  }

  @Test
  void anExpiredTokenIsRefused() throws Exception {
    InstantSource lastWeek = InstantSource.fixed(Instant.now().minus(Duration.ofDays(7)));
    SigningKeys keys = new SigningKeys(new FileSigningKeyStore(data), lastWeek);
    String expired =
        new TokenIssuer(keys, harness.gateway().agents(), lastWeek)
            .issue("old-agent", Set.of(), Duration.ofHours(1));
    assertRefused(initializeWith(expired));
  }

  @Test
  void aRevokedTokenIsRefusedWithinOneSecond() throws Exception {
    String token = harness.token("soon-revoked");
    assertThat(initializeWith(token).statusCode()).isEqualTo(200);
    harness.gateway().agents().revokeAll("soon-revoked", Instant.now());
    await()
        .atMost(TokenVerifier.REVOCATION_DELAY.plusMillis(500))
        .until(() -> initializeWith(token).statusCode() == 401);
    assertRefused(initializeWith(token));
  }

  @Test
  void anUnsignedAlgNoneTokenIsRefused() throws Exception {
    String unsigned = new PlainJWT(claims("none-agent", UUID.randomUUID().toString())).serialize();
    assertRefused(initializeWith(unsigned));
  }

  @Test
  void aTokenSignedWithAnotherKeyIsRefused() throws Exception {
    ECKey other =
        new ECKeyGenerator(Curve.P_256)
            .keyID(new FileSigningKeyStore(data).read().current().getKeyID())
            .generate();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.ES256)
                .keyID(other.getKeyID())
                .type(JOSEObjectType.JWT)
                .build(),
            claims("intruder", UUID.randomUUID().toString()));
    jwt.sign(new ECDSASigner(other));
    assertRefused(initializeWith(jwt.serialize()));
  }

  @Test
  void anHmacTokenKeyedWithThePublicKeyIsRefused() throws Exception {
    byte[] publicKeyAsSecret =
        new FileSigningKeyStore(data)
            .read()
            .current()
            .toPublicJWK()
            .toJSONString()
            .repeat(2)
            .getBytes();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader(JWSAlgorithm.HS256), claims("hmac-agent", UUID.randomUUID().toString()));
    jwt.sign(new MACSigner(publicKeyAsSecret));
    assertRefused(initializeWith(jwt.serialize()));
  }

  @Test
  void aSessionCannotBeUsedWithAnotherAgentsToken() throws Exception {
    RawMcpSession owner = new RawMcpSession(harness.mcpUri(), harness.token("owner")).open();
    RawMcpSession thief = new RawMcpSession(harness.mcpUri(), harness.token("thief"));
    HttpResponse<String> response =
        thief.http(owner.sessionId(), "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}");
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("another agent");
  }

  @Test
  void aForeignOriginIsRefusedBeforeAuthentication() throws Exception {
    RawMcpSession session = new RawMcpSession(harness.mcpUri(), harness.token("browser"));
    HttpResponse<String> response =
        java.net.http.HttpClient.newHttpClient()
            .send(
                session.request("{}").header("Origin", "http://evil.example").build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(403);
  }

  @Test
  void aForeignHostIsRefused() throws Exception {
    java.net.Socket socket = new java.net.Socket("127.0.0.1", harness.port());
    try (socket) {
      socket
          .getOutputStream()
          .write(
              ("POST /mcp HTTP/1.1\r\nHost: rebind.evil.example\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}")
                  .getBytes());
      String status = new String(socket.getInputStream().readNBytes(12));
      assertThat(status).isEqualTo("HTTP/1.1 421");
    }
  }

  private static JWTClaimsSet claims(String agent, String tokenId) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .issuer("gatehouse")
        .subject(agent)
        .jwtID(tokenId)
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(3600)))
        .build();
  }
}
