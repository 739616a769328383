package dev.gatehouse.shield.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * JSON Web Tokens: three base64url segments (the last may be empty, for {@code alg: none}) whose
 * first decodes to a JSON object naming an {@code alg}. The header check keeps other dotted base64
 * out.
 */
final class JwtToken {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JwtToken() {}

  static Finder finder() {
    return new AnchoredRegex(
        Anchors.literals("eyJ"),
        Pattern.compile(
            "(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{2,2000}+\\.[A-Za-z0-9_-]{2,16000}+"
                + "\\.[A-Za-z0-9_-]{0,4000}+(?![A-Za-z0-9_-])"),
        0,
        JwtToken::hasAlgHeader);
  }

  static boolean hasAlgHeader(String token) {
    String header = token.substring(0, token.indexOf('.'));
    try {
      JsonNode node = JSON.readTree(Base64.getUrlDecoder().decode(header));
      return node != null && node.isObject() && node.hasNonNull("alg");
    } catch (IllegalArgumentException | IOException e) {
      return false;
    }
  }
}
