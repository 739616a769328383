package dev.gatehouse.approvals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class BindingTest {
  final ObjectMapper json = new ObjectMapper();

  @Test
  void theDigestIgnoresKeyOrderAndWhiteSpaceButNothingElse() throws Exception {
    String a = Binding.digest(json.readTree("{\"b\":1,\"a\":{\"y\":[1,2],\"x\":\"s\"}}"));
    String b = Binding.digest(json.readTree("{ \"a\": {\"x\":\"s\",\"y\":[1, 2]}, \"b\": 1 }"));
    assertEquals(a, b);
    assertEquals(64, a.length());
    assertNotEquals(a, Binding.digest(json.readTree("{\"b\":1,\"a\":{\"y\":[2,1],\"x\":\"s\"}}")));
    assertNotEquals(
        a, Binding.digest(json.readTree("{\"b\":\"1\",\"a\":{\"y\":[1,2],\"x\":\"s\"}}")));
  }

  @Test
  void theCanonicalFormSortsKeysAndEscapesThem() throws Exception {
    StringBuilder out = new StringBuilder();
    Binding.canonical(json.readTree("{\"z\":null,\"a\\\"b\":true,\"m\":[{\"d\":1,\"c\":2}]}"), out);
    assertEquals("{\"a\\\"b\":true,\"m\":[{\"c\":2,\"d\":1}],\"z\":null}", out.toString());
  }
}
