package dev.gatehouse.shield.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * JSON Web Tokens: three base64url segments whose first decodes to a JSON object naming an {@code
 * alg}. The header check keeps other dotted base64 (and anything else starting {@code eyJ}) out.
 */
final class JwtFinder implements Finder {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_HEADER = 2_000;

  private final AnchoredRegex shape =
      new AnchoredRegex(
          Anchors.literals("eyJ"),
          Pattern.compile(
              "(?<![A-Za-z0-9_-])(eyJ[A-Za-z0-9_-]{2,"
                  + MAX_HEADER
                  + "})\\.[A-Za-z0-9_-]{2,16000}\\.[A-Za-z0-9_-]{0,4000}(?![A-Za-z0-9_-])"),
          0,
          JwtFinder::hasAlgHeader);

  @Override
  public void findAll(String text, List<Match> found) {
    shape.findAll(text, found);
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
